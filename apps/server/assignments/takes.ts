// The clock of a timed assignment, owned by the server: the candidate's Start records the
// deadline, and at the deadline the take finishes and the latest draft of each kata is
// submitted — by a timer set from the database (also after a restart), and by a check on every
// request, whichever comes first. Nothing the browser says about time counts.
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { AssignmentStatus, AssignmentSummary } from '../../contract/index.js';
import { HttpError, notFound, toHttpError } from '../errors.js';
import type { KataIndex } from '../katas.js';
import type { Store } from '../storage/store.js';
import type { Submitter } from '../submitter.js';
import type { AssignmentRecord } from './store.js';

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');
export const newToken = () => crypto.randomBytes(32).toString('base64url');

/** The learner id a take's submissions are stored under; no cookie hash can look like it. */
export const takeLearner = (a: Pick<AssignmentRecord, 'id'>) => `take:${a.id}`;

export function statusOf(a: AssignmentRecord, now = Date.now()): AssignmentStatus {
  if (a.cancelledAt) return 'cancelled';
  if (a.finishedAt) return 'finished';
  if (a.startedAt) return 'in_progress';
  if (Date.parse(a.linkExpiresAt) <= now) return 'expired';
  return a.openedAt ? 'opened' : 'created';
}

/** setTimeout holds at most about 24.8 days; a later deadline is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Takes {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly katas: KataIndex,
    private readonly submitter: Submitter,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** The assignment the link's token opens, its clock settled; 404 for a token that opens none. */
  async byToken(token: string): Promise<AssignmentRecord> {
    const found = await this.store.assignments.byToken(hashToken(token));
    if (!found) throw notFound('This link does not open any assignment.');
    return this.settle(found);
  }

  /** Finishes a take whose deadline has passed (the timer may not have fired yet); returns it as stored now. */
  async settle(a: AssignmentRecord): Promise<AssignmentRecord> {
    if (statusOf(a) === 'in_progress' && Date.parse(a.deadlineAt!) <= Date.now()) {
      await this.finish(a);
      return (await this.store.assignments.byId(a.id))!;
    }
    return a;
  }

  /** A take the candidate may work on: started, before its deadline. */
  requireRunning(a: AssignmentRecord): void {
    const status = statusOf(a);
    if (status === 'in_progress') return;
    if (status === 'created' || status === 'opened') throw new HttpError(409, 'take_not_started', 'Start the assignment first.');
    throw new HttpError(410, 'take_closed', `This assignment is ${status.replace('_', ' ')}; it accepts nothing more.`);
  }

  async start(a: AssignmentRecord): Promise<AssignmentRecord> {
    const status = statusOf(a);
    if (status !== 'created' && status !== 'opened') {
      if (status === 'in_progress') return a;
      throw new HttpError(410, 'take_closed', `This assignment is ${status.replace('_', ' ')}.`);
    }
    const now = Date.now();
    await this.store.assignments.start(a.id, new Date(now).toISOString(), new Date(now + a.minutes * 60_000).toISOString());
    const started = (await this.store.assignments.byId(a.id))!;
    this.schedule(started);
    return started;
  }

  /** More time: a later deadline for a take in progress, a longer limit for one not started. */
  async extend(a: AssignmentRecord, minutes: number): Promise<AssignmentRecord> {
    const status = statusOf(a);
    if (status === 'finished' || status === 'cancelled' || status === 'expired') throw new HttpError(409, 'take_closed', `The assignment is ${status}; there is no clock to extend.`);
    if (status === 'in_progress') await this.store.assignments.setDeadline(a.id, new Date(Date.parse(a.deadlineAt!) + minutes * 60_000).toISOString());
    else await this.store.assignments.setMinutes(a.id, a.minutes + minutes);
    const updated = (await this.store.assignments.byId(a.id))!;
    if (status === 'in_progress') this.schedule(updated);
    return updated;
  }

  async cancel(a: AssignmentRecord): Promise<AssignmentRecord> {
    const status = statusOf(a);
    if (status === 'finished' || status === 'cancelled') throw new HttpError(409, 'take_closed', `The assignment is ${status} already.`);
    await this.store.assignments.cancel(a.id, new Date().toISOString());
    clearTimeout(this.timers.get(a.id));
    this.timers.delete(a.id);
    return (await this.store.assignments.byId(a.id))!;
  }

  /**
   * The candidate's Finish, or the deadline: recorded once (the store's update is conditional,
   * so a timer and a request racing each other finish it once), then the drafts left are handed
   * in, in the background.
   */
  async finish(a: AssignmentRecord): Promise<void> {
    clearTimeout(this.timers.get(a.id));
    this.timers.delete(a.id);
    // The recorded finish is never after the deadline, however late the server noticed it.
    const at = Math.min(Date.now(), a.deadlineAt ? Date.parse(a.deadlineAt) : Date.now());
    // Cancelled meanwhile, or finished by another path: nothing left to hand in.
    if (await this.store.assignments.finish(a.id, new Date(at).toISOString())) this.handIn(a);
  }

  /** At start-up: timers for the takes in progress (overdue ones finish now), and drafts a stop left unsubmitted. */
  resume(): void {
    void (async () => {
      for (const a of await this.store.assignments.running()) this.schedule(a);
      for (const a of await this.store.assignments.awaitingAutoSubmit()) this.handIn(a);
    })().catch((err: Error) => this.log.error({ err }, 'the clocks of running assignments were not restored'));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The interviewer's row: status, best score per kata, time used. */
  async summary(a: AssignmentRecord): Promise<AssignmentSummary> {
    const katas = [];
    for (const slug of a.katas) {
      const submissions = await this.store.listSubmissions(takeLearner(a), slug, 1000);
      const scores = submissions.map((s) => s.score).filter((s): s is number => s !== null);
      katas.push({ slug, title: this.katas.find(slug)?.meta.title ?? slug, score: scores.length ? Math.max(...scores) : null });
    }
    const end = a.finishedAt ?? a.cancelledAt;
    return {
      id: a.id,
      owner: a.ownerEmail,
      candidateName: a.candidateName,
      candidateEmail: a.candidateEmail,
      status: statusOf(a),
      minutes: a.minutes,
      katas,
      createdAt: a.createdAt,
      linkExpiresAt: a.linkExpiresAt,
      startedAt: a.startedAt,
      deadlineAt: a.deadlineAt,
      finishedAt: a.finishedAt,
      timeUsedSeconds: a.startedAt && end ? Math.round((Date.parse(end) - Date.parse(a.startedAt)) / 1000) : null,
      rating: a.rating,
      recommendation: a.recommendation,
    };
  }

  private schedule(a: AssignmentRecord): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(a.id));
    const ms = Math.max(0, Date.parse(a.deadlineAt!) - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(a.id);
      const fire = async () => {
        const latest = await this.store.assignments.byId(a.id);
        if (!latest || statusOf(latest) !== 'in_progress') return;
        // Extended meanwhile, or a timer capped at its maximum: wait again.
        if (Date.parse(latest.deadlineAt!) > Date.now()) this.schedule(latest);
        else await this.settle(latest);
      };
      fire().catch((err: Error) => this.log.error({ err }, `assignment ${a.id} did not finish at its deadline`));
    }, Math.min(ms, MAX_TIMER_MS));
    // A running clock is no reason to keep the process alive; the next start sets it again.
    timer.unref();
    this.timers.set(a.id, timer);
  }

  /** Submits the drafts left; what a stop cuts short is handed in after the next start. */
  private handIn(a: AssignmentRecord): void {
    this.submitDrafts(a).catch((err: Error) => this.log.error({ err }, `the drafts of assignment ${a.id} were not submitted`));
  }

  /**
   * Submits each kata's latest draft unless that very code was submitted already, so a retry
   * after a restart submits nothing twice; when no run can be taken now it waits its turn.
   */
  private async submitDrafts(a: AssignmentRecord): Promise<void> {
    const drafts = await this.store.assignments.drafts(a.id);
    for (const slug of a.katas) {
      const code = drafts.get(slug);
      const kata = this.katas.find(slug);
      if (code === undefined || !kata) continue;
      const [latest] = await this.store.listSubmissions(takeLearner(a), slug, 1);
      if (latest && (await this.store.getSubmission(takeLearner(a), latest.id))?.code === code) continue;
      for (;;) {
        if (this.closed) return;
        try {
          await this.submitter.submit(takeLearner(a), kata, code);
          await this.store.assignments.addSnapshot(a.id, { kata: slug, at: new Date().toISOString(), kind: 'submit', code });
          break;
        } catch (err) {
          // Busy, or (with a run queue) no runner alive or Redis away: come back when told.
          const refused = toHttpError(err as Error);
          if (refused.statusCode !== 503) throw err;
          await sleep(Number(refused.headers['retry-after'] ?? 5) * 1000, undefined, { ref: false });
        }
      }
    }
    await this.store.assignments.markAutoSubmitted(a.id, new Date().toISOString());
  }
}

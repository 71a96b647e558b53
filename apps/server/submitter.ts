// Submit: the submission is stored as "queued" (with the seed it will run with) before it runs,
// and the answer goes out at once; the verdict is recorded when it comes, and only then told to
// whoever watches. A restart finds what was cut short and runs it again with the same seed, so
// nothing a learner submitted is lost and no learner is shown a verdict that was not stored.
import crypto from 'node:crypto';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { BusyError, type Kata, type Runner, type RunJob, type RunResult, type TypeChecker } from '../../sandbox/index.js';
import type { Submission } from '../contract/index.js';
import { HttpError } from './errors.js';
import type { ProgressHub } from './progress.js';
import { Recorder } from './recorder.js';
import type { QuotaCheck, Store, UnfinishedSubmission } from './storage/store.js';

export const randomSeed = () => crypto.randomInt(0, 2 ** 32);

/**
 * The runner tells "busy" by a promise rejected at once. Waiting one turn of the event loop
 * tells such a refusal apart from a run that was taken; the verdict itself comes later.
 */
async function accepted(verdict: Promise<RunResult>): Promise<void> {
  let refused: unknown;
  verdict.catch((err: unknown) => {
    if (err instanceof BusyError) refused = err;
  });
  await nextTurn();
  if (refused) throw refused;
}

/** What a submission may carry besides its code: the quota to check as it is stored, and what the practice timer read (practice.ts). */
export interface SubmitOptions {
  quota?: QuotaCheck;
  timeTakenSeconds?: number | null;
}

/** Takes submissions: stores each as queued, has it run, and sees its verdict recorded. */
export interface Submitter {
  /**
   * Stores the submission as queued and starts its run: `queued` is the stored row, `done` the
   * stored row with its verdict (undefined when the server stopped first: the row stays queued).
   * Throws (and stores nothing) when no run can be taken now, and the quota's error when the
   * submission would pass it.
   */
  submit(learner: string, kata: Kata, code: string, options?: SubmitOptions): Promise<{ queued: Submission; done: Promise<Submission | undefined> }>;
  /** Has the submissions still queued in the store run, in the background. */
  resumeUnfinished(): void;
  /** Stops taking submissions and gives the runs in flight up to `graceMs` to be recorded. */
  drain(graceMs: number): Promise<void>;
  /** Resolves once the background work has ended. */
  idle(): Promise<void>;
}

/** Submissions run on this process's own runner (the in-process pool). */
export class LocalSubmitter implements Submitter {
  private accepting = true;
  private readonly recorder: Recorder;
  private readonly running = new Set<Promise<unknown>>();
  private requeue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly runner: Runner,
    typeChecker: TypeChecker,
    private readonly progress: ProgressHub,
    private readonly log: FastifyBaseLogger,
  ) {
    this.recorder = new Recorder(store, typeChecker, progress, log);
  }

  /** Throws BusyError (and stores nothing) when the runner is full. */
  async submit(learner: string, kata: Kata, code: string, options: SubmitOptions = {}): Promise<{ queued: Submission; done: Promise<Submission | undefined> }> {
    if (!this.accepting) throw new HttpError(503, 'shutting_down', 'The server is restarting; try again in a few seconds.', { 'retry-after': '5' });
    await this.store.keepKataVersion(kata.bundle);
    const seed = randomSeed();
    const queued = await this.store.addSubmission({ learner, kata: kata.meta.slug, kataVersion: kata.meta.version, code, seed, timeTakenSeconds: options.timeTakenSeconds ?? null }, options.quota);
    const job: RunJob = { kata: kata.meta.slug, version: kata.meta.version, code, mode: 'submit', seed, key: learner };
    this.progress.open(queued.id);
    const verdict = this.runner.run(job, (probe) => this.progress.probe(queued.id, probe));
    try {
      await accepted(verdict);
    } catch (err) {
      this.progress.end(queued.id);
      await this.store.deleteSubmission(queued.id);
      throw err;
    }
    const done = this.track(this.recorder.finish(queued.id, job, verdict, learner));
    // Whoever answered 202 does not wait for it; a failure is logged where it happens.
    done.catch(() => undefined);
    return { queued, done };
  }

  /** Runs, in the background and one at a time, the submissions a previous process left unfinished. */
  resumeUnfinished(): void {
    this.requeue = this.store.unfinishedSubmissions().then(async (unfinished) => {
      if (unfinished.length > 0) this.log.info(`re-running ${unfinished.length} submission(s) left unfinished by the last run of the server`);
      // Watchers who connect meanwhile are told the verdict when it comes.
      for (const submission of unfinished) this.progress.open(submission.id);
      for (const submission of unfinished) {
        if (!this.accepting) return;
        await this.track(this.rerun(submission));
      }
    });
    this.requeue.catch((err: Error) => this.log.error({ err }, 're-running unfinished submissions failed'));
  }

  /**
   * Stops taking submissions, gives the runs in flight up to `graceMs` to finish and be
   * recorded, and from then on records nothing: what is still queued runs again on the next
   * start, with the same seed.
   */
  async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    await Promise.race([Promise.allSettled([...this.running]), sleep(graceMs, undefined, { ref: false })]);
    this.recorder.stopped = true;
  }

  /** Resolves once the background re-runs have ended. */
  async idle(): Promise<void> {
    await this.requeue.catch(() => undefined);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  private async rerun(submission: UnfinishedSubmission): Promise<void> {
    const seed = submission.seed ?? randomSeed();
    if (submission.seed === null) await this.store.fixSeed(submission.id, seed);
    // One line for all of them: live learners' runs take turns with it, not after it.
    const job: RunJob = { kata: submission.kata, version: submission.kataVersion, code: submission.code, mode: 'submit', seed, key: 'resumed' };
    while (this.accepting) {
      const verdict = this.runner.run(job, (probe) => this.progress.probe(submission.id, probe));
      try {
        await accepted(verdict);
      } catch (err) {
        if (!(err instanceof BusyError)) throw err;
        // Live learners come first; come back when the queue has room.
        await sleep(err.retryAfterSeconds * 1000);
        continue;
      }
      await this.recorder.finish(submission.id, job, verdict, `resumed:${submission.id}`);
      return;
    }
  }
}

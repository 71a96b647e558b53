// Submissions when runs go through the queue: the row is stored as queued (the source of truth)
// and its id goes on the queue; a runner worker records the verdict, and its events come back
// through Redis into this process's hub. What the store still has queued is enqueued again at
// start-up and whenever Redis comes back, under the submission's own job id, so nothing queued is
// lost with Redis and nothing runs twice because it was enqueued twice.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { platformError, type Kata } from '../../../sandbox/index.js';
import type { Submission } from '../../contract/index.js';
import { HttpError } from '../errors.js';
import type { ProgressHub } from '../progress.js';
import type { Store } from '../storage/store.js';
import { randomSeed, type SubmitOptions, type Submitter } from '../submitter.js';
import type { RunQueue } from './run-queue.js';

/** How often one waiting for a verdict also looks in the store, in case its event was lost with Redis. */
const LOOK_MS = 2000;
/** How soon enqueueing what is queued is tried again when Redis is not back yet. */
const RETRY_MS = 1000;

export class QueuedSubmitter implements Submitter {
  private accepting = true;
  private resuming: Promise<void> = Promise.resolve();
  /** Verdicts waited for (`?wait=true`): a stopping server gives them its grace, then lets go. */
  private readonly waits = new Set<Promise<unknown>>();
  private stopped = false;
  private letGo: () => void = () => undefined;
  /** Resolves when a stopping server lets go of the verdicts it still waits for. */
  private readonly stopping = new Promise<undefined>((resolve) => (this.letGo = () => resolve(undefined)));

  constructor(
    private readonly store: Store,
    private readonly queue: RunQueue,
    private readonly progress: ProgressHub,
    private readonly log: FastifyBaseLogger,
  ) {
    queue.attach(progress);
    queue.onReconnect(() => {
      this.log.info('the run queue is back; enqueueing again what is still queued');
      this.resumeUnfinished();
    });
    queue.onSubmissionFailed((id, reason) => void this.recordFailure(id, reason));
  }

  async submit(learner: string, kata: Kata, code: string, options: SubmitOptions = {}): Promise<{ queued: Submission; done: Promise<Submission | undefined> }> {
    if (!this.accepting) throw new HttpError(503, 'shutting_down', 'The server is restarting; try again in a few seconds.', { 'retry-after': '5' });
    const admitted = await this.queue.admit();
    let queued: Submission;
    try {
      // A runner without this version installed reads it from the store.
      await this.store.keepKataVersion(kata.bundle);
      const seed = randomSeed();
      queued = await this.store.addSubmission({ learner, kata: kata.meta.slug, kataVersion: kata.meta.version, code, seed, timeTakenSeconds: options.timeTakenSeconds ?? null }, options.quota);
      this.progress.open(queued.id);
      try {
        await this.queue.enqueueSubmission({ submission: queued.id, kata: kata.meta.slug, version: kata.meta.version, seed, mode: 'submit' }, { announce: true });
      } catch (err) {
        this.progress.end(queued.id);
        await this.store.deleteSubmission(queued.id);
        throw err;
      }
    } finally {
      admitted();
    }
    const done = this.verdictOf(learner, queued.id);
    this.waits.add(done);
    void done.finally(() => this.waits.delete(done));
    return { queued, done };
  }

  resumeUnfinished(): void {
    this.resuming = this.resuming.then(async () => {
      // Redis may be back for one connection and not yet for another: try until it takes them.
      while (this.accepting) {
        try {
          await this.enqueueUnfinished();
          return;
        } catch (err) {
          this.log.warn(`enqueueing the queued submissions again failed (${(err as Error).message}); trying again`);
          await Promise.race([sleep(RETRY_MS, undefined, { ref: false }), this.stopping]);
        }
      }
    });
  }

  private async enqueueUnfinished(): Promise<void> {
    for (const submission of await this.store.unfinishedSubmissions()) {
      if (!this.accepting) return;
      const seed = submission.seed ?? randomSeed();
      if (submission.seed === null) await this.store.fixSeed(submission.id, seed);
      await this.queue.enqueueSubmission({ submission: submission.id, kata: submission.kata, version: submission.kataVersion, seed, mode: 'submit' }, { announce: false });
    }
  }

  async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    await Promise.race([Promise.allSettled([...this.waits]), sleep(graceMs, undefined, { ref: false })]);
    this.stopped = true;
    this.letGo();
  }

  async idle(): Promise<void> {
    await this.resuming;
  }

  /** The stored row once it has its verdict: told by its event, or found in the store; undefined when this server stops first. */
  private async verdictOf(learner: string, id: string): Promise<Submission | undefined> {
    let told: (submission: Submission) => void = () => undefined;
    const event = new Promise<Submission>((resolve) => (told = resolve));
    const watch = this.progress.watch(id, 0, (e) => e.event === 'verdict' && told(e.data));
    for (const e of watch?.past ?? []) if (e.event === 'verdict') told(e.data);
    try {
      while (!this.stopped) {
        const found = await Promise.race([event, sleep(LOOK_MS, undefined, { ref: false }), this.stopping]);
        if (found) return found;
        const stored = await this.store.getSubmission(learner, id);
        if (!stored || stored.status !== 'queued') return stored;
      }
      return undefined;
    } finally {
      watch?.stop();
    }
  }

  /** A job the queue gave up on (its runner died twice) gets the platform's error as its verdict, once, whichever web process records it. */
  private async recordFailure(id: string, reason: string): Promise<void> {
    try {
      const submission = await this.store.unfinishedSubmission(id);
      if (!submission) return;
      const message = /stalled/i.test(reason)
        ? 'The runner stopped twice while running this code; it was not tried again.'
        : `Katabox failed to run the code: ${reason}`;
      const result = platformError({ kata: submission.kata, version: submission.kataVersion, mode: 'submit', seed: submission.seed ?? 0 }, message);
      const stored = await this.store.finishSubmission(id, result);
      if (!stored) return;
      this.queue.publisher.verdict(id, stored);
      this.queue.publisher.end(id);
    } catch (err) {
      this.log.error({ err }, `the failure of submission ${id} was not recorded`);
    }
  }
}

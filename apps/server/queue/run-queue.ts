// The runner of a web process that has no runs of its own: every run goes on the BullMQ queue,
// and runner workers (`katabox runner`) take them. Runs whose verdict is not stored (Run, a
// re-run) are waited for here; a stored submission's job only names it, and the worker records
// its verdict. Nothing is taken when no worker is alive or the queue is full: the answer is 503.
import crypto from 'node:crypto';
import { QueueEvents, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BusyError, platformError, requestPlatformError, type ProbeListener, type RequestJob, type RequestResult, type Runner, type RunJob, type RunResult } from '../../../sandbox/index.js';
import { HttpError } from '../errors.js';
import type { ProgressHub } from '../progress.js';
import { liveWorkers } from './heartbeats.js';
import { codeJobId, isSendJob, submissionJobId, submissionOfJob, type CodeJob, type JobResult, type QueueJob, type SendJob, type SubmissionJob } from './jobs.js';
import { QUEUE_NAME, redisOptions } from './names.js';
import { ProgressPublisher, ProgressReceiver } from './progress-channel.js';

/** Jobs that may wait per run a live worker takes at once, as the in-process pool allows per slot. */
const WAITING_PER_SLOT = 4;
/** How often the counts behind admission and /api/health are read. */
const COUNT_MS = 1000;
/** A run whose verdict has not come by then is given up (a lost queue, say). */
const WAIT_MS = 120_000;
/** Finished jobs whose result another web process may still be about to read. */
const KEEP = { age: 60 };

export interface QueueLoad {
  running: number;
  queued: number;
  workers: number;
}

export class RunQueue implements Runner {
  readonly publisher: ProgressPublisher;
  private readonly receiver = new ProgressReceiver();
  private counts = { workers: 0, slots: 0, waiting: 0, active: 0, reachable: false };
  /** Runs admitted and not yet on the queue. */
  private admitting = 0;
  private recentMs = 1000;
  private readonly timer: NodeJS.Timeout;
  private readonly reconnected: Array<() => void> = [];
  private readonly failed: Array<(submission: string, reason: string) => void> = [];

  private constructor(
    private readonly queue: Queue<QueueJob, JobResult, string, QueueJob>,
    private readonly events: QueueEvents,
    private readonly redis: Redis,
    private readonly subscriber: Redis,
  ) {
    this.publisher = new ProgressPublisher(redis);
    this.timer = setInterval(() => void this.count(), COUNT_MS);
    this.timer.unref();
    // Connected already: each 'ready' from now on is Redis back (perhaps empty, after a restart), and
    // whoever listens enqueues again what the store still has queued.
    subscriber.on('ready', () => {
      for (const listener of this.reconnected) listener();
    });
    events.on('failed', ({ jobId, failedReason }) => {
      const submission = submissionOfJob(jobId);
      if (submission) for (const listener of this.failed) listener(submission, failedReason);
    });
  }

  /** Connects to the queue at `url`; fails when Redis cannot be reached. */
  static async open(url: string): Promise<RunQueue> {
    const options = redisOptions(url);
    // Commands fail at once while Redis is away (the API says 503), rather than waiting in a queue of their own.
    const redis = new Redis({ ...options, enableOfflineQueue: false, lazyConnect: true });
    const subscriber = new Redis({ ...options, maxRetriesPerRequest: null, lazyConnect: true });
    redis.on('error', () => undefined);
    subscriber.on('error', () => undefined);
    try {
      await redis.connect();
      await subscriber.connect();
    } catch (err) {
      redis.disconnect();
      subscriber.disconnect();
      throw new Error(`cannot reach the queue at ${url}: ${(err as Error).message}`);
    }
    const queue = new Queue<QueueJob, JobResult, string, QueueJob>(QUEUE_NAME, { connection: { ...options, enableOfflineQueue: false } });
    const events = new QueueEvents(QUEUE_NAME, { connection: options });
    queue.on('error', () => undefined);
    events.on('error', () => undefined);
    await events.waitUntilReady();
    const runQueue = new RunQueue(queue, events, redis, subscriber);
    await runQueue.receiver.listen(subscriber);
    await runQueue.count();
    return runQueue;
  }

  /** Progress events of stored submissions go into this hub. */
  attach(hub: ProgressHub): void {
    this.receiver.hub = hub;
  }

  onReconnect(listener: () => void): void {
    this.reconnected.push(listener);
  }

  /** A submission's job failed for good (its worker died twice): someone must record that. */
  onSubmissionFailed(listener: (submission: string, reason: string) => void): void {
    this.failed.push(listener);
  }

  /**
   * Takes a place in the queue for a run about to be enqueued, and returns what gives it back once
   * the job is on the queue (or was not put there); throws the 503 to answer when no run can be taken now.
   */
  async admit(): Promise<() => void> {
    const { workers, slots } = this.counts;
    if (workers === 0 && this.counts.reachable) throw new HttpError(503, 'no_runner', 'No runner is taking runs right now; try again in a few seconds.', { 'retry-after': '5' });
    // The depth now, not a second ago: runs come and go in less.
    const waiting = (await this.reaching(() => this.waitingJobs())) + this.admitting;
    if (waiting >= slots * WAITING_PER_SLOT) {
      const waves = Math.ceil((waiting + 1) / slots);
      throw new BusyError(Math.max(1, Math.ceil((waves * this.recentMs) / 1000)));
    }
    // Counted until enqueued, so that requests arriving together do not all take the last place.
    this.admitting++;
    let given = false;
    return () => {
      if (!given) this.admitting--;
      given = true;
    };
  }

  /** Puts a stored submission's run on the queue, once: enqueued again, it is the same job. */
  async enqueueSubmission(job: SubmissionJob, options: { announce: boolean }): Promise<void> {
    await this.reaching(async () => {
      if (options.announce) await this.publisher.open(job.submission);
      await this.queue.add('submit', job, { jobId: submissionJobId(job.submission), removeOnComplete: true, removeOnFail: KEEP });
    });
  }

  async run(job: RunJob, onProbe: ProbeListener = () => undefined): Promise<RunResult> {
    const data: CodeJob = { kata: job.kata, version: job.version, seed: job.seed, mode: job.mode, code: job.code, ...(job.limits ? { limits: job.limits } : {}) };
    const result = await this.waitFor<RunResult>(data, onProbe, (message) => platformError(job, `Katabox failed to run the code: ${message}`));
    if (result.timings.totalMs > 0) this.recentMs = Math.round(0.8 * this.recentMs + 0.2 * result.timings.totalMs);
    return result;
  }

  send(job: RequestJob): Promise<RequestResult> {
    const data: SendJob = { kata: job.kata, version: job.version, code: job.code, request: job.request, ...(job.limits ? { limits: job.limits } : {}) };
    return this.waitFor<RequestResult>(data, () => undefined, (message) => requestPlatformError(job, `Katabox failed to send the request: ${message}`));
  }

  /** Puts a job whose result is not stored on the queue and waits for its result, telling its probes as they come. */
  private async waitFor<R>(data: CodeJob | SendJob, onProbe: ProbeListener, fail: (message: string) => R): Promise<R> {
    const admitted = await this.admit();
    const id = codeJobId(crypto.randomUUID());
    this.receiver.listeners.set(id, { onProbe, told: 0 });
    try {
      const added = await this.reaching(() => this.queue.add(isSendJob(data) ? 'send' : 'run', data, { jobId: id, removeOnComplete: KEEP, removeOnFail: KEEP })).finally(admitted);
      return (await added.waitUntilFinished(this.events, WAIT_MS)) as R;
    } catch (err) {
      if (err instanceof HttpError) throw err;
      return fail((err as Error).message);
    } finally {
      this.receiver.listeners.delete(id);
    }
  }

  get load(): QueueLoad {
    return { running: this.counts.active, queued: this.counts.waiting, workers: this.counts.workers };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  /** Redis away is a 503 for the asker, not a server fault. */
  private async reaching<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new HttpError(503, 'queue_unavailable', 'The run queue cannot be reached right now; try again in a few seconds.', { 'retry-after': '5' });
    }
  }

  private async waitingJobs(): Promise<number> {
    const jobs = await this.queue.getJobCounts('waiting', 'prioritized');
    return (jobs.waiting ?? 0) + (jobs.prioritized ?? 0);
  }

  private async count(): Promise<void> {
    try {
      const [workers, jobs] = await Promise.all([liveWorkers(this.redis), this.queue.getJobCounts('waiting', 'prioritized', 'active')]);
      this.counts = { ...workers, waiting: (jobs.waiting ?? 0) + (jobs.prioritized ?? 0), active: jobs.active ?? 0, reachable: true };
    } catch {
      this.counts = { ...this.counts, reachable: false };
    }
  }
}

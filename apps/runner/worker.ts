// A runner worker: takes runs from the queue, as many at once as it has cores, and runs them in
// a jail pool of its own. For a stored submission it reads the code from the store, records the
// verdict there (once: a retried job finds it recorded and stops) and tells the events through
// Redis; a run whose verdict is not stored gets its verdict back as the job's result. A worker
// killed mid-run stops renewing its jobs' locks, and BullMQ hands them to another worker, which
// runs them with the same seed.
import crypto from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { installedBundles, loadCatalog, platformError, requestPlatformError, RunPool, TypeChecker, type RunJob } from '../../sandbox/index.js';
import { beat } from '../server/queue/heartbeats.js';
import { isSendJob, isSubmissionJob, type JobResult, type QueueJob } from '../server/queue/jobs.js';
import { QUEUE_NAME, redisOptions } from '../server/queue/names.js';
import { ProgressPublisher } from '../server/queue/progress-channel.js';
import { Recorder } from '../server/recorder.js';
import { openStore } from '../server/storage/open.js';

export interface RunnerWorkerOptions {
  /** The queue's redis:// URL. */
  queue: string;
  /** The store the web processes use: a SQLite file (one machine) or a postgres:// URL. */
  db: string;
  /** Runs at once (default: the number of cores). */
  concurrency?: number;
  katasDir?: string;
  /**
   * How long a job's lock lasts without renewal: a worker silent for that long is taken for dead
   * and its runs go to another (default 30 s; renewed every half of it).
   */
  lockMs?: number;
  log?: Pick<Console, 'error' | 'warn'>;
}

export interface RunningWorker {
  id: string;
  concurrency: number;
  /** Takes no more runs, lets those in flight finish for up to `graceMs`, then stops; runs cut short go to another worker. */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_LOCK_MS = 30_000;
const DRAIN_MS = 10_000;

export async function startRunnerWorker(options: RunnerWorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? console;
  const connection = redisOptions(options.queue);
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const id = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const store = await openStore(options.db);
  const installed = installedBundles(loadCatalog(options.katasDir).katas);
  const pool = new RunPool({ bundles: async (slug, version) => (await installed(slug, version)) ?? store.kataVersion(slug, version), concurrency });
  const typeChecker = new TypeChecker();
  const redis = new Redis({ ...connection, maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const publisher = new ProgressPublisher(redis);
  const recorder = new Recorder(store, typeChecker, publisher, { error: ({ err }, message) => log.error(`${message}: ${(err as Error).message}`), warn: (message) => log.warn(message) });
  await pool.warm();

  const active = new Set<Promise<unknown>>();
  const take = async (job: Job<QueueJob>): Promise<JobResult> => {
    const data = job.data;
    if (isSubmissionJob(data)) {
      const submission = await store.unfinishedSubmission(data.submission);
      // Recorded already (a job run again after a fault, or enqueued again meanwhile): nothing to run.
      // Watchers may not have heard (the worker that recorded it died before telling): they read the row.
      if (!submission) {
        publisher.end(data.submission);
        return { recorded: false };
      }
      const run: RunJob = { kata: data.kata, version: data.version, code: submission.code, mode: 'submit', seed: data.seed };
      publisher.start(data.submission);
      const verdict = pool.run(run, (probe) => publisher.probe(data.submission, probe));
      return { recorded: Boolean(await recorder.finishAndTell(data.submission, run, verdict, submission.learner)) };
    }
    if (isSendJob(data)) return pool.send(data).catch((err: Error) => requestPlatformError(data, `Katabox failed to send the request: ${err.message}`));
    const run: RunJob = { ...data };
    publisher.start(job.id!);
    return pool.run(run, (probe) => publisher.probe(job.id!, probe)).catch((err: Error) => platformError(run, `Katabox failed to run the code: ${err.message}`));
  };
  const lockDuration = options.lockMs ?? DEFAULT_LOCK_MS;
  const worker = new Worker<QueueJob>(
    QUEUE_NAME,
    (job) => {
      const work = take(job);
      active.add(work);
      void work.finally(() => active.delete(work)).catch(() => undefined);
      return work;
    },
    // One run cut short by a dead worker is run again; a second time, the job fails and the web records the platform's error.
    { connection, concurrency, lockDuration, stalledInterval: Math.min(30_000, lockDuration), maxStalledCount: 1, name: id },
  );
  worker.on('error', (err) => log.error(`runner ${id}: ${err.message}`));
  await worker.waitUntilReady();
  const heartbeat = beat(redis, id, concurrency);

  return {
    id,
    concurrency,
    async close(graceMs = DRAIN_MS) {
      await worker.pause(true);
      await heartbeat.stop();
      await Promise.race([Promise.allSettled([...active]), sleep(graceMs, undefined, { ref: false })]);
      const cut = active.size > 0;
      // Runs still going are left to their locks' expiry: another worker runs them again, and this one records nothing more.
      if (cut) recorder.stopped = true;
      await worker.close(cut);
      await pool.close();
      await typeChecker.close();
      redis.disconnect();
      await store.close();
    },
  };
}

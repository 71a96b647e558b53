// Submit: the submission is stored as "queued" before it runs and updated with its verdict, so
// a restart finds what was cut short and runs it again; nothing a learner submitted is lost.
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { BusyError, type Kata, type Runner, type RunResult, type TypeChecker } from '../../sandbox/index.js';
import type { KataIndex } from './katas.js';
import type { Submission } from '../contract/index.js';
import type { Store, UnfinishedSubmission } from './storage/store.js';

export class Submitter {
  private stopping = false;
  private requeue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly runner: Runner,
    private readonly typeChecker: TypeChecker,
    private readonly katas: KataIndex,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Resolves with the stored submission and its verdict; throws BusyError (and stores nothing) when the queue is full. */
  async submit(learner: string, kata: Kata, code: string): Promise<Submission> {
    const submission = await this.store.addSubmission({ learner, kata: kata.meta.slug, kataVersion: kata.meta.version, code });
    const typeErrors = this.typeChecker.check(code, { key: learner });
    let result: RunResult;
    try {
      result = await this.runner.run(this.job(kata, code));
    } catch (err) {
      if (err instanceof BusyError) await this.store.deleteSubmission(submission.id);
      throw err;
    }
    if (result.status !== 'compile_error') result.diagnostics.push(...((await typeErrors) ?? []));
    await this.record(submission.id, result);
    return { ...submission, status: result.status, score: result.score, result, finishedAt: new Date().toISOString() };
  }

  /** Runs, in the background and one at a time, the submissions a previous process left unfinished. */
  resumeUnfinished(): void {
    this.requeue = this.store.unfinishedSubmissions().then(async (unfinished) => {
      if (unfinished.length > 0) this.log.info(`re-running ${unfinished.length} submission(s) left unfinished by the last run of the server`);
      for (const submission of unfinished) {
        if (this.stopping) return;
        await this.rerun(submission);
      }
    });
    this.requeue.catch((err: Error) => this.log.error({ err }, 're-running unfinished submissions failed'));
  }

  /** From now on, verdicts (cut short by the shutdown) are not recorded: their rows stay queued for the next start. */
  stop(): void {
    this.stopping = true;
  }

  /** Resolves once the background re-runs have ended. */
  async idle(): Promise<void> {
    await this.requeue.catch(() => undefined);
  }

  private async rerun(submission: UnfinishedSubmission): Promise<void> {
    const kata = this.katas.find(submission.kata);
    if (!kata) {
      this.log.warn(`submission ${submission.id} is for kata "${submission.kata}", which is no longer installed; it stays queued`);
      return;
    }
    while (!this.stopping) {
      try {
        const result = await this.runner.run(this.job(kata, submission.code));
        await this.record(submission.id, result);
        return;
      } catch (err) {
        if (!(err instanceof BusyError)) throw err;
        // Live learners come first; come back when the queue has room.
        await sleep(err.retryAfterSeconds * 1000);
      }
    }
  }

  private job(kata: Kata, code: string) {
    return { kata: kata.meta.slug, version: kata.meta.version, code, mode: 'submit' as const, seed: crypto.randomInt(0, 2 ** 32) };
  }

  private async record(id: number, result: RunResult): Promise<void> {
    if (this.stopping) return;
    await this.store.finishSubmission(id, result);
  }
}

// What follows a run of a stored submission, wherever it ran: the verdict is recorded once, then
// told; type errors follow when the checker has them, then the end. The web process does this for
// runs of its own pool; a queue's runner worker does it for the runs it takes.
import { platformError, type RunJob, type RunResult, type TypeChecker } from '../../sandbox/index.js';
import type { Submission } from '../contract/index.js';
import type { ProgressHub } from './progress.js';
import type { Store } from './storage/store.js';

/** Where a submission's events go: the hub its watchers read, or a channel to every web process's hub. */
export type ProgressSink = Pick<ProgressHub, 'probe' | 'verdict' | 'diagnostics' | 'end'>;

/** Fastify's logger in a web process, the console in a runner worker. */
export interface RecorderLog {
  error(details: { err: unknown }, message: string): void;
  warn(message: string): void;
}

export class Recorder {
  /** Set once a shutdown's grace is over: verdicts from then on may be cut short and are not recorded. */
  stopped = false;

  constructor(
    private readonly store: Store,
    private readonly typeChecker: TypeChecker,
    private readonly progress: ProgressSink,
    private readonly log: RecorderLog,
  ) {}

  /**
   * Records the verdict and tells it, then type-checks the code (`checkedFor` takes turns with other
   * learners); undefined when nothing was recorded (stopped, or a verdict was there already).
   * Type errors and the end are told later (finishAndTell waits for them too).
   */
  async finish(id: string, job: RunJob, verdict: Promise<RunResult>, checkedFor: string): Promise<Submission | undefined> {
    return (await this.record(id, job, verdict, checkedFor)).stored;
  }

  /** As finish, resolving only once everything is told: a worker killed before that has its job run again, which tells the end. */
  async finishAndTell(id: string, job: RunJob, verdict: Promise<RunResult>, checkedFor: string): Promise<Submission | undefined> {
    const { stored, told } = await this.record(id, job, verdict, checkedFor);
    await told;
    return stored;
  }

  private async record(id: string, job: RunJob, verdict: Promise<RunResult>, checkedFor: string): Promise<{ stored: Submission | undefined; told: Promise<void> }> {
    const result = await verdict.catch((err: Error) => {
      this.log.error({ err }, `submission ${id} could not be run`);
      return platformError(job, `Katabox failed to run the code: ${err.message}`);
    });
    if (this.stopped) return { stored: undefined, told: Promise.resolve() };
    const stored = await this.store.finishSubmission(id, result);
    if (!stored) {
      this.log.warn(`submission ${id} already had a verdict; the second one was dropped`);
      this.progress.end(id);
      return { stored: undefined, told: Promise.resolve() };
    }
    this.progress.verdict(id, stored);
    return { stored, told: this.addTypeErrors(id, job.code, result, checkedFor) };
  }

  /**
   * The check starts once the verdict is out: beside the run it took CPU from the jail and the
   * probes, and delayed the verdict it never belongs in.
   */
  private async addTypeErrors(id: string, code: string, result: RunResult, checkedFor: string): Promise<void> {
    try {
      // Code that does not compile has its syntax errors already; type errors would repeat them.
      const diagnostics = result.status === 'compile_error' ? undefined : await this.typeChecker.check(code, { key: checkedFor });
      if (diagnostics && diagnostics.length > 0 && !this.stopped) {
        await this.store.addTypeDiagnostics(id, diagnostics);
        this.progress.diagnostics(id, diagnostics);
      }
    } catch (err) {
      this.log.error({ err }, `type errors of submission ${id} were not stored`);
    } finally {
      this.progress.end(id);
    }
  }
}

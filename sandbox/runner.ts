// What the platform asks of whatever runs code: the in-process pool here, a queue of remote
// workers elsewhere. A job is plain data that names the kata version it runs against; the
// runner finds that version's bundle itself.
import type { KataBundle } from './kata/bundle.js';
import type { IsolationMode } from './jail/candidate.js';
import type { Limits } from './limits.js';
import type { LearnerRequest, ProbeOutcome, RequestResult, RunMode, RunResult } from './result.js';

export interface RunJob {
  kata: string;
  /** The pinned kata version: a re-run of an old submission meets the probes it met. */
  version: number;
  mode: RunMode;
  code: string;
  /** The probes draw every input from it, so the same job gives the same verdict. */
  seed: number;
  /** The operator's limit overrides, applied over the kata's. */
  limits?: Partial<Limits>;
  isolation?: IsolationMode;
  /** Who asked (a learner, a candidate): runners take askers in turn, so one asker's many runs never hold up the others. */
  key?: string;
}

/**
 * A request the learner wrote, for their own server: the server starts as for a run of the same
 * kata version (same jail, same limits), gets this one request, and no probe runs.
 */
export interface RequestJob {
  kata: string;
  version: number;
  code: string;
  request: LearnerRequest;
  limits?: Partial<Limits>;
  isolation?: IsolationMode;
  /** Who asked: counted with that asker's runs. */
  key?: string;
}

/** Called as each probe finishes, in order, before the verdict. */
export type ProbeListener = (probe: ProbeOutcome) => void;

/** Finds a kata version's bundle: the installed katas, the store of every version that ran, or both. */
export type BundleSource = (kata: string, version: number) => KataBundle | undefined | Promise<KataBundle | undefined>;

export interface RunnerLoad {
  running: number;
  queued: number;
  /** Worker processes taking the runs, for a runner that hands them to others. */
  workers?: number;
}

export interface Runner {
  /** The verdict; rejects with BusyError when no run can be taken now, and with UnknownKataError for a version nobody has. */
  run(job: RunJob, onProbe?: ProbeListener): Promise<RunResult>;
  /** The raw response to the job's request; rejects as run() does. */
  send(job: RequestJob): Promise<RequestResult>;
  readonly load: RunnerLoad;
  close(): Promise<void>;
}

export class BusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`all run slots are busy, retry in ${retryAfterSeconds} s`);
    this.name = 'BusyError';
  }
}

export class UnknownKataError extends Error {
  constructor(
    readonly kata: string,
    readonly version: number,
  ) {
    super(`kata "${kata}" version ${version} is not known to this runner`);
    this.name = 'UnknownKataError';
  }
}

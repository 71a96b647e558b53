// Messages between a RunPool and its runner host process.
import type { ProbeOutcome, RequestResult, RunResult } from '../result.js';
import type { SendRequest } from '../request/send.js';
import type { RunRequest } from '../run/run.js';

/** What a job asks of the host: a run, or one request sent to the candidate's server. */
export type Work = { run: RunRequest } | { send: SendRequest };

export type JobMessage = { id: number } & Work;

export type PoolMessage = JobMessage;

export type HostMessage = { ready: true } | { id: number; probe: ProbeOutcome } | { id: number; result: RunResult | RequestResult };

// Messages between a RunPool and its runner host process.
import type { ProbeOutcome, RunResult } from '../result.js';
import type { RunRequest } from '../run/run.js';

export interface JobMessage {
  id: number;
  request: RunRequest;
}

export type PoolMessage = JobMessage;

export type HostMessage = { ready: true } | { id: number; probe: ProbeOutcome } | { id: number; result: RunResult };

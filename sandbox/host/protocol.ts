// Messages between a RunPool and its runner host process.
import type { RunResult } from '../result.js';
import type { RunRequest } from '../run/run.js';

export interface JobMessage {
  id: number;
  request: RunRequest;
}

/** Runs are coming (a learner opened a kata or edits one): have the type checker loaded. */
export interface ExpectRunsMessage {
  expectRuns: true;
}

export type PoolMessage = JobMessage | ExpectRunsMessage;

export type HostMessage = { ready: true } | { id: number; result: RunResult };

// Messages between a RunPool and its runner host process.
import type { RunResult } from '../result.js';
import type { RunRequest } from '../run/run.js';

export interface JobMessage {
  id: number;
  request: RunRequest;
}

export type HostMessage = { ready: true } | { id: number; result: RunResult };

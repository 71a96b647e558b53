import type { RunResult } from '../result.js';
import type { RunRequest } from './run.js';

/** A verdict for a run the platform could not carry out: never the candidate's fault. */
export function errorResult(request: RunRequest, message: string): RunResult {
  return {
    kata: request.bundle.slug,
    kataVersion: request.bundle.version,
    mode: request.mode,
    status: 'error',
    score: 0,
    seed: request.seed ?? 0,
    message,
    probes: [],
    diagnostics: [],
    logs: { stdout: '', stderr: '', truncated: false },
    timings: { transpileMs: 0, startMs: 0, probesMs: 0, totalMs: 0 },
    isolation: { level: 'none', layers: [] },
  };
}

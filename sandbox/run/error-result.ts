import type { LearnerRequest, RequestResult, RunMode, RunResult } from '../result.js';
import type { SendRequest } from '../request/send.js';
import type { RunRequest } from './run.js';

/** A verdict for a run the platform could not carry out: never the candidate's fault. */
export function platformError(run: { kata: string; version: number; mode: RunMode; seed?: number }, message: string): RunResult {
  return {
    kata: run.kata,
    kataVersion: run.version,
    mode: run.mode,
    status: 'error',
    score: 0,
    seed: run.seed ?? 0,
    message,
    probes: [],
    diagnostics: [],
    logs: { stdout: '', stderr: '', truncated: false },
    timings: { transpileMs: 0, startMs: 0, probesMs: 0, totalMs: 0 },
    isolation: { level: 'none', layers: [] },
  };
}

export function errorResult(request: RunRequest, message: string): RunResult {
  return platformError({ kata: request.bundle.slug, version: request.bundle.version, mode: request.mode, seed: request.seed }, message);
}

/** A result for a request the platform could not send: never the learner's fault. */
export function requestPlatformError(job: { kata: string; version: number; request: LearnerRequest }, message: string): RequestResult {
  return {
    kata: job.kata,
    kataVersion: job.version,
    status: 'error',
    message,
    request: job.request,
    response: null,
    diagnostics: [],
    logs: { stdout: '', stderr: '', truncated: false },
    timings: { transpileMs: 0, startMs: 0, requestMs: 0, totalMs: 0 },
    isolation: { level: 'none', layers: [] },
  };
}

export function requestError(job: Pick<SendRequest, 'bundle' | 'request'>, message: string): RequestResult {
  return requestPlatformError({ kata: job.bundle.slug, version: job.bundle.version, request: job.request }, message);
}

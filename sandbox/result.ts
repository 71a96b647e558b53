// The verdict of one run: the shape every consumer (CLI --json, API, database) reads.

export type RunStatus =
  | 'passed'
  | 'failed'
  | 'compile_error'
  | 'did_not_listen'
  | 'crashed'
  | 'timeout'
  | 'error';

export type Visibility = 'sample' | 'hidden';

export interface Diagnostic {
  line: number; // 1-based
  column: number; // 1-based
  message: string;
  severity: 'error' | 'warning';
  kind: 'syntax' | 'type';
}

/** A request as a probe sent it, for people to read and to reproduce. */
export interface ExchangeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  curl: string;
}

export interface ExchangeResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** One request/response pair a probe made; response is null when none came back. */
export interface Exchange {
  request: ExchangeRequest;
  response: ExchangeResponse | null;
  note?: string;
}

export interface ProbeOutcome {
  name: string;
  passed: boolean;
  weight: number;
  visibility: Visibility;
  message: string;
  durationMs: number;
  /** What the probe sent and received; omitted for hidden probes unless details are revealed. */
  exchanges?: Exchange[];
}

export interface IsolationReport {
  /** 'full': jail with namespaces; 'partial': own process with a subset of layers; 'none': benchmark only. */
  level: 'full' | 'partial' | 'none';
  layers: string[];
}

export interface RunResult {
  kata: string;
  kataVersion: number;
  mode: RunMode;
  status: RunStatus;
  score: number;
  /** The seed the probes drew their inputs from; pass it back to replay the run exactly. */
  seed: number;
  message: string;
  probes: ProbeOutcome[];
  diagnostics: Diagnostic[];
  logs: { stdout: string; stderr: string; truncated: boolean };
  timings: { transpileMs: number; startMs: number; probesMs: number; totalMs: number };
  isolation: IsolationReport;
}

/** 'run' executes the sample probes only; 'submit' executes all of them. */
export type RunMode = 'run' | 'submit';

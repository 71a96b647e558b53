// The verdict of one run, defined once: these schemas are the contract every consumer reads
// (the CLI's --json, the API, the database), and the TypeScript types are derived from them.
import Type, { type Static, type TSchema } from 'typebox';

const StringMap = <T extends TSchema>(value: T) => Type.Record(Type.String(), value);

export const RunStatus = Type.Enum(['passed', 'failed', 'compile_error', 'did_not_listen', 'crashed', 'timeout', 'error']);
export const Visibility = Type.Enum(['sample', 'hidden']);
/** 'run' executes the sample probes only; 'submit' executes all of them. */
export const RunMode = Type.Enum(['run', 'submit']);

export const Diagnostic = Type.Object({
  line: Type.Integer({ description: '1-based' }),
  column: Type.Integer({ description: '1-based' }),
  message: Type.String(),
  severity: Type.Enum(['error', 'warning']),
  kind: Type.Enum(['syntax', 'type']),
});

/** A request as a probe sent it, for people to read and to reproduce. */
export const ExchangeRequest = Type.Object({
  method: Type.String(),
  path: Type.String(),
  headers: StringMap(Type.String()),
  body: Type.String(),
  curl: Type.String(),
});

export const ExchangeResponse = Type.Object({
  status: Type.Integer(),
  headers: StringMap(Type.Union([Type.String(), Type.Array(Type.String())])),
  body: Type.String(),
});

/** One request/response pair a probe made; response is null when none came back. */
export const Exchange = Type.Object({
  request: ExchangeRequest,
  response: Type.Union([ExchangeResponse, Type.Null()]),
  note: Type.Optional(Type.String()),
});

export const ProbeOutcome = Type.Object({
  /** Stable: history, `@fails:` lines and comparisons refer to it. */
  id: Type.String({ description: 'stable id of the probe within its kata' }),
  name: Type.String({ description: 'display title; may be reworded between kata versions' }),
  passed: Type.Boolean(),
  weight: Type.Number(),
  visibility: Visibility,
  message: Type.String(),
  durationMs: Type.Number(),
  /** What the probe sent and received. */
  exchanges: Type.Optional(Type.Array(Exchange)),
  /** Set when the probe ran on a server started again (same code, same seed) after the first one stopped. */
  restarted: Type.Optional(Type.Literal(true, { description: 'ran on a server restarted after an earlier one stopped' })),
});

export const IsolationReport = Type.Object({
  level: Type.Enum(['full', 'partial', 'none'], { description: "'full': jail with namespaces; 'partial': own process with a subset of layers; 'none': benchmark only" }),
  layers: Type.Array(Type.String()),
});

export const RunResult = Type.Object({
  kata: Type.String(),
  kataVersion: Type.Integer(),
  mode: RunMode,
  status: RunStatus,
  score: Type.Integer(),
  seed: Type.Integer({ description: 'the seed the probes drew their inputs from; pass it back to replay the run exactly' }),
  message: Type.String(),
  probes: Type.Array(ProbeOutcome),
  diagnostics: Type.Array(Diagnostic),
  logs: Type.Object({ stdout: Type.String(), stderr: Type.String(), truncated: Type.Boolean() }),
  timings: Type.Object({ transpileMs: Type.Number(), startMs: Type.Number(), probesMs: Type.Number(), totalMs: Type.Number() }),
  isolation: IsolationReport,
});

/** One header line: requests and responses keep their headers in order, spelled as sent, repeated ones kept. */
export const HeaderLine = Type.Object({ name: Type.String({ maxLength: 100 }), value: Type.String({ maxLength: 8192 }) }, { additionalProperties: false });

/** A request the learner wrote, sent as it is to their own server (see sandbox/request/check.ts for what is allowed). */
export const LearnerRequest = Type.Object(
  {
    method: Type.String({ minLength: 1, maxLength: 20, description: "sent in capitals, as Node's HTTP client sends it" }),
    path: Type.String({ minLength: 1, maxLength: 8192, description: 'starts with /; the query string is part of it' }),
    headers: Type.Array(HeaderLine, { maxItems: 50 }),
    body: Type.String({ maxLength: 65_536, description: 'sent as UTF-8' }),
  },
  { additionalProperties: false },
);

/**
 * How a sent request ended. 'answered': a whole response came back; 'cut_off': the server closed
 * the connection before a whole response (its process still running); 'crashed': the process
 * exited first; 'timeout': no whole response within the time limit.
 */
export const RequestStatus = Type.Enum(['answered', 'cut_off', 'crashed', 'timeout', 'compile_error', 'did_not_listen', 'error']);

export const RawResponse = Type.Object({
  statusLine: Type.String({ description: 'e.g. "HTTP/1.1 200 OK"' }),
  status: Type.Integer(),
  headers: Type.Array(HeaderLine, { description: 'in the order the server sent them, spelled as it did, repeated ones kept' }),
  body: Type.String({ description: 'the body as text when it is UTF-8, else base64 (see bodyEncoding)' }),
  bodyEncoding: Type.Enum(['utf8', 'base64']),
  bodyBytes: Type.Integer({ description: 'bytes of body that arrived, kept or not' }),
  truncated: Type.Boolean({ description: 'only the first part of the body is kept' }),
  headersMs: Type.Integer({ description: 'from sending the request to the status line and headers' }),
});

/** What came of one learner-written request to their own server: no probes ran. */
export const RequestResult = Type.Object({
  kata: Type.String(),
  kataVersion: Type.Integer(),
  status: RequestStatus,
  message: Type.String(),
  /** What went out, with the headers the platform added (Host, Content-Length, Connection). */
  request: LearnerRequest,
  response: Type.Union([RawResponse, Type.Null()], { description: 'null when no status line and headers came back' }),
  diagnostics: Type.Array(Diagnostic),
  logs: Type.Object({ stdout: Type.String(), stderr: Type.String(), truncated: Type.Boolean() }),
  timings: Type.Object({ transpileMs: Type.Number(), startMs: Type.Number(), requestMs: Type.Number(), totalMs: Type.Number() }),
  isolation: IsolationReport,
});

export type RunStatus = Static<typeof RunStatus>;
export type Visibility = Static<typeof Visibility>;
export type RunMode = Static<typeof RunMode>;
export type Diagnostic = Static<typeof Diagnostic>;
export type ExchangeRequest = Static<typeof ExchangeRequest>;
export type ExchangeResponse = Static<typeof ExchangeResponse>;
export type Exchange = Static<typeof Exchange>;
export type ProbeOutcome = Static<typeof ProbeOutcome>;
export type IsolationReport = Static<typeof IsolationReport>;
export type RunResult = Static<typeof RunResult>;
export type HeaderLine = Static<typeof HeaderLine>;
export type LearnerRequest = Static<typeof LearnerRequest>;
export type RequestStatus = Static<typeof RequestStatus>;
export type RawResponse = Static<typeof RawResponse>;
export type RequestResult = Static<typeof RequestResult>;

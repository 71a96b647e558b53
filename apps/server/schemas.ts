// The API's shapes, defined once: Fastify validates requests and serialises responses with them
// (so a field not listed here never leaves the server), /api/docs describes them, and the web
// client and the storage take their TypeScript types from them.
import Type, { type Static, type TSchema } from 'typebox';

const StringMap = <T extends TSchema>(value: T) => Type.Record(Type.String(), value);
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 80 });
export const Difficulty = Type.Enum(['easy', 'medium', 'hard']);
/** Candidate code: generous for a kata, small enough that one request cannot hog the runner. */
export const Code = Type.String({ maxLength: 100_000 });
export const Timestamp = Type.String({ description: 'ISO 8601, UTC' });

export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() });
export const NoContent = Type.Null({ description: 'no content' });

export const KataParams = Type.Object({ slug: Slug });
export const CodeBody = Type.Object({ code: Code }, { additionalProperties: false });

// --- verdicts (mirrors sandbox/result.ts; schema-check.ts keeps the two in step)

const Diagnostic = Type.Object({
  line: Type.Integer(),
  column: Type.Integer(),
  message: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  kind: Type.Union([Type.Literal('syntax'), Type.Literal('type')]),
});

const Exchange = Type.Object({
  request: Type.Object({ method: Type.String(), path: Type.String(), headers: StringMap(Type.String()), body: Type.String(), curl: Type.String() }),
  response: Nullable(Type.Object({ status: Type.Integer(), headers: StringMap(Type.Union([Type.String(), Type.Array(Type.String())])), body: Type.String() })),
  note: Type.Optional(Type.String()),
});

const ProbeOutcome = Type.Object({
  name: Type.String(),
  passed: Type.Boolean(),
  weight: Type.Number(),
  visibility: Type.Union([Type.Literal('sample'), Type.Literal('hidden')]),
  message: Type.String(),
  durationMs: Type.Number(),
  exchanges: Type.Optional(Type.Array(Exchange)),
});

export const RunStatus = Type.Enum(['passed', 'failed', 'compile_error', 'did_not_listen', 'crashed', 'timeout', 'error']);

export const RunResult = Type.Object({
  kata: Type.String(),
  kataVersion: Type.Integer(),
  mode: Type.Union([Type.Literal('run'), Type.Literal('submit')]),
  status: RunStatus,
  score: Type.Integer(),
  seed: Type.Integer(),
  message: Type.String(),
  probes: Type.Array(ProbeOutcome),
  diagnostics: Type.Array(Diagnostic),
  logs: Type.Object({ stdout: Type.String(), stderr: Type.String(), truncated: Type.Boolean() }),
  timings: Type.Object({ transpileMs: Type.Number(), startMs: Type.Number(), probesMs: Type.Number(), totalMs: Type.Number() }),
  isolation: Type.Object({ level: Type.Union([Type.Literal('full'), Type.Literal('partial'), Type.Literal('none')]), layers: Type.Array(Type.String()) }),
});

// --- katas and the learner's progress

export const Progress = Type.Object({
  status: Type.Union([Type.Literal('not_tried'), Type.Literal('attempted'), Type.Literal('solved')]),
  bestScore: Nullable(Type.Integer()),
  submissions: Type.Integer(),
});

const KataMeta = {
  slug: Slug,
  title: Type.String(),
  difficulty: Difficulty,
  tags: Type.Array(Type.String()),
  minutes: Type.Integer(),
  version: Type.Integer(),
};

export const CatalogQuery = Type.Object({ tag: Type.Optional(Slug), difficulty: Type.Optional(Difficulty) }, { additionalProperties: false });

export const Catalog = Type.Object({
  katas: Type.Array(Type.Object({ ...KataMeta, progress: Progress })),
  tags: Type.Array(Type.String(), { description: 'every tag of every kata, for the filter' }),
});

export const Draft = Type.Object({ code: Code, updatedAt: Timestamp });

export const KataPage = Type.Object({
  kata: Type.Object({ ...KataMeta, prompt: Type.String({ description: 'Markdown' }), starter: Type.String() }),
  draft: Nullable(Draft),
  progress: Progress,
});

// --- submissions

export const SubmissionStatus = Type.Enum(['queued', ...RunStatus.enum]);

export const SubmissionSummary = Type.Object({
  id: Type.Integer(),
  kata: Slug,
  kataVersion: Type.Integer(),
  status: SubmissionStatus,
  score: Nullable(Type.Integer()),
  createdAt: Timestamp,
  finishedAt: Nullable(Timestamp),
});

export const Submission = Type.Object({ ...SubmissionSummary.properties, code: Code, result: Nullable(RunResult) });

export const SubmissionList = Type.Object({ submissions: Type.Array(SubmissionSummary) });
export const SubmissionParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const Health = Type.Object({
  status: Type.Literal('ok'),
  isolation: Type.Union([Type.Literal('full'), Type.Literal('partial')]),
  runner: Type.Object({ running: Type.Integer(), queued: Type.Integer() }),
});

export type Difficulty = Static<typeof Difficulty>;
export type RunResult = Static<typeof RunResult>;
export type Progress = Static<typeof Progress>;
export type Catalog = Static<typeof Catalog>;
export type CatalogQuery = Static<typeof CatalogQuery>;
export type Draft = Static<typeof Draft>;
export type KataPage = Static<typeof KataPage>;
export type SubmissionStatus = Static<typeof SubmissionStatus>;
export type SubmissionSummary = Static<typeof SubmissionSummary>;
export type Submission = Static<typeof Submission>;
export type SubmissionList = Static<typeof SubmissionList>;
export type ErrorBody = Static<typeof ErrorBody>;

// The API contract: the shapes of every request and response, defined once. The server
// validates and serialises with them (so a field not listed here never leaves it), /api/docs
// describes them, and the web client takes its types from here and from nowhere else. The
// verdict's own schema comes from sandbox/result.ts, the sandbox's contract file, which needs
// nothing but TypeBox.
import Type, { type Static, type TSchema } from 'typebox';

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

// --- verdicts: defined once, in the sandbox, which produces them

export { Diagnostic, Exchange, HeaderLine, LearnerRequest, ProbeOutcome, RawResponse, RequestResult, RequestStatus, RunResult, RunStatus } from '../../sandbox/result.js';
import { LearnerRequest, RunResult, RunStatus } from '../../sandbox/result.js';

/** Send your own request: the code to start, and the request to send it. */
export const RequestBody = Type.Object({ code: Code, request: LearnerRequest }, { additionalProperties: false });

// --- katas and the learner's progress

export const Progress = Type.Object({
  status: Type.Union([Type.Literal('not_tried'), Type.Literal('attempted'), Type.Literal('solved')]),
  bestScore: Nullable(Type.Integer()),
  submissions: Type.Integer(),
});

const KataMeta = {
  slug: Slug,
  title: Type.String(),
  track: Slug,
  order: Type.Integer({ description: "the kata's place in its track, from 1" }),
  difficulty: Difficulty,
  tags: Type.Array(Type.String()),
  minutes: Type.Integer(),
  version: Type.Integer(),
};

export const CatalogQuery = Type.Object(
  {
    tag: Type.Optional(Slug),
    difficulty: Type.Optional(Difficulty),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'words that the title or a tag contains, case-insensitively' })),
  },
  { additionalProperties: false },
);

export const Track = Type.Object({ slug: Slug, title: Type.String(), description: Type.String() });

const KataLink = Type.Object({ slug: Slug, title: Type.String() });

export const Catalog = Type.Object({
  tracks: Type.Array(
    Type.Object({ ...Track.properties, katas: Type.Integer(), solved: Type.Integer({ description: "how many of the track's katas the learner has solved" }) }),
    { description: 'in the order they are meant to be taken; counts are over the whole track, whatever the filters' },
  ),
  next: Type.Union([KataLink, Type.Null()], { description: 'the kata suggested next: the first unsolved one of a track the learner has started, else the first unsolved one' }),
  katas: Type.Array(Type.Object({ ...KataMeta, progress: Progress }), { description: 'by track, then by order' }),
  tags: Type.Array(Type.String(), { description: 'every tag of every kata, for the filter' }),
});

export const Draft = Type.Object({ code: Code, updatedAt: Timestamp });

/** Timed practice: the learner's clock on a kata, started and kept by the server. */
export const Practice = Type.Object({
  minutes: Type.Integer({ description: "the kata's estimate: the countdown's target, after which it counts overtime" }),
  startedAt: Timestamp,
  serverNow: Timestamp,
});

export const KataPage = Type.Object({
  kata: Type.Object({
    ...KataMeta,
    prompt: Type.String({ description: 'Markdown' }),
    starter: Type.String(),
    hints: Type.Array(Type.String(), { description: 'from gentle to specific; show one at a time' }),
  }),
  draft: Nullable(Draft),
  progress: Progress,
  practice: Nullable(Type.Object(Practice.properties, { description: 'the practice timer running on this kata, if any' })),
  debrief: Nullable(Type.String({ description: "Markdown: an interviewer's questions with model answers; null until the learner has solved the kata" })),
  next: Nullable(Type.Object(KataLink.properties, { description: 'the next kata in the same track' })),
});

// --- submissions

export const SubmissionStatus = Type.Enum(['queued', ...RunStatus.enum]);

export const SubmissionId = Type.String({ pattern: '^[A-Za-z0-9_-]{16}$', description: 'opaque' });

export const SubmissionSummary = Type.Object({
  id: SubmissionId,
  kata: Slug,
  kataVersion: Type.Integer(),
  status: SubmissionStatus,
  score: Nullable(Type.Integer()),
  createdAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  timeTakenSeconds: Nullable(Type.Integer({ description: "from the start of the kata's practice timer to this submission, as the server measured it; null when no timer ran" })),
});

export const Submission = Type.Object({ ...SubmissionSummary.properties, code: Code, result: Nullable(RunResult) });

export const SubmissionList = Type.Object({ submissions: Type.Array(SubmissionSummary) });
/** Everything a learner has stored: what the export downloads. */
export const HistoryExport = Type.Object({
  format: Type.Literal('katabox-history'),
  version: Type.Literal(1),
  exportedAt: Timestamp,
  submissions: Type.Array(Submission, { description: 'every submission of every kata, oldest first; verdicts as the learner sees them' }),
  drafts: Type.Array(Type.Object({ kata: Slug, ...Draft.properties })),
});

export const SubmitQuery = Type.Object(
  { wait: Type.Optional(Type.Boolean({ description: 'answer 201 with the verdict once it is stored, instead of 202 at once' })) },
  { additionalProperties: false },
);
export const EventsHeaders = Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'resume after this event' })) });

export const SubmissionParams = Type.Object({ id: SubmissionId });

export const Health = Type.Object({
  status: Type.Literal('ok'),
  isolation: Type.Union([Type.Literal('full'), Type.Literal('partial')]),
  runner: Type.Object({
    running: Type.Integer(),
    queued: Type.Integer({ description: 'runs waiting; with a run queue, its depth' }),
    workers: Type.Optional(Type.Integer({ description: 'with a run queue: the runner workers alive' })),
  }),
});

// --- accounts: interviewers and admins, and learners who signed up to keep their work across devices

export const StaffRole = Type.Enum(['admin', 'interviewer']);
export const Role = Type.Enum(['admin', 'interviewer', 'learner']);
export const AccountId = Type.String({ pattern: '^[A-Za-z0-9_-]{16}$', description: 'opaque' });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 10, maxLength: 200 });
export const Account = Type.Object({ id: AccountId, email: Email, role: Role, disabled: Type.Boolean(), createdAt: Timestamp });
export const LoginBody = Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export const SignUpBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
/** What signing in took over from the browser's cookie identity. */
export const MovedWork = Type.Object({
  drafts: Type.Integer({ description: 'drafts taken over' }),
  submissions: Type.Integer({ description: 'submissions taken over' }),
  combined: Type.Array(Slug, { description: 'katas with a draft on both sides: the newer one is kept, the older one follows it as a comment' }),
});
export const Session = Type.Object({
  account: Account,
  csrfToken: Type.String({ description: 'send it back in the x-csrf-token header of every request that changes something' }),
  moved: Type.Optional(MovedWork),
});
export const NewAccount = Type.Object({ email: Email, role: StaffRole, password: Password }, { additionalProperties: false });
export const AccountList = Type.Object({ accounts: Type.Array(Account) });
export const AccountParams = Type.Object({ id: AccountId });
export const CsrfHeaders = Type.Object({ 'x-csrf-token': Type.Optional(Type.String({ maxLength: 200 })) });

// --- timed assignments: made by an interviewer, taken by a candidate through a private link

export const AssignmentId = Type.String({ pattern: '^[A-Za-z0-9_-]{16}$', description: 'opaque' });
export const AssignmentStatus = Type.Enum(['created', 'opened', 'in_progress', 'finished', 'expired', 'cancelled']);
export const TakeToken = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'the secret of the private link /a/<token>' });
export const AssignmentParams = Type.Object({ id: AssignmentId });
export const TakeParams = Type.Object({ token: TakeToken });
export const TakeKataParams = Type.Object({ token: TakeToken, slug: Slug });

export const NewAssignment = Type.Object(
  {
    katas: Type.Array(Slug, { minItems: 1, maxItems: 10, uniqueItems: true }),
    minutes: Type.Number({ minimum: 0.1, maximum: 480, description: 'the time limit; fractions allowed (0.5 is 30 s)' }),
    candidateName: Type.String({ minLength: 1, maxLength: 200 }),
    candidateEmail: Type.Optional(Email),
    instructions: Type.Optional(Type.String({ maxLength: 5000 })),
    linkExpiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'the link stops working if not started by then (default 14)' })),
  },
  { additionalProperties: false },
);

export const AssignmentSummary = Type.Object({
  id: AssignmentId,
  owner: Type.String({ description: "the interviewer's email" }),
  candidateName: Type.String(),
  candidateEmail: Nullable(Type.String()),
  status: AssignmentStatus,
  minutes: Type.Number(),
  katas: Type.Array(Type.Object({ slug: Slug, title: Type.String(), score: Nullable(Type.Integer({ description: 'best submitted score' })) })),
  createdAt: Timestamp,
  linkExpiresAt: Timestamp,
  startedAt: Nullable(Timestamp),
  deadlineAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
  timeUsedSeconds: Nullable(Type.Integer()),
  rating: Nullable(Type.Integer()),
  recommendation: Nullable(Type.String()),
});

export const CreatedAssignment = Type.Object({ ...AssignmentSummary.properties, link: Type.String({ description: 'the path /a/<token>; shown once, only its hash is kept' }) });
export const AssignmentQuery = Type.Object(
  {
    status: Type.Optional(AssignmentStatus),
    kata: Type.Optional(Slug),
    q: Type.Optional(Type.String({ maxLength: 100, description: "words in the candidate's name or email" })),
    sort: Type.Optional(Type.Enum(['newest', 'oldest', 'candidate', 'score'], { description: 'default newest' })),
  },
  { additionalProperties: false },
);
export const AssignmentList = Type.Object({ assignments: Type.Array(AssignmentSummary) });

export const Recommendation = Type.Enum(['strong_no', 'no', 'yes', 'strong_yes']);
export const ReviewBody = Type.Object(
  {
    notes: Type.String({ maxLength: 20_000 }),
    rating: Nullable(Type.Integer({ minimum: 1, maximum: 4 })),
    recommendation: Nullable(Recommendation),
  },
  { additionalProperties: false },
);

/** A Run or a Submit of the candidate's, in the order they came. */
export const Attempt = Type.Object({
  kind: Type.Enum(['run', 'submit']),
  at: Timestamp,
  status: SubmissionStatus,
  score: Nullable(Type.Integer()),
  submission: Nullable(Submission),
});

/** One assignment as its reviewer sees it: per kata the final code, the full verdict and every attempt. */
export const AssignmentDetail = Type.Object({
  ...AssignmentSummary.properties,
  instructions: Type.String(),
  notes: Type.String(),
  katas: Type.Array(
    Type.Object({
      slug: Slug,
      title: Type.String(),
      score: Nullable(Type.Integer({ description: 'best submitted score' })),
      finalCode: Nullable(Code),
      verdict: Nullable(RunResult),
      attempts: Type.Array(Attempt),
    }),
  ),
});

export const Snapshot = Type.Object({ at: Timestamp, kind: Type.Enum(['edit', 'paste', 'run', 'submit']), code: Code });
export const Replay = Type.Object({ startedAt: Nullable(Timestamp), snapshots: Type.Array(Snapshot) });
export const AssignmentKataParams = Type.Object({ id: AssignmentId, slug: Slug });
export const AssignmentSubmissionParams = Type.Object({ id: AssignmentId, submission: SubmissionId });
export const ExportQuery = Type.Object(
  { ...AssignmentQuery.properties, format: Type.Enum(['csv', 'json']), id: Type.Optional(AssignmentId) },
  { additionalProperties: false },
);
export const ExtendBody = Type.Object({ minutes: Type.Integer({ minimum: 1, maximum: 240 }) }, { additionalProperties: false });

/** What the candidate sees through the link: the katas' prompts only once the clock runs. */
export const Take = Type.Object({
  status: AssignmentStatus,
  candidateName: Type.String(),
  instructions: Type.String(),
  minutes: Type.Number(),
  startedAt: Nullable(Timestamp),
  deadlineAt: Nullable(Timestamp),
  serverNow: Timestamp,
  katas: Type.Array(
    Type.Object({
      slug: Slug,
      title: Type.String(),
      difficulty: Difficulty,
      prompt: Nullable(Type.String({ description: 'Markdown; null until the candidate starts' })),
      starter: Nullable(Type.String()),
      draft: Nullable(Code),
      lastSubmission: Nullable(Submission),
    }),
  ),
});
export const TakeDraftBody = Type.Object({ code: Code, paste: Type.Optional(Type.Boolean({ description: 'a large paste happened since the last save' })) }, { additionalProperties: false });

export type AssignmentStatus = Static<typeof AssignmentStatus>;
export type NewAssignment = Static<typeof NewAssignment>;
export type AssignmentSummary = Static<typeof AssignmentSummary>;
export type CreatedAssignment = Static<typeof CreatedAssignment>;
export type AssignmentQuery = Static<typeof AssignmentQuery>;
export type AssignmentList = Static<typeof AssignmentList>;
export type AssignmentDetail = Static<typeof AssignmentDetail>;
export type Replay = Static<typeof Replay>;
export type ReviewBody = Static<typeof ReviewBody>;
export type Recommendation = Static<typeof Recommendation>;
export type Take = Static<typeof Take>;

export type Role = Static<typeof Role>;
export type StaffRole = Static<typeof StaffRole>;
export type MovedWork = Static<typeof MovedWork>;
export type Account = Static<typeof Account>;
export type Session = Static<typeof Session>;
export type NewAccount = Static<typeof NewAccount>;
export type AccountList = Static<typeof AccountList>;

export type Difficulty = Static<typeof Difficulty>;
export type Track = Static<typeof Track>;
export type Progress = Static<typeof Progress>;
export type Catalog = Static<typeof Catalog>;
export type CatalogQuery = Static<typeof CatalogQuery>;
export type Draft = Static<typeof Draft>;
export type Practice = Static<typeof Practice>;
export type HistoryExport = Static<typeof HistoryExport>;
export type KataPage = Static<typeof KataPage>;
export type SubmissionStatus = Static<typeof SubmissionStatus>;
export type SubmissionSummary = Static<typeof SubmissionSummary>;
export type Submission = Static<typeof Submission>;
export type SubmissionList = Static<typeof SubmissionList>;
export type ErrorBody = Static<typeof ErrorBody>;
export type RequestBody = Static<typeof RequestBody>;

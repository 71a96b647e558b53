// Timed assignments: who they are for, which katas, the clock, and everything the candidate
// did — drafts, append-only code snapshots for replay, runs — plus the reviewer's notes. The
// candidate's link is known to storage only by the hash of its token.
import type { Kysely, Selectable } from 'kysely';
import type { Tables } from '../storage/tables.js';

export type SnapshotKind = 'edit' | 'paste' | 'run' | 'submit';

export interface AssignmentRecord {
  id: string;
  ownerId: string;
  ownerEmail: string;
  candidateName: string;
  candidateEmail: string | null;
  instructions: string;
  katas: string[];
  minutes: number;
  createdAt: string;
  linkExpiresAt: string;
  openedAt: string | null;
  startedAt: string | null;
  deadlineAt: string | null;
  finishedAt: string | null;
  cancelledAt: string | null;
  /** Set once the drafts left at the finish have been submitted. */
  autoSubmittedAt: string | null;
  notes: string;
  rating: number | null;
  recommendation: string | null;
}

export interface NewAssignmentRecord {
  ownerId: string;
  candidateName: string;
  candidateEmail: string | null;
  instructions: string;
  katas: string[];
  minutes: number;
  tokenHash: string;
  linkExpiresAt: string;
}

export interface Snapshot {
  kata: string;
  at: string;
  kind: SnapshotKind;
  code: string;
}

export interface RunRecord {
  kata: string;
  at: string;
  status: string;
  score: number;
}

export interface AssignmentStore {
  addAssignment(a: NewAssignmentRecord): Promise<AssignmentRecord>;
  byToken(tokenHash: string): Promise<AssignmentRecord | undefined>;
  byId(id: string): Promise<AssignmentRecord | undefined>;
  /** Every assignment, or those of one owner; newest first. */
  list(ownerId?: string): Promise<AssignmentRecord[]>;
  /** Started, neither finished nor cancelled: the ones with a clock running. */
  running(): Promise<AssignmentRecord[]>;
  /** Finished, but the drafts left at the finish not yet submitted. */
  awaitingAutoSubmit(): Promise<AssignmentRecord[]>;
  markOpened(id: string, at: string): Promise<void>;
  /** False when it had started already (or was cancelled). */
  start(id: string, at: string, deadlineAt: string): Promise<boolean>;
  /** False when it had finished already (or was cancelled). */
  finish(id: string, at: string): Promise<boolean>;
  markAutoSubmitted(id: string, at: string): Promise<void>;
  setDeadline(id: string, deadlineAt: string): Promise<void>;
  /** The time limit of a take not started yet. */
  setMinutes(id: string, minutes: number): Promise<void>;
  cancel(id: string, at: string): Promise<boolean>;
  review(id: string, notes: string, rating: number | null, recommendation: string | null): Promise<void>;

  saveDraft(id: string, kata: string, code: string, at: string): Promise<void>;
  drafts(id: string): Promise<Map<string, string>>;
  addSnapshot(id: string, snapshot: Snapshot): Promise<void>;
  snapshots(id: string, kata: string): Promise<Snapshot[]>;
  addRun(id: string, run: RunRecord): Promise<void>;
  runs(id: string): Promise<RunRecord[]>;
}

/** An assignment's row, with its owner's public id and email joined in. */
type Row = Omit<Selectable<Tables['assignments']>, 'id' | 'owner_id' | 'token_hash'> & { owner_public_id: string; owner_email: string };

const toRecord = (r: Row): AssignmentRecord => ({
  id: r.public_id,
  ownerId: r.owner_public_id,
  ownerEmail: r.owner_email,
  candidateName: r.candidate_name,
  candidateEmail: r.candidate_email,
  instructions: r.instructions,
  katas: JSON.parse(r.katas) as string[],
  minutes: r.minutes,
  createdAt: r.created_at,
  linkExpiresAt: r.link_expires_at,
  openedAt: r.opened_at,
  startedAt: r.started_at,
  deadlineAt: r.deadline_at,
  finishedAt: r.finished_at,
  cancelledAt: r.cancelled_at,
  autoSubmittedAt: r.auto_submitted_at,
  notes: r.notes,
  rating: r.rating,
  recommendation: r.recommendation,
});

export function kyselyAssignments(db: Kysely<Tables>, newId: () => string): AssignmentStore {
  const select = () =>
    db.selectFrom('assignments as a').innerJoin('accounts as o', 'o.id', 'a.owner_id').selectAll('a').select(['o.public_id as owner_public_id', 'o.email as owner_email']);
  /** The internal id of an assignment, from its public one. */
  const internal = (id: string) => db.selectFrom('assignments').select('id').where('public_id', '=', id);
  /** A conditional update: true when it changed the row. */
  const changed = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows === 1n;
  const one = (row: Row | undefined) => (row ? toRecord(row) : undefined);
  return {
    async addAssignment(a) {
      const id = newId();
      const now = new Date().toISOString();
      await db
        .insertInto('assignments')
        .columns(['public_id', 'owner_id', 'candidate_name', 'candidate_email', 'instructions', 'katas', 'minutes', 'token_hash', 'link_expires_at', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('accounts')
            .select((s) => [
              s.val(id).as('public_id'),
              'id',
              s.val(a.candidateName).as('candidate_name'),
              s.val(a.candidateEmail).as('candidate_email'),
              s.val(a.instructions).as('instructions'),
              s.val(JSON.stringify(a.katas)).as('katas'),
              s.val(a.minutes).as('minutes'),
              s.val(a.tokenHash).as('token_hash'),
              s.val(a.linkExpiresAt).as('link_expires_at'),
              s.val(now).as('created_at'),
            ])
            .where('public_id', '=', a.ownerId),
        )
        .execute();
      return one(await select().where('a.public_id', '=', id).executeTakeFirst())!;
    },
    async byToken(tokenHash) {
      return one(await select().where('a.token_hash', '=', tokenHash).executeTakeFirst());
    },
    async byId(id) {
      return one(await select().where('a.public_id', '=', id).executeTakeFirst());
    },
    async list(ownerId) {
      const query = ownerId === undefined ? select() : select().where('o.public_id', '=', ownerId);
      return (await query.orderBy('a.id', 'desc').execute()).map(toRecord);
    },
    async running() {
      return (await select().where('a.started_at', 'is not', null).where('a.finished_at', 'is', null).where('a.cancelled_at', 'is', null).execute()).map(toRecord);
    },
    async awaitingAutoSubmit() {
      return (await select().where('a.finished_at', 'is not', null).where('a.auto_submitted_at', 'is', null).execute()).map(toRecord);
    },
    async markOpened(id, at) {
      await db.updateTable('assignments').set((eb) => ({ opened_at: eb.fn.coalesce('opened_at', eb.val(at)) })).where('public_id', '=', id).execute();
    },
    async start(id, at, deadlineAt) {
      return changed(
        await db.updateTable('assignments').set({ started_at: at, deadline_at: deadlineAt }).where('public_id', '=', id).where('started_at', 'is', null).where('cancelled_at', 'is', null).executeTakeFirst(),
      );
    },
    async finish(id, at) {
      return changed(await db.updateTable('assignments').set({ finished_at: at }).where('public_id', '=', id).where('finished_at', 'is', null).where('cancelled_at', 'is', null).executeTakeFirst());
    },
    async markAutoSubmitted(id, at) {
      await db.updateTable('assignments').set({ auto_submitted_at: at }).where('public_id', '=', id).execute();
    },
    async setDeadline(id, deadlineAt) {
      await db.updateTable('assignments').set({ deadline_at: deadlineAt }).where('public_id', '=', id).where('finished_at', 'is', null).execute();
    },
    async setMinutes(id, minutes) {
      await db.updateTable('assignments').set({ minutes }).where('public_id', '=', id).where('started_at', 'is', null).execute();
    },
    async cancel(id, at) {
      return changed(await db.updateTable('assignments').set({ cancelled_at: at }).where('public_id', '=', id).where('finished_at', 'is', null).where('cancelled_at', 'is', null).executeTakeFirst());
    },
    async review(id, notes, rating, recommendation) {
      await db.updateTable('assignments').set({ notes, rating, recommendation }).where('public_id', '=', id).execute();
    },
    async saveDraft(id, kata, code, at) {
      await db
        .insertInto('take_drafts')
        .values({ assignment_id: internal(id), kata, code, updated_at: at })
        .onConflict((oc) => oc.columns(['assignment_id', 'kata']).doUpdateSet({ code, updated_at: at }))
        .execute();
    },
    async drafts(id) {
      const rows = await db.selectFrom('take_drafts').select(['kata', 'code']).where('assignment_id', '=', internal(id)).execute();
      return new Map(rows.map((r) => [r.kata, r.code]));
    },
    async addSnapshot(id, s) {
      await db.insertInto('take_snapshots').values({ assignment_id: internal(id), kata: s.kata, at: s.at, kind: s.kind, code: s.code }).execute();
    },
    async snapshots(id, kata) {
      const rows = await db.selectFrom('take_snapshots').select(['kata', 'at', 'kind', 'code']).where('assignment_id', '=', internal(id)).where('kata', '=', kata).orderBy('id').execute();
      return rows as Snapshot[];
    },
    async addRun(id, run) {
      await db.insertInto('take_runs').values({ assignment_id: internal(id), kata: run.kata, at: run.at, status: run.status, score: run.score }).execute();
    },
    async runs(id) {
      return db.selectFrom('take_runs').select(['kata', 'at', 'status', 'score']).where('assignment_id', '=', internal(id)).orderBy('id').execute();
    },
  };
}

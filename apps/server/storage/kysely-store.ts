// The Store on Kysely: one set of queries for SQLite and PostgreSQL. Several web processes and
// runner workers may share one PostgreSQL database, so every write that decides something does
// it in one statement (a conditional update that says whether it won, an insert that keeps what
// was there) or, for quotas, behind the learner's own row lock.
import crypto from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { KataBundle } from '../../../sandbox/index.js';
import type { Diagnostic, Draft, RunResult, Submission, SubmissionSummary } from '../../contract/index.js';
import { kyselyAccounts } from '../accounts/store.js';
import { kyselyAssignments } from '../assignments/store.js';
import type { KataActivity, NewSubmission, QuotaCheck, Store, Usage } from './store.js';
import type { Tables } from './tables.js';

/** How long an unsigned learner id stays honoured after its first use. */
const CLAIM_GRACE_MS = 60_000;

/** Opaque public ids: 96 random bits, so processes that never talk to each other do not collide. */
export const newPublicId = () => crypto.randomBytes(12).toString('base64url');

type SubmissionRow = Selectable<Tables['submissions']>;
const summaryColumns = ['public_id', 'kata', 'kata_version', 'status', 'score', 'created_at', 'finished_at', 'time_taken_seconds'] as const;

function toSummary(row: Pick<SubmissionRow, (typeof summaryColumns)[number]>): SubmissionSummary {
  return { id: row.public_id, kata: row.kata, kataVersion: row.kata_version, status: row.status, score: row.score, createdAt: row.created_at, finishedAt: row.finished_at, timeTakenSeconds: row.time_taken_seconds };
}

/** Type errors arrive after the verdict and are kept beside it; a reader gets them merged in. */
function toSubmission(row: SubmissionRow): Submission {
  const result = row.result === null ? null : (JSON.parse(row.result) as RunResult);
  if (result && row.type_diagnostics) result.diagnostics.push(...(JSON.parse(row.type_diagnostics) as Diagnostic[]));
  return { ...toSummary(row), code: row.code, result };
}

/** Bytes as stored (UTF-8), whatever the characters: octet_length means the same in both databases. */
const bytes = (column: string) => sql<number>`coalesce(octet_length(${sql.ref(column)}), 0)`;

async function usageOf(db: Kysely<Tables>, learner: string, kata: string, since: string): Promise<Usage> {
  const drafts = await db
    .selectFrom('drafts')
    .where('learner', '=', learner)
    .select((eb) => [eb.fn.countAll<number>().as('drafts'), eb.fn.coalesce(eb.fn.sum<number>(bytes('code')), eb.lit(0)).as('bytes')])
    .executeTakeFirstOrThrow();
  const kataDraft = await db.selectFrom('drafts').where('learner', '=', learner).where('kata', '=', kata).select(bytes('code').as('bytes')).executeTakeFirst();
  const submissions = await db
    .selectFrom('submissions')
    .where('learner', '=', learner)
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(sql`${bytes('code')} + ${bytes('result')} + ${bytes('type_diagnostics')}`), eb.lit(0)).as('bytes'))
    .executeTakeFirstOrThrow();
  const recent = await db
    .selectFrom('submissions')
    .where('learner', '=', learner)
    .where('kata', '=', kata)
    .where('created_at', '>=', since)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return {
    drafts: Number(drafts.drafts),
    kataDraftBytes: kataDraft ? Number(kataDraft.bytes) : null,
    kataSubmissionsSince: Number(recent.count),
    bytes: Number(drafts.bytes) + Number(submissions.bytes),
  };
}

/**
 * Runs `write` after `quota.check` passed, in one transaction that first locks the learner's row:
 * two writes of one learner, from any process, take turns, so both cannot pass a quota that has
 * room for one. Without a quota it simply writes.
 */
async function withinQuota<T>(db: Kysely<Tables>, learner: string, kata: string, quota: QuotaCheck | undefined, write: (db: Kysely<Tables>) => Promise<T>): Promise<T> {
  if (!quota) return write(db);
  return db.transaction().execute(async (trx) => {
    // An upsert locks the row until the transaction ends (in SQLite, the whole file's write lock).
    await trx.insertInto('learners').values({ learner }).onConflict((oc) => oc.column('learner').doUpdateSet({ learner })).execute();
    quota.check(await usageOf(trx, learner, kata, quota.since));
    return write(trx);
  });
}

export function kyselyStore(db: Kysely<Tables>): Store {
  const saveDraft = async (on: Kysely<Tables>, learner: string, kata: string, code: string): Promise<Draft> => {
    const updatedAt = new Date().toISOString();
    await on
      .insertInto('drafts')
      .values({ learner, kata, code, updated_at: updatedAt })
      .onConflict((oc) => oc.columns(['learner', 'kata']).doUpdateSet({ code, updated_at: updatedAt }))
      .execute();
    return { code, updatedAt };
  };
  const addSubmission = async (on: Kysely<Tables>, s: NewSubmission): Promise<Submission> => {
    const row = await on
      .insertInto('submissions')
      .values({ public_id: newPublicId(), learner: s.learner, kata: s.kata, kata_version: s.kataVersion, code: s.code, seed: s.seed, time_taken_seconds: s.timeTakenSeconds ?? null, created_at: new Date().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubmission(row);
  };

  const toDraft = (row: { code: string; updated_at: string }): Draft => ({ code: row.code, updatedAt: row.updated_at });

  return {
    accounts: kyselyAccounts(db, newPublicId),
    assignments: kyselyAssignments(db, newPublicId),
    async getDraft(learner, kata) {
      const row = await db.selectFrom('drafts').select(['code', 'updated_at']).where('learner', '=', learner).where('kata', '=', kata).executeTakeFirst();
      return row ? { code: row.code, updatedAt: row.updated_at } : null;
    },
    saveDraft(learner, kata, code, quota) {
      return withinQuota(db, learner, kata, quota, (on) => saveDraft(on, learner, kata, code));
    },
    moveLearnerWork(from, to, combine) {
      return db.transaction().execute(async (trx) => {
        const submissions = await trx.updateTable('submissions').set({ learner: to }).where('learner', '=', from).executeTakeFirst();
        const rows = await trx.selectFrom('drafts').select(['kata', 'code', 'updated_at']).where('learner', '=', from).execute();
        const combined: string[] = [];
        for (const row of rows) {
          const theirs = await trx.selectFrom('drafts').select(['code', 'updated_at']).where('learner', '=', to).where('kata', '=', row.kata).executeTakeFirst();
          if (!theirs) {
            await trx.updateTable('drafts').set({ learner: to }).where('learner', '=', from).where('kata', '=', row.kata).execute();
            continue;
          }
          const [newer, older] = row.updated_at > theirs.updated_at ? [toDraft(row), toDraft(theirs)] : [toDraft(theirs), toDraft(row)];
          const code = combine(newer, older);
          await saveDraft(trx, to, row.kata, code);
          await trx.deleteFrom('drafts').where('learner', '=', from).where('kata', '=', row.kata).execute();
          if (code !== newer.code) combined.push(row.kata);
        }
        // A practice timer running in the browser goes on running in the account, unless one runs there already.
        for (const timer of await trx.selectFrom('practice_timers').select(['kata', 'started_at']).where('learner', '=', from).execute()) {
          await trx.insertInto('practice_timers').values({ learner: to, ...timer }).onConflict((oc) => oc.columns(['learner', 'kata']).doNothing()).execute();
        }
        await trx.deleteFrom('practice_timers').where('learner', '=', from).execute();
        return { drafts: rows.length, submissions: Number(submissions.numUpdatedRows), combined };
      });
    },
    async deleteDraft(learner, kata) {
      await db.deleteFrom('drafts').where('learner', '=', learner).where('kata', '=', kata).execute();
    },
    addSubmission(s, quota) {
      return withinQuota(db, s.learner, s.kata, quota, (on) => addSubmission(on, s));
    },
    async finishSubmission(id, result) {
      // A verdict is recorded once: of two writers racing, the second finds the row no longer
      // queued and changes nothing (PostgreSQL re-checks the condition on the row it waited for).
      const row = await db
        .updateTable('submissions')
        .set({ status: result.status, score: result.score, result: JSON.stringify(result), finished_at: new Date().toISOString() })
        .where('public_id', '=', id)
        .where('status', '=', 'queued')
        .returningAll()
        .executeTakeFirst();
      return row && toSubmission(row);
    },
    async addTypeDiagnostics(id, diagnostics) {
      await db.updateTable('submissions').set({ type_diagnostics: JSON.stringify(diagnostics) }).where('public_id', '=', id).execute();
    },
    async fixSeed(id, seed) {
      await db.updateTable('submissions').set({ seed }).where('public_id', '=', id).where('seed', 'is', null).execute();
    },
    async deleteSubmission(id) {
      await db.deleteFrom('submissions').where('public_id', '=', id).execute();
    },
    async listSubmissions(learner, kata, limit) {
      const rows = await db.selectFrom('submissions').select(summaryColumns).where('learner', '=', learner).where('kata', '=', kata).orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toSummary);
    },
    async getSubmission(learner, id) {
      const row = await db.selectFrom('submissions').selectAll().where('learner', '=', learner).where('public_id', '=', id).executeTakeFirst();
      return row && toSubmission(row);
    },
    async learnerHistory(learner) {
      const submissions = await db.selectFrom('submissions').selectAll().where('learner', '=', learner).orderBy('id').execute();
      const drafts = await db.selectFrom('drafts').select(['kata', 'code', 'updated_at']).where('learner', '=', learner).orderBy('kata').execute();
      return { submissions: submissions.map(toSubmission), drafts: drafts.map((d) => ({ kata: d.kata, code: d.code, updatedAt: d.updated_at })) };
    },
    async startPractice(learner, kata, at) {
      await db
        .insertInto('practice_timers')
        .values({ learner, kata, started_at: at })
        .onConflict((oc) => oc.columns(['learner', 'kata']).doUpdateSet({ started_at: at }))
        .execute();
    },
    async practiceStart(learner, kata) {
      const row = await db.selectFrom('practice_timers').select('started_at').where('learner', '=', learner).where('kata', '=', kata).executeTakeFirst();
      return row?.started_at ?? null;
    },
    async stopPractice(learner, kata) {
      await db.deleteFrom('practice_timers').where('learner', '=', learner).where('kata', '=', kata).execute();
    },
    async unfinishedSubmissions() {
      return db
        .selectFrom('submissions')
        .select(['public_id as id', 'learner', 'kata', 'kata_version as kataVersion', 'code', 'seed'])
        .where('status', '=', 'queued')
        // The table's id, not the output column named id (the public one).
        .orderBy('submissions.id')
        .execute();
    },
    async unfinishedSubmission(id) {
      return db
        .selectFrom('submissions')
        .select(['public_id as id', 'learner', 'kata', 'kata_version as kataVersion', 'code', 'seed'])
        .where('status', '=', 'queued')
        .where('public_id', '=', id)
        .executeTakeFirst();
    },
    async keepKataVersion(bundle) {
      await db
        .insertInto('kata_versions')
        .values({ kata: bundle.slug, version: bundle.version, hash: bundle.hash, probes: bundle.probes, limits: bundle.limits ? JSON.stringify(bundle.limits) : null, first_run_at: new Date().toISOString() })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async kataVersion(kata, version) {
      const row = await db.selectFrom('kata_versions').select(['kata', 'version', 'hash', 'probes', 'limits']).where('kata', '=', kata).where('version', '=', version).executeTakeFirst();
      if (!row) return undefined;
      const bundle: KataBundle = { slug: row.kata, version: row.version, probes: row.probes, hash: row.hash };
      if (row.limits) bundle.limits = JSON.parse(row.limits) as KataBundle['limits'];
      return bundle;
    },
    async activity(learner) {
      const rows = await db
        .selectFrom('submissions')
        .where('learner', '=', learner)
        .where('status', '!=', 'queued')
        .groupBy('kata')
        .select((eb) => [
          'kata',
          eb.fn.countAll<number>().as('submissions'),
          eb.fn.max('score').as('best'),
          eb.fn.max(eb.case().when('status', '=', 'passed').then(1).else(0).end()).as('solved'),
        ])
        .execute();
      const byKata = new Map<string, KataActivity>();
      for (const row of rows) byKata.set(row.kata, { kata: row.kata, submissions: Number(row.submissions), bestScore: row.best, solved: Number(row.solved) === 1 });
      // A draft alone makes a kata attempted.
      for (const { kata } of await db.selectFrom('drafts').select('kata').where('learner', '=', learner).execute()) {
        if (!byKata.has(kata)) byKata.set(kata, { kata, submissions: 0, bestScore: null, solved: false });
      }
      return [...byKata.values()];
    },
    usage(learner, kata, since) {
      return usageOf(db, learner, kata, since);
    },
    async signingSecret() {
      // The first process to get here makes it; every other one, then and later, reads that one.
      await db.insertInto('settings').values({ name: 'cookie_secret', value: crypto.randomBytes(32).toString('base64url') }).onConflict((oc) => oc.doNothing()).execute();
      const row = await db.selectFrom('settings').select('value').where('name', '=', 'cookie_secret').executeTakeFirstOrThrow();
      return row.value;
    },
    async claimLearner(learner) {
      const draft = await db.selectFrom('drafts').select('learner').where('learner', '=', learner).limit(1).executeTakeFirst();
      const submission = draft ?? (await db.selectFrom('submissions').select('learner').where('learner', '=', learner).limit(1).executeTakeFirst());
      if (!submission) return false;
      const now = Date.now();
      await db.insertInto('claimed_learners').values({ learner, claimed_at: new Date(now).toISOString() }).onConflict((oc) => oc.doNothing()).execute();
      const row = await db.selectFrom('claimed_learners').select('claimed_at').where('learner', '=', learner).executeTakeFirstOrThrow();
      return Date.parse(row.claimed_at) > now - CLAIM_GRACE_MS;
    },
    async close() {
      await db.destroy();
    },
  };
}

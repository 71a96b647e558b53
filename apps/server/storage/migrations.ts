// Schema changes as numbered migrations, the same for SQLite and PostgreSQL, applied once each
// by Kysely's Migrator (which holds a lock meanwhile, so processes starting together do not
// race). Append only: a released migration is never edited, a change is a new entry.
//
// Files from before Kysely kept their own list (schema_migrations, versions 1 to 5, the same
// steps as 001 to 005 here): a step such a file has already taken is skipped, and 006 retires
// that list. So a file at any of those versions upgrades, and keeps every row.
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { addIdColumn, type Dialect } from './connect.js';

const LEGACY_TABLE = 'schema_migrations';

async function legacyVersion(db: Kysely<any>): Promise<number> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === LEGACY_TABLE)) return 0;
  const row = await db.selectFrom(LEGACY_TABLE).select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** A step that files from before Kysely may have taken already, as their version `legacy`. */
const step = (legacy: number, up: (db: Kysely<any>) => Promise<void>): Migration => ({
  async up(db) {
    if ((await legacyVersion(db)) < legacy) await up(db);
  },
});

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001-drafts-and-submissions': step(1, async (db) => {
      await db.schema
        .createTable('drafts')
        .addColumn('learner', 'text', (c) => c.notNull())
        .addColumn('kata', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('drafts_pkey', ['learner', 'kata'])
        .execute();
      await addIdColumn(dialect, db.schema.createTable('submissions'))
        .addColumn('learner', 'text', (c) => c.notNull())
        .addColumn('kata', 'text', (c) => c.notNull())
        .addColumn('kata_version', 'integer', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
        .addColumn('score', 'integer')
        .addColumn('result', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('submissions_by_learner').on('submissions').columns(['learner', 'kata', 'id']).execute();
      await db.schema.createIndex('submissions_unfinished').on('submissions').column('id').where(sql.ref('status'), '=', sql.lit('queued')).execute();
    }),
    '002-opaque-ids-seeds-type-errors-kata-versions': step(2, async (db) => {
      // One column per statement: SQLite adds no more at once.
      await db.schema.alterTable('submissions').addColumn('public_id', 'text').execute();
      for (const { id } of await db.selectFrom('submissions').select('id').execute()) {
        await db.updateTable('submissions').set({ public_id: crypto.randomBytes(8).toString('hex') }).where('id', '=', id).execute();
      }
      await db.schema.createIndex('submissions_by_public_id').unique().on('submissions').column('public_id').execute();
      // Seeds go up to 2^32 - 1: beyond PostgreSQL's integer.
      await db.schema.alterTable('submissions').addColumn('seed', 'bigint').execute();
      await db.schema.alterTable('submissions').addColumn('type_diagnostics', 'text').execute();
      await db.schema
        .createTable('kata_versions')
        .addColumn('kata', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('probes', 'text', (c) => c.notNull())
        .addColumn('limits', 'text')
        .addColumn('first_run_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('kata_versions_pkey', ['kata', 'version'])
        .execute();
    }),
    '003-settings-claimed-learners': step(3, async (db) => {
      await db.schema.createTable('settings').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
      await db.schema.createTable('claimed_learners').addColumn('learner', 'text', (c) => c.primaryKey()).addColumn('claimed_at', 'text', (c) => c.notNull()).execute();
      await db.schema.createIndex('submissions_by_learner_time').on('submissions').columns(['learner', 'kata', 'created_at']).execute();
    }),
    '004-accounts-sessions': step(4, async (db) => {
      await addIdColumn(dialect, db.schema.createTable('accounts'))
        .addColumn('public_id', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'interviewer')`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
        .addColumn('csrf_secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_by_account').on('sessions').column('account_id').execute();
    }),
    '005-assignments-takes-reviews': step(5, async (db) => {
      await addIdColumn(dialect, db.schema.createTable('assignments'))
        .addColumn('public_id', 'text', (c) => c.notNull().unique())
        .addColumn('owner_id', 'bigint', (c) => c.notNull().references('accounts.id'))
        .addColumn('candidate_name', 'text', (c) => c.notNull())
        .addColumn('candidate_email', 'text')
        .addColumn('instructions', 'text', (c) => c.notNull())
        .addColumn('katas', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('link_expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text')
        .addColumn('started_at', 'text')
        .addColumn('deadline_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('auto_submitted_at', 'text')
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('rating', 'integer')
        .addColumn('recommendation', 'text')
        .execute();
      await db.schema.createIndex('assignments_by_owner').on('assignments').columns(['owner_id', 'id']).execute();
      await db.schema
        .createTable('take_drafts')
        .addColumn('assignment_id', 'bigint', (c) => c.notNull().references('assignments.id'))
        .addColumn('kata', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('take_drafts_pkey', ['assignment_id', 'kata'])
        .execute();
      await addIdColumn(dialect, db.schema.createTable('take_snapshots'))
        .addColumn('assignment_id', 'bigint', (c) => c.notNull().references('assignments.id'))
        .addColumn('kata', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('take_snapshots_by_kata').on('take_snapshots').columns(['assignment_id', 'kata', 'id']).execute();
      await addIdColumn(dialect, db.schema.createTable('take_runs'))
        .addColumn('assignment_id', 'bigint', (c) => c.notNull().references('assignments.id'))
        .addColumn('kata', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .execute();
    }),
    '006-shared-database': {
      async up(db) {
        await db.schema.dropTable(LEGACY_TABLE).ifExists().execute();
        // Emails are one account in any case. (Files from before had SQLite's NOCASE on the
        // column, which PostgreSQL lacks; an index on lower(email) means the same in both.)
        await db.schema.createIndex('accounts_by_email').unique().on('accounts').expression(sql`lower(email)`).execute();
        await db.schema.createTable('learners').addColumn('learner', 'text', (c) => c.primaryKey()).execute();
      },
    },
    '007-practice-timers': {
      async up(db) {
        await db.schema
          .createTable('practice_timers')
          .addColumn('learner', 'text', (c) => c.notNull())
          .addColumn('kata', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('practice_timers_pkey', ['learner', 'kata'])
          .execute();
        await db.schema.alterTable('submissions').addColumn('time_taken_seconds', 'integer').execute();
      },
    },
    '008-learner-accounts': {
      async up(db) {
        const roles = sql`role in ('admin', 'interviewer', 'learner')`;
        if (dialect === 'postgres') {
          // The name PostgreSQL gave the column's CHECK in 004.
          await sql`alter table accounts drop constraint accounts_role_check, add constraint accounts_role_check check (${roles})`.execute(db);
          return;
        }
        // SQLite cannot change a CHECK in place: the table is made anew with the same rows and ids.
        // Sessions and assignments refer to it, so their foreign keys are checked at commit, once
        // every account is back, not when the old table goes (hence a transaction of its own: the
        // Migrator opens none on SQLite).
        await db.transaction().execute(async (trx) => {
          await sql`pragma defer_foreign_keys = on`.execute(trx);
          await sql`create temp table accounts_before as select * from accounts`.execute(trx);
          await trx.schema.dropTable('accounts').execute();
          await addIdColumn(dialect, trx.schema.createTable('accounts'))
            .addColumn('public_id', 'text', (c) => c.notNull().unique())
            .addColumn('email', 'text', (c) => c.notNull())
            .addColumn('role', 'text', (c) => c.notNull().check(roles))
            .addColumn('password_hash', 'text', (c) => c.notNull())
            .addColumn('disabled_at', 'text')
            .addColumn('created_at', 'text', (c) => c.notNull())
            .execute();
          await sql`insert into accounts (id, public_id, email, role, password_hash, disabled_at, created_at)
            select id, public_id, email, role, password_hash, disabled_at, created_at from accounts_before`.execute(trx);
          await sql`drop table temp.accounts_before`.execute(trx);
          await trx.schema.createIndex('accounts_by_email').unique().on('accounts').expression(sql`lower(email)`).execute();
        });
      },
    },
  };
}

/** Applies what the database lacks; says which migrations ran. Throws when one fails (nothing of it stays). */
export async function migrate(db: Kysely<any>, dialect: Dialect): Promise<{ applied: string[]; latest: string }> {
  const all = migrations(dialect);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => all } });
  let outcome: MigrationResultSet = await migrator.migrateToLatest();
  // Processes starting together on a new SQLite file: SQLite has no lock to wait on before the
  // Migrator reads what was applied, so all but one fail their (whole, rolled back) transaction,
  // and find the work done when they look again. PostgreSQL waits on Kysely's lock instead.
  for (let attempt = 1; outcome.error && attempt <= 5; attempt++) {
    await sleep(20 * attempt);
    outcome = await migrator.migrateToLatest();
  }
  if (outcome.error) {
    const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`the database schema could not be brought up to date${failed ? ` (migration ${failed})` : ''}: ${(outcome.error as Error).message ?? String(outcome.error)}`, { cause: outcome.error });
  }
  return { applied: (outcome.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), latest: Object.keys(all).at(-1)! };
}

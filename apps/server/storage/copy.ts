// `katabox db copy`: every row of every table from one database to another, ids and times as
// they were (so links, history and the learner-cookie secret carry over), into a target that
// has no data yet. All of it in one transaction of the target: a copy stops whole or not at all.
import { sql, type Kysely } from 'kysely';
import { connect, continueNumbering, type Database } from './connect.js';
import { migrate } from './migrations.js';
import { numberedTables, primaryKeys, tableNames, type Tables } from './tables.js';

export class CopyRefusedError extends Error {}

/** Rows per insert: well below both databases' limits on parameters, and on memory for large verdicts. */
const BATCH = 100;

const count = async (db: Kysely<Tables>, table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);

/** The migration bookkeeping is each database's own, not data. */
const isBookkeeping = (name: string) => name.startsWith('kysely_');

async function checkKnown(db: Kysely<Tables>, name: string): Promise<void> {
  const unknown = (await db.introspection.getTables()).map((t) => t.name).filter((t) => !isBookkeeping(t) && !(tableNames as readonly string[]).includes(t));
  // A table this code does not know would be left behind: better to copy nothing.
  if (unknown.length > 0) throw new CopyRefusedError(`${name} has tables this version of Katabox does not know (${unknown.join(', ')}); copy with the version that made them`);
}

/** Rows copied, per table. */
export async function copyDatabase(from: string, to: string): Promise<Record<string, number>> {
  const source: Database = connect(from);
  const target: Database = connect(to);
  try {
    // Both at the same schema, so every row fits as it is.
    await migrate(source.db, source.dialect);
    await migrate(target.db, target.dialect);
    await checkKnown(source.db, source.name);
    const filled = [];
    for (const table of tableNames) if ((await count(target.db, table)) > 0) filled.push(table);
    if (filled.length > 0) throw new CopyRefusedError(`${target.name} has data already (in ${filled.join(', ')}); copy into an empty database`);

    const copied: Record<string, number> = {};
    await target.db.transaction().execute(async (trx) => {
      for (const table of tableNames) {
        copied[table] = 0;
        for (let offset = 0; ; offset += BATCH) {
          const rows = await source.db
            .selectFrom(table)
            .selectAll()
            // Primary key order: read from its index without sorting, ids rising.
            .orderBy(primaryKeys[table].map((c) => sql.ref(c)))
            .limit(BATCH)
            .offset(offset)
            .execute();
          if (rows.length === 0) break;
          await trx.insertInto(table).values(rows as never).execute();
          copied[table] += rows.length;
        }
        const there = await count(trx, table);
        if (there !== copied[table]) throw new Error(`${table}: ${copied[table]} rows read, ${there} in the target`);
      }
      await continueNumbering(trx, target.dialect, numberedTables);
    });
    return copied;
  } finally {
    await Promise.all([source.db.destroy(), target.db.destroy()]);
  }
}

// `katabox db ...`: the schema of a database brought up to date, and an installation moved from
// one database to another (a SQLite file to PostgreSQL, typically) without losing a row.
import { parseArgs } from 'node:util';
import { connect, displayName } from '../server/storage/connect.js';
import { copyDatabase, CopyRefusedError } from '../server/storage/copy.js';
import { migrate } from '../server/storage/migrations.js';
import { red } from './report.js';
import { UsageError } from './usage-error.js';

export const dbUsage = `  db migrate [--db FILE|URL]            bring the database's schema up to date (serve does it too)
  db copy --from FILE|URL --to FILE|URL
                                        copy every row into an empty database (stop the server
                                        first); accounts, history and learners' cookies carry over`;

export async function db(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'migrate') {
    const { values } = parseArgs({ args: rest, options: { db: { type: 'string' } } });
    const { db: kysely, dialect, name } = connect(values.db ?? process.env.KATABOX_DB ?? 'katabox.db');
    try {
      const { applied, latest } = await migrate(kysely, dialect);
      console.log(applied.length > 0 ? `${name}: applied ${applied.join(', ')}` : `${name}: up to date (${latest})`);
      return 0;
    } finally {
      await kysely.destroy();
    }
  }
  if (action === 'copy') {
    const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' } } });
    if (!values.from || !values.to) throw new UsageError('db copy takes --from and --to: katabox db copy --from katabox.db --to postgres://…');
    if (values.from === values.to) throw new UsageError('db copy needs two different databases');
    try {
      const copied = await copyDatabase(values.from, values.to);
      const total = Object.values(copied).reduce((a, b) => a + b, 0);
      console.log(`copied ${total} rows from ${displayName(values.from)} to ${displayName(values.to)}:`);
      for (const [table, rows] of Object.entries(copied)) console.log(`  ${table.padEnd(18)} ${rows}`);
      if (copied.settings) console.log('the learner-cookie secret came along: learners keep their identity');
      return 0;
    } catch (err) {
      if (!(err instanceof CopyRefusedError)) throw err;
      console.error(red(`katabox db copy: ${err.message}`));
      return 1;
    }
  }
  throw new UsageError(`db takes migrate or copy, not "${action ?? ''}"`);
}

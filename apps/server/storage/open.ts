// Opening the store a location names (a SQLite file or a PostgreSQL URL), its schema brought up to date.
import { connect } from './connect.js';
import { kyselyStore } from './kysely-store.js';
import { migrate } from './migrations.js';
import type { Store } from './store.js';

export async function openStore(location: string): Promise<Store> {
  const { db, dialect } = connect(location);
  try {
    await migrate(db, dialect);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return kyselyStore(db);
}

// The two databases the store runs on, for tests that must hold on both: a real SQLite file in a
// temp folder, and a real PostgreSQL cluster (one per test file, a fresh database per call).
import path from 'node:path';
import { postgresForThisFile } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';

export interface Backend {
  name: string;
  /** A location no store has used yet. */
  fresh(): Promise<string>;
  /**
   * How many processes may share one database, each with its own store. PostgreSQL: many. A
   * SQLite file serves one server; and two stores in one process would deadlock, since
   * better-sqlite3 waits for another connection's write lock synchronously, stopping the event
   * loop that would let the other finish.
   */
  sharers: number;
}

const postgres = postgresForThisFile();

export const backends: Backend[] = [
  { name: 'SQLite', fresh: async () => path.join(tempDir('store'), 'katabox.db'), sharers: 1 },
  { name: 'PostgreSQL', fresh: async () => (await postgres()).database(), sharers: 3 },
];

// better-sqlite3 comes in two builds: 13.x (installed under the alias better-sqlite3-node22,
// for Node 22+) and 12.x (for Node 20). 12.x aborts the process on Node 24.19+ when the garbage
// collector finalises one of its statements, so the newer build is taken wherever it installed.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

function load(): typeof BetterSqlite3 {
  try {
    return require('better-sqlite3-node22') as typeof BetterSqlite3;
  } catch {
    return require('better-sqlite3') as typeof BetterSqlite3;
  }
}

export const SqliteDatabase = load();

// Opening the database a location names: a file path is SQLite (better-sqlite3, WAL), a
// postgres:// or postgresql:// URL is PostgreSQL (pg). This module is the one place where the
// two databases are told apart; queries and migrations are the same for both.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, SqliteDialect, type CreateTableBuilder } from 'kysely';
import pg from 'pg';
import { SqliteDatabase } from './sqlite-driver.js';
import type { Tables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  dialect: Dialect;
  /** The location for messages, without a password. */
  name: string;
}

export const isPostgresUrl = (location: string) => /^postgres(?:ql)?:\/\//i.test(location);

/** A URL's password stays out of logs and terminal output. */
export function displayName(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(a URL that does not parse)';
  }
}

// pg gives 64-bit integers (COUNT, SUM, bigint columns) as strings, to be safe beyond 2^53; ours
// (counts, byte sums, ids, seeds below 2^32) are far below it, and SQLite gives them as numbers.
const INT8 = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

export function connect(location: string): Database {
  const name = displayName(location);
  if (isPostgresUrl(location)) {
    const pool = new pg.Pool({ connectionString: location, types: pgTypes, max: 10 });
    // An idle connection the server dropped (a restart, say) is discarded by the pool and the next
    // query opens another; without a listener the error would end the process.
    pool.on('error', () => undefined);
    return { db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', name };
  }
  if (location !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
  const file = new SqliteDatabase(location);
  file.pragma('journal_mode = WAL');
  // WAL makes NORMAL durable against application crashes; only a power cut can lose the last commits.
  file.pragma('synchronous = NORMAL');
  // Another process writing (the CLI beside a server) is waited for rather than failed.
  file.pragma('busy_timeout = 5000');
  return { db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: file }) }), dialect: 'sqlite', name };
}

/**
 * The numbered id of a table. SQLite numbers a row only through a column declared exactly
 * `integer primary key` (its rowid; AUTOINCREMENT keeps numbers of deleted rows unused), which
 * PostgreSQL does not know; PostgreSQL's is an identity column.
 */
export function addIdColumn<T extends string, C extends string>(dialect: Dialect, table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

/**
 * After rows were written with their own ids (a copy), the next id must come after them.
 * SQLite sees to it by itself; a PostgreSQL identity sequence has to be moved on.
 */
export async function continueNumbering(db: Kysely<Tables>, dialect: Dialect, tables: readonly string[]): Promise<void> {
  if (dialect === 'sqlite') return;
  for (const table of tables) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 0) + 1, false) from ${sql.table(table)}`.execute(db);
  }
}

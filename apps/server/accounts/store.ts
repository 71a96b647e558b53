// Interviewer and admin accounts, and their sessions. A session is known to storage only by the
// hash of its id, so a copy of the database lets nobody sign in as anyone.
import type { Database } from '../storage/sqlite-driver.js';

export type Role = 'admin' | 'interviewer';

export interface Account {
  /** Opaque. */
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface SessionRecord {
  account: Account;
  /** The secret this session's CSRF tokens are made from. */
  csrfSecret: string;
}

export interface AccountStore {
  /** Throws EmailTakenError when the email (in any case) has an account already. */
  addAccount(email: string, role: Role, passwordHash: string): Promise<Account>;
  listAccounts(): Promise<Account[]>;
  findAccount(email: string): Promise<{ account: Account; passwordHash: string } | undefined>;
  accountById(id: string): Promise<Account | undefined>;
  /** Sets a new password and ends the account's sessions. */
  setPassword(id: string, passwordHash: string): Promise<void>;
  /** Disables the account and ends its sessions. */
  disableAccount(id: string): Promise<void>;

  addSession(idHash: string, accountId: string, csrfSecret: string, expiresAt: string): Promise<void>;
  /** Undefined when the session does not exist, has expired, or its account is disabled. */
  session(idHash: string, now: string): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
}

export class EmailTakenError extends Error {}

interface AccountRow {
  public_id: string;
  email: string;
  role: Role;
  disabled_at: string | null;
  created_at: string;
}

const toAccount = (row: AccountRow): Account => ({ id: row.public_id, email: row.email, role: row.role, disabled: row.disabled_at !== null, createdAt: row.created_at });

export const accountsMigration = `
  CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id     TEXT NOT NULL UNIQUE,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'interviewer')),
    password_hash TEXT NOT NULL,
    disabled_at   TEXT,
    created_at    TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    csrf_secret TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
  );
  CREATE INDEX sessions_by_account ON sessions (account_id);
`;

export function sqliteAccounts(db: Database, newId: () => string): AccountStore {
  const columns = 'public_id, email, role, disabled_at, created_at';
  const q = {
    add: db.prepare(`INSERT INTO accounts (public_id, email, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${columns}`),
    list: db.prepare(`SELECT ${columns} FROM accounts ORDER BY email`),
    byEmail: db.prepare(`SELECT ${columns}, password_hash FROM accounts WHERE email = ?`),
    byId: db.prepare(`SELECT ${columns} FROM accounts WHERE public_id = ?`),
    setPassword: db.prepare('UPDATE accounts SET password_hash = ? WHERE public_id = ?'),
    disable: db.prepare('UPDATE accounts SET disabled_at = coalesce(disabled_at, ?) WHERE public_id = ?'),
    endSessionsOf: db.prepare('DELETE FROM sessions WHERE account_id = (SELECT id FROM accounts WHERE public_id = ?)'),
    addSession: db.prepare('INSERT INTO sessions (id_hash, account_id, csrf_secret, created_at, expires_at) SELECT ?, id, ?, ?, ? FROM accounts WHERE public_id = ?'),
    session: db.prepare(`SELECT a.public_id, a.email, a.role, a.disabled_at, a.created_at, s.csrf_secret
      FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
  };
  const setPassword = db.transaction((id: string, passwordHash: string) => {
    q.setPassword.run(passwordHash, id);
    q.endSessionsOf.run(id);
  });
  const disable = db.transaction((id: string) => {
    q.disable.run(new Date().toISOString(), id);
    q.endSessionsOf.run(id);
  });

  return {
    async addAccount(email, role, passwordHash) {
      try {
        return toAccount(q.add.get(newId(), email, role, passwordHash, new Date().toISOString()) as AccountRow);
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError(`${email} has an account already`);
        throw err;
      }
    },
    async listAccounts() {
      return (q.list.all() as AccountRow[]).map(toAccount);
    },
    async findAccount(email) {
      const row = q.byEmail.get(email) as (AccountRow & { password_hash: string }) | undefined;
      return row && { account: toAccount(row), passwordHash: row.password_hash };
    },
    async accountById(id) {
      const row = q.byId.get(id) as AccountRow | undefined;
      return row && toAccount(row);
    },
    async setPassword(id, passwordHash) {
      setPassword(id, passwordHash);
    },
    async disableAccount(id) {
      disable(id);
    },
    async addSession(idHash, accountId, csrfSecret, expiresAt) {
      const now = new Date().toISOString();
      // Expired sessions go as new ones come, so the table does not grow for ever.
      q.deleteExpired.run(now);
      q.addSession.run(idHash, csrfSecret, now, expiresAt, accountId);
    },
    async session(idHash, now) {
      const row = q.session.get(idHash, now) as (AccountRow & { csrf_secret: string }) | undefined;
      return row && { account: toAccount(row), csrfSecret: row.csrf_secret };
    },
    async deleteSession(idHash) {
      q.deleteSession.run(idHash);
    },
  };
}

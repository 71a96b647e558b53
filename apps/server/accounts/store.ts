// Accounts (interviewers, admins, and learners who signed up) and their sessions. A session is
// known to storage only by the hash of its id, so a copy of the database lets nobody sign in as anyone.
import { sql, type Kysely } from 'kysely';
import type { Tables } from '../storage/tables.js';

export type Role = 'admin' | 'interviewer' | 'learner';

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
  /** Lets a disabled account sign in again (its old sessions stay ended). */
  enableAccount(id: string): Promise<void>;

  addSession(idHash: string, accountId: string, csrfSecret: string, expiresAt: string): Promise<void>;
  /** Undefined when the session does not exist, has expired, or its account is disabled. */
  session(idHash: string, now: string): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
}

export class EmailTakenError extends Error {}

type AccountRow = Pick<Tables['accounts'], 'public_id' | 'email' | 'role' | 'disabled_at' | 'created_at'>;

const toAccount = (row: AccountRow): Account => ({ id: row.public_id, email: row.email, role: row.role, disabled: row.disabled_at !== null, createdAt: row.created_at });

const columns = ['public_id', 'email', 'role', 'disabled_at', 'created_at'] as const;
/** An email names one account whatever its case (the unique index is on lower(email)). */
const sameEmail = (email: string) => sql<boolean>`lower(email) = lower(${email})`;

export function kyselyAccounts(db: Kysely<Tables>, newId: () => string): AccountStore {
  const endSessionsOf = (on: Kysely<Tables>, id: string) =>
    on.deleteFrom('sessions').where('account_id', '=', (eb) => eb.selectFrom('accounts').select('id').where('public_id', '=', id)).execute();

  return {
    async addAccount(email, role, passwordHash) {
      const row = await db
        .insertInto('accounts')
        .values({ public_id: newId(), email, role, password_hash: passwordHash, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.doNothing())
        .returning(columns)
        .executeTakeFirst();
      if (!row) throw new EmailTakenError(`${email} has an account already`);
      return toAccount(row);
    },
    async listAccounts() {
      return (await db.selectFrom('accounts').select(columns).orderBy('email').execute()).map(toAccount);
    },
    async findAccount(email) {
      const row = await db.selectFrom('accounts').select([...columns, 'password_hash']).where(sameEmail(email)).executeTakeFirst();
      return row && { account: toAccount(row), passwordHash: row.password_hash };
    },
    async accountById(id) {
      const row = await db.selectFrom('accounts').select(columns).where('public_id', '=', id).executeTakeFirst();
      return row && toAccount(row);
    },
    async setPassword(id, passwordHash) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('accounts').set({ password_hash: passwordHash }).where('public_id', '=', id).execute();
        await endSessionsOf(trx, id);
      });
    },
    async enableAccount(id) {
      await db.updateTable('accounts').set({ disabled_at: null }).where('public_id', '=', id).execute();
    },
    async disableAccount(id) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('accounts')
          .set((eb) => ({ disabled_at: eb.fn.coalesce('disabled_at', eb.val(new Date().toISOString())) }))
          .where('public_id', '=', id)
          .execute();
        await endSessionsOf(trx, id);
      });
    },
    async addSession(idHash, accountId, csrfSecret, expiresAt) {
      const now = new Date().toISOString();
      // Expired sessions go as new ones come, so the table does not grow for ever.
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
      await db
        .insertInto('sessions')
        .columns(['id_hash', 'account_id', 'csrf_secret', 'created_at', 'expires_at'])
        .expression((eb) =>
          eb.selectFrom('accounts').select((s) => [s.val(idHash).as('id_hash'), 'id', s.val(csrfSecret).as('csrf_secret'), s.val(now).as('created_at'), s.val(expiresAt).as('expires_at')]).where('public_id', '=', accountId),
        )
        .execute();
    },
    async session(idHash, now) {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('accounts as a', 'a.id', 's.account_id')
        .select(['a.public_id', 'a.email', 'a.role', 'a.disabled_at', 'a.created_at', 's.csrf_secret'])
        .where('s.id_hash', '=', idHash)
        .where('s.expires_at', '>', now)
        .where('a.disabled_at', 'is', null)
        .executeTakeFirst();
      return row && { account: toAccount(row), csrfSecret: row.csrf_secret };
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
  };
}

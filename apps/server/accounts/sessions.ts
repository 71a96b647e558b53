// Signed-in accounts: a random session id in an httpOnly, SameSite=Lax cookie,
// kept in the database only as its hash, with the secret its CSRF tokens are made from.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import type { Account, AccountStore, SessionRecord } from './store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account; set on routes that require one. */
    account: Account | null;
    /** What @fastify/csrf-protection reads the CSRF secret from (its "@fastify/session" mode): here, the session row. */
    session: { _csrf?: string } | null;
  }
}

export const SESSION_COOKIE = 'katabox_session';
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** A working day for the accounts that reach candidates' code; a month for learners, who only keep their own work. */
const sessionSeconds = (account: Account) => (account.role === 'learner' ? 30 * 24 * 3600 : 12 * 3600);

const hash = (id: string) => crypto.createHash('sha256').update(id).digest('base64url');

// Not signed: the id is 32 random bytes, worth nothing unless its hash is in the sessions table.
function setCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAge: number): void {
  reply.setCookie(SESSION_COOKIE, value, { path: '/', maxAge, httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
}

const presentedId = (request: FastifyRequest) => {
  const id = request.cookies[SESSION_COOKIE];
  return id && ID_PATTERN.test(id) ? id : undefined;
};

export const notSignedIn = () => new HttpError(401, 'not_signed_in', 'Sign in first.');

export class Sessions {
  constructor(private readonly accounts: AccountStore) {}

  /**
   * Starts a new session for the account: always a fresh id, and the one the browser came with
   * (if any) is ended, so an id planted before sign-in is worth nothing after it.
   */
  async start(request: FastifyRequest, reply: FastifyReply, account: Account): Promise<void> {
    const old = presentedId(request);
    if (old) await this.accounts.deleteSession(hash(old));
    const id = crypto.randomBytes(32).toString('base64url');
    const csrfSecret = crypto.randomBytes(18).toString('base64url');
    const seconds = sessionSeconds(account);
    await this.accounts.addSession(hash(id), account.id, csrfSecret, new Date(Date.now() + seconds * 1000).toISOString());
    setCookie(request, reply, id, seconds);
    request.account = account;
    request.session = { _csrf: csrfSecret };
  }

  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const id = presentedId(request);
    if (id) await this.accounts.deleteSession(hash(id));
    setCookie(request, reply, '', 0);
  }

  /** The live session the request came with, if any; sets request.account and request.session. */
  async find(request: FastifyRequest): Promise<SessionRecord | undefined> {
    const id = presentedId(request);
    const found = id ? await this.accounts.session(hash(id), new Date().toISOString()) : undefined;
    if (found) {
      request.account = found.account;
      request.session = { _csrf: found.csrfSecret };
    }
    return found;
  }

  /** onRequest hook: any signed-in account (learners too), or 401. */
  readonly requireAccount = async (request: FastifyRequest): Promise<void> => {
    if (!(await this.find(request))) throw notSignedIn();
  };

  /** onRequest hook: a signed-in interviewer or admin; 401 without a session, 403 for a learner's. */
  readonly require = async (request: FastifyRequest): Promise<void> => {
    await this.requireAccount(request);
    if (request.account!.role === 'learner') throw new HttpError(403, 'forbidden', 'This is for interviewers and admins; a learner account cannot use it.');
  };
}

/** preHandler: admins only. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (request.account?.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only an admin may do this.');
}

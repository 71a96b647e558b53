// Learners without an account: a long random id in an httpOnly, SameSite cookie, signed by the
// server, so only ids it issued count: one a client makes up is treated as no id at all. New ids
// are rate-limited per address, so a client that drops its cookie gains nothing by it. Storage
// only ever sees a hash of the id, so a copy of the database hands nobody a way to act as a learner.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Draft, MovedWork } from '../contract/index.js';
import type { Sessions } from './accounts/sessions.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import type { Store } from './storage/store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The hashed learner id; set on routes that identify the learner. */
    learner: string;
    /** The request came without a (valid) cookie, so a new id was just issued. */
    newLearner: boolean;
  }
}

const LEARNER_COOKIE = 'katabox_learner';
/** 32 random bytes, base64url: the id itself, and the whole of a cookie from before cookies were signed. */
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const hash = (id: string) => crypto.createHash('sha256').update(id).digest('base64url');

/** The id a learner cookie carries, if this server signed it (or it is an unsigned one whose data is kept). */
async function cookieId(store: Store, request: FastifyRequest): Promise<{ id: string; resign: boolean } | undefined> {
  const cookie = request.cookies[LEARNER_COOKIE];
  if (!cookie) return undefined;
  const signed = request.unsignCookie(cookie);
  if (signed.valid && ID_PATTERN.test(signed.value)) return { id: signed.value, resign: signed.renew };
  // Cookies issued before they were signed: honoured at their first use (and requests sent with it at
  // that moment), for a learner with work stored, and re-issued signed.
  if (ID_PATTERN.test(cookie) && (await store.claimLearner(hash(cookie)))) return { id: cookie, resign: true };
  return undefined;
}

/** A signed-in account's work is kept under a key of its own; a cookie's key is a hash, which never has a colon. */
export const accountLearner = (accountId: string) => `account:${accountId}`;

/**
 * Builds the onRequest hook that finds the learner: the signed-in account, if the request has a
 * session, or else the id its cookie carries, or a new one issued with the response.
 */
export function learnerIdentifier(store: Store, issuing: RateLimit, sessions: Sessions) {
  const newIds = new RateLimiter(issuing, 'new learner ids from this address');

  return async function identifyLearner(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = await sessions.find(request);
    if (session) {
      request.learner = accountLearner(session.account.id);
      request.newLearner = false;
      return;
    }
    let known = await cookieId(store, request);
    request.newLearner = !known;
    if (!known) {
      newIds.take(request.ip);
      known = { id: crypto.randomBytes(32).toString('base64url'), resign: true };
    }
    if (known.resign) {
      reply.setCookie(LEARNER_COOKIE, known.id, { signed: true, path: '/', maxAge: ONE_YEAR_SECONDS, httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
    }
    request.learner = hash(known.id);
  };
}

/**
 * On sign-in (and sign-up): the browser's cookie identity hands its drafts and submissions to the
 * account and ends, so that signing out later starts a fresh, empty identity.
 */
export async function handOverCookieWork(store: Store, request: FastifyRequest, reply: FastifyReply, accountId: string): Promise<MovedWork> {
  const known = await cookieId(store, request);
  if (!known) return { drafts: 0, submissions: 0, combined: [] };
  const moved = await store.moveLearnerWork(hash(known.id), accountLearner(accountId), combineDrafts);
  reply.clearCookie(LEARNER_COOKIE, { path: '/' });
  return moved;
}

/** Two drafts of one kata: the newer one stays as it is, and the older one follows, commented out, so nothing is lost. */
export function combineDrafts(newer: Draft, older: Draft): string {
  if (older.code === newer.code) return newer.code;
  const lines = older.code.split('\n').map((line) => `// ${line}`.trimEnd());
  return `${newer.code.trimEnd()}\n\n// Katabox kept this older draft (saved ${older.updatedAt}) when you signed in; delete it once you have what you need:\n${lines.join('\n')}\n`;
}

/**
 * The key run/submit rate limits count under. A client that sends no cookie would get a fresh
 * identity (and a fresh allowance) on every request, so those are counted by address instead.
 */
export function rateLimitKey(request: FastifyRequest): string {
  return request.newLearner ? `ip:${request.ip}` : `learner:${request.learner}`;
}

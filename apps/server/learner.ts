// Learners without sign-up: a long random id in an httpOnly, SameSite cookie. Storage only ever
// sees a hash of it, so a copy of the database hands nobody a way to act as a learner.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The hashed learner id; set on routes that identify the learner. */
    learner: string;
    /** The request came without a (valid) cookie, so a new id was just issued. */
    newLearner: boolean;
  }
}

const COOKIE = 'katabox_learner';
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const hash = (id: string) => crypto.createHash('sha256').update(id).digest('base64url');

/** onRequest hook: finds the learner's id, or issues one with this response. */
export async function identifyLearner(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  let id = cookieValue(request.headers.cookie, COOKIE);
  request.newLearner = !id || !ID_PATTERN.test(id);
  if (request.newLearner) {
    id = crypto.randomBytes(32).toString('base64url');
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header('set-cookie', `${COOKIE}=${id}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}`);
  }
  request.learner = hash(id!);
}

/**
 * The key run/submit rate limits count under. A client that sends no cookie would get a fresh
 * identity (and a fresh allowance) on every request, so those are counted by address instead.
 */
export function rateLimitKey(request: FastifyRequest): string {
  return request.newLearner ? `ip:${request.ip}` : `learner:${request.learner}`;
}

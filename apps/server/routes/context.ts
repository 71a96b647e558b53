// What the route modules share: the app's parts, the learner-facing lookups and error schemas.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kata, Runner, TypeChecker } from '../../../sandbox/index.js';
import { notFound } from '../errors.js';
import { rateLimitKey } from '../learner.js';
import type { KataIndex } from '../katas.js';
import type { ProgressHub } from '../progress.js';
import type { Quotas } from '../quotas.js';
import { rateLimitHooks, type RateLimit } from '../rate-limit.js';
import { ErrorBody } from '../../contract/index.js';
import type { Store } from '../storage/store.js';
import type { Submitter } from '../submitter.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface RateLimits {
  run: RateLimit;
  submit: RateLimit;
  /** Draft saves: autosave is frequent, but it still writes to the database. */
  draft: RateLimit;
  /** New learner ids, per address. */
  identity: RateLimit;
  /** Sign-in attempts, counted per account and, separately, per address. */
  login: RateLimit;
  /** Learner sign-ups (and attempts at one), per address. */
  signUp: RateLimit;
  /** History exports: each reads everything the learner has stored. */
  export: RateLimit;
}

export interface RouteContext {
  store: Store;
  runner: Runner;
  typeChecker: TypeChecker;
  katas: KataIndex;
  submitter: Submitter;
  progress: ProgressHub;
  rateLimits: RateLimits;
  quotas: Quotas;
  isolation: 'full' | 'partial';
}

/** Route hooks that limit the route per learner (see rateLimitKey). */
export function rateLimited(rate: RateLimit) {
  return rateLimitHooks(rate, rateLimitKey);
}

export function requireKata(katas: KataIndex, slug: string): Kata {
  const kata = katas.find(slug);
  if (!kata) throw notFound(`There is no kata "${slug}".`);
  return kata;
}

/** Response schemas for the error statuses a route can answer with. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}

// Rate limits: a fixed window per key (a learner, or an address), counted as a request arrives so
// that even requests refused as invalid use up the allowance. A request the server turns away for
// its own reasons (every run slot busy: 503 with Retry-After) is given back: a learner who waits as
// told is never limited for having been sent away. (@fastify/rate-limit cannot give a hit back.)
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler, onSendHookHandler } from 'fastify';
import { HttpError } from './errors.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

interface Window {
  count: number;
  endsAt: number;
}

/** Past this many keys, windows that have ended are swept away. */
const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  /** `what` names what is counted, for the 429's message. */
  constructor(
    private readonly rate: RateLimit,
    private readonly what = 'of these requests',
  ) {}

  /** Counts one request under `key`; throws a 429 with Retry-After once the allowance is used up. */
  take(key: string): void {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      window = { count: 0, endsAt: now + this.rate.windowMs };
      this.windows.set(key, window);
    }
    if (window.count >= this.rate.max) {
      const seconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
      throw new HttpError(429, 'too_many_requests', `Too many ${this.what} in a short time; try again in ${seconds} s.`, { 'retry-after': String(seconds) });
    }
    window.count++;
  }

  /** Returns a request counted under `key` in the current window. */
  giveBack(key: string): void {
    const window = this.windows.get(key);
    if (window && window.endsAt > Date.now() && window.count > 0) window.count--;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

/** Route hooks that count each request under `keyOf(request)`, giving back those answered 503. */
export function rateLimitHooks(rate: RateLimit, keyOf: (request: FastifyRequest) => string): { onRequest: onRequestAsyncHookHandler; onSend: onSendHookHandler } {
  const limiter = new RateLimiter(rate);
  return {
    onRequest: async (request: FastifyRequest) => limiter.take(keyOf(request)),
    onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (reply.statusCode === 503) limiter.giveBack(keyOf(request));
      return payload;
    },
  };
}

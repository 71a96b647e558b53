/// <reference lib="es2024.string" />
// The JSON body parser. Besides JSON.parse, it refuses what could only be stored altered, or could
// alter the objects built from it, each with a 400 that says why: bytes that are not UTF-8, strings
// holding a lone surrogate (SQLite keeps text as UTF-8, which cannot write one: it would come back
// as U+FFFD), and "__proto__" keys.
import type { FastifyRequest } from 'fastify';
import { echo, HttpError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const invalid = (message: string) => new HttpError(400, 'bad_request', message);

function refuseUnstorable(key: string, value: unknown): unknown {
  if (key === '__proto__') throw invalid('The body has a "__proto__" key, which is never accepted.');
  if (!key.isWellFormed() || (typeof value === 'string' && !value.isWellFormed())) {
    throw invalid('The body has a string with a lone UTF-16 surrogate (such as \\ud800 without its pair), which cannot be stored as text.');
  }
  return value;
}

export function parseJsonBody(_request: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void): void {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return done(invalid('The body is not valid UTF-8.'));
  }
  if (text.trim() === '') return done(invalid('The body is empty; it should be JSON.'));
  try {
    done(null, JSON.parse(text, refuseUnstorable));
  } catch (err) {
    done(err instanceof HttpError ? err : invalid(`The body is not valid JSON: ${echo((err as Error).message)}`));
  }
}

// Runs candidate code through the real runner (jailed process, real probes) for tests.
import { after } from 'node:test';
import path from 'node:path';
import { defaultKatasDir, RunPool, type RunRequest, type RunResult } from '../../sandbox/index.js';

let pool: RunPool | undefined;
// Registered when a test file imports this module, so it runs once that file's tests end.
after(() => pool?.close());

/** One pool per test file, started on first use. */
export function testPool(): RunPool {
  pool ??= new RunPool({ typeCheck: true, queueLimit: 100 });
  return pool;
}

export function kataDir(slug: string): string {
  return path.join(defaultKatasDir(), slug);
}

export function runCode(slug: string, code: string, options: Partial<RunRequest> = {}): Promise<RunResult> {
  return testPool().run({ kataDir: kataDir(slug), code, mode: 'submit', revealHidden: true, ...options });
}

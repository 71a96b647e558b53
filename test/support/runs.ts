// Runs candidate code through the real runner (jailed process, real probes) for tests.
import crypto from 'node:crypto';
import path from 'node:path';
import { after } from 'node:test';
import { bundleOf, defaultKatasDir, installedBundles, loadCatalog, RunPool, type KataBundle, type LearnerRequest, type RequestJob, type RequestResult, type RunJob, type RunResult } from '../../sandbox/index.js';

let pool: RunPool | undefined;
// Registered when a test file imports this module, so it runs once that file's tests end.
after(() => pool?.close());

const installed = loadCatalog().katas;
/** Katas a test made up (hostile probes, changed probes), by slug. */
const madeUp = new Map<string, KataBundle>();
const installedSource = installedBundles(installed);

/** Finds made-up katas first, then the installed ones. */
export function testBundles(slug: string, version: number): KataBundle | undefined {
  const bundle = madeUp.get(slug);
  return bundle ? (bundle.version === version ? bundle : undefined) : (installedSource(slug, version) as KataBundle | undefined);
}

/** One pool per test file, started on first use. */
export function testPool(): RunPool {
  pool ??= new RunPool({ bundles: testBundles, queueLimit: 100 });
  return pool;
}

export function kataDir(slug: string): string {
  return path.join(defaultKatasDir(), slug);
}

/** The version of an installed kata that its folder holds now. */
export function installedVersion(slug: string): number {
  const kata = installed.find((k) => k.meta.slug === slug);
  if (!kata) throw new Error(`no installed kata ${slug}`);
  return kata.meta.version;
}

/** A kata that exists for this test only: these probes, the given limits; returns its slug. */
export function madeUpKata(probes: string, limits?: RunJob['limits']): string {
  const slug = `made-up-${crypto.randomBytes(4).toString('hex')}`;
  madeUp.set(slug, bundleOf({ slug, version: 1, limits }, probes));
  return slug;
}

export function runCode(slug: string, code: string, options: Partial<RunJob> = {}): Promise<RunResult> {
  const version = madeUp.get(slug)?.version ?? installedVersion(slug);
  return testPool().run({ kata: slug, version, code, mode: 'submit', seed: crypto.randomInt(0, 2 ** 32), ...options });
}

/** Starts `code` as a server of `slug` and sends it `request`, as Send does. */
export function sendTo(slug: string, code: string, request: Partial<LearnerRequest> = {}, options: Partial<RequestJob> = {}): Promise<RequestResult> {
  const version = madeUp.get(slug)?.version ?? installedVersion(slug);
  return testPool().send({ kata: slug, version, code, request: { method: 'GET', path: '/', headers: [], body: '', ...request }, ...options });
}

// A kata version as a run needs it: the probes' source and the limits, named by slug and
// version and addressed by the hash of that content. Bundles are what gets pinned: a stored
// submission can be re-run against the very probes it met, whatever the kata folder holds now.
import crypto from 'node:crypto';
import type { Limits } from '../limits.js';

export interface KataBundle {
  slug: string;
  version: number;
  /** probes.ts, as written (TypeScript). */
  probes: string;
  limits?: Partial<Limits>;
  /** 'sha256-' + the hash of probes and limits: equal hashes, equal verdicts for the same code and seed. */
  hash: string;
}

function bundleHash(probes: string, limits: Partial<Limits> | undefined): string {
  const limitsJson = JSON.stringify(Object.fromEntries(Object.entries(limits ?? {}).sort(([a], [b]) => a.localeCompare(b))));
  return `sha256-${crypto.createHash('sha256').update(probes).update('\0').update(limitsJson).digest('base64url')}`;
}

export function bundleOf(meta: { slug: string; version: number; limits?: Partial<Limits> }, probes: string): KataBundle {
  return { slug: meta.slug, version: meta.version, probes, ...(meta.limits ? { limits: meta.limits } : {}), hash: bundleHash(probes, meta.limits) };
}

/** What is wrong with a kata's versions.json for its current bundle, if anything. */
export function ledgerProblem(bundle: KataBundle, ledger: Record<string, string>): string | undefined {
  const recorded = ledger[String(bundle.version)];
  if (recorded === undefined) return `version ${bundle.version} is not in versions.json: record it with \`katabox validate --record ${bundle.slug}\``;
  if (recorded !== bundle.hash) return `the probes or limits changed since version ${bundle.version} was released: bump "version" in kata.json, then \`katabox validate --record ${bundle.slug}\``;
  return undefined;
}

// A kata's probes.ts, compiled once per content change.
import fs from 'node:fs';
import { transpile } from '../compile/transpile.js';
import { ProbeScriptError } from '../probe/session.js';

const cache = new Map<string, { mtimeMs: number; js: string }>();

export async function compiledProbes(file: string): Promise<string> {
  const { mtimeMs } = fs.statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.js;
  const out = await transpile(fs.readFileSync(file, 'utf8'), 'probes.ts');
  const errors = out.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new ProbeScriptError(`probes.ts does not compile: line ${errors[0]!.line}:${errors[0]!.column} ${errors[0]!.message}`);
  }
  cache.set(file, { mtimeMs, js: out.js });
  return out.js;
}

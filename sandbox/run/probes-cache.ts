// A kata version's probes.ts, compiled once per bundle: the hash names the content.
import { transpile } from '../compile/transpile.js';
import type { KataBundle } from '../kata/bundle.js';
import { ProbeScriptError } from '../probe/session.js';

const cache = new Map<string, string>();

export async function compiledProbes(bundle: KataBundle): Promise<string> {
  const hit = cache.get(bundle.hash);
  if (hit !== undefined) return hit;
  const out = await transpile(bundle.probes, 'probes.ts');
  const errors = out.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new ProbeScriptError(`probes.ts does not compile: line ${errors[0]!.line}:${errors[0]!.column} ${errors[0]!.message}`);
  }
  // The Isolate loads probes as CommonJS; it has no module loader.
  if (out.format !== 'cjs') throw new ProbeScriptError('probes.ts uses top-level await: await inside probe(...) functions only');
  cache.set(bundle.hash, out.js);
  return out.js;
}

// A verdict is kept, sent and shown whole, so its size has a bound whatever the code does: it
// prints at most its output limit (which a kata may raise to 1 MB per stream), answers probes
// with long headers, fails with long messages. Past the bound, the bulkiest parts give way first,
// and the verdict's message says what was shortened. (Type errors, stored beside it, have a cap of
// their own: see cap-diagnostics.ts.)
import type { RunResult } from '../result.js';

export const MAX_RESULT_BYTES = 192 * 1024;

const bytes = (result: RunResult) => Buffer.byteLength(JSON.stringify(result));

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/** Each step shortens one part; they run in order until the verdict fits. */
const steps: Array<[string, (result: RunResult) => void]> = [
  ['the output', (r) => (r.logs = { stdout: clip(r.logs.stdout, 16_384), stderr: clip(r.logs.stderr, 16_384), truncated: true })],
  // Failing probes' requests tell the most; passing ones' go first.
  ['the requests and responses of passing probes', (r) => r.probes.forEach((p) => p.passed && delete p.exchanges)],
  ['the requests and responses', (r) => r.probes.forEach((p) => delete p.exchanges)],
  ['the probe messages', (r) => r.probes.forEach((p) => (p.message = clip(p.message, 1000)))],
  ['the output', (r) => (r.logs = { stdout: clip(r.logs.stdout, 1024), stderr: clip(r.logs.stderr, 1024), truncated: true })],
];

/** The verdict itself, changed in place only where it is larger than `max` bytes as JSON. */
export function bounded(result: RunResult, max = MAX_RESULT_BYTES): RunResult {
  const shortened: string[] = [];
  for (const [what, shorten] of steps) {
    if (bytes(result) <= max) break;
    shorten(result);
    if (!shortened.includes(what)) shortened.push(what);
  }
  if (shortened.length > 0) result.message += ` The verdict was too large to keep whole; shortened: ${shortened.join(', ')}.`;
  return result;
}

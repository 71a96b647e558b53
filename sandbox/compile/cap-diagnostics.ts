// Code decides how many diagnostics it produces (100 KB can make 33,000 type errors, 3 MB of
// them), and every one is stored and sent. So a list keeps the first MAX_DIAGNOSTICS, each message
// cut to MAX_MESSAGE characters, and one last warning that counts the rest.
import type { Diagnostic } from '../result.js';

export const MAX_DIAGNOSTICS = 100;
const MAX_MESSAGE = 500;

/** `all` may be a list of anything `convert` turns into a diagnostic: only the kept ones are converted. */
export function capDiagnostics<T>(all: readonly T[], convert: (item: T) => Diagnostic): Diagnostic[] {
  const kept = all.slice(0, MAX_DIAGNOSTICS).map(convert);
  for (const d of kept) if (d.message.length > MAX_MESSAGE) d.message = `${d.message.slice(0, MAX_MESSAGE)}…`;
  const omitted = all.length - kept.length;
  if (omitted > 0) {
    const next = convert(all[MAX_DIAGNOSTICS]!);
    kept.push({ ...next, message: `…and ${omitted} more not shown: only the first ${MAX_DIAGNOSTICS} are kept`, severity: 'warning' });
  }
  return kept;
}

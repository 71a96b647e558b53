// Candidate TypeScript → CommonJS JavaScript, on the trusted side. CommonJS lets both styles the
// lesson teaches run: `require('node:http')` and `import http from 'node:http'`. esbuild strips
// types in about a millisecond and loads fast; type errors come from the TypeScript checker
// (typecheck.ts), which never holds a run up.
import { transform, type Message } from 'esbuild';
import type { Diagnostic } from '../result.js';

export interface Transpiled {
  js: string;
  /** Syntax errors: the code cannot run. */
  diagnostics: Diagnostic[];
}

function toDiagnostic(message: Message): Diagnostic {
  const at = message.location;
  // esbuild counts columns in UTF-8 bytes; editors count characters.
  const column = at ? Buffer.from(at.lineText).subarray(0, at.column).toString('utf8').length + 1 : 1;
  return { line: at?.line ?? 1, column, message: message.text, severity: 'error', kind: 'syntax' };
}

/** Asynchronous, so a runner host serving several runs is never held up by one of them. */
export async function transpile(source: string, fileName = 'main.ts'): Promise<Transpiled> {
  try {
    const out = await transform(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'inline', sourcefile: fileName, logLevel: 'silent' });
    return { js: out.code, diagnostics: [] };
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    if (!errors?.length) throw err;
    return { js: '', diagnostics: errors.map(toDiagnostic) };
  }
}

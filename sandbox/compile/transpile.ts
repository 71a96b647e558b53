// Candidate TypeScript → JavaScript, on the trusted side. CommonJS lets both styles the lesson
// teaches run: `require('node:http')` and `import http from 'node:http'`. Top-level await is the
// one thing CommonJS cannot hold, so code with it becomes an ES module instead. esbuild strips
// types in about a millisecond and loads fast; type errors come from the TypeScript checker
// (typecheck.ts), which never holds a run up.
import { transform, type Message } from 'esbuild';
import type { Diagnostic } from '../result.js';
import { capDiagnostics } from './cap-diagnostics.js';

/** How the shim loads the code: as CommonJS, or as an ES module (code with top-level await). */
export type ModuleFormat = 'cjs' | 'esm';

export interface Transpiled {
  js: string;
  format: ModuleFormat;
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
  const options = { loader: 'ts', target: 'node20', sourcefile: fileName, logLevel: 'silent' } as const;
  try {
    const out = await transform(source, { ...options, format: 'cjs', sourcemap: 'inline' });
    return { js: out.code, format: 'cjs', diagnostics: [] };
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    if (!errors?.length) throw err;
    // What an ES module accepts and CommonJS does not is top-level await. Node maps no source
    // map of a module loaded from text, so none is made.
    const module = await transform(source, { ...options, format: 'esm' }).catch(() => undefined);
    if (module) return { js: module.code, format: 'esm', diagnostics: [] };
    return { js: '', format: 'cjs', diagnostics: capDiagnostics(errors, toDiagnostic) };
  }
}

// Candidate TypeScript → CommonJS JavaScript, on the trusted side. CommonJS lets both styles the
// lesson teaches run: `require('node:http')` and `import http from 'node:http'`.
import ts from 'typescript';
import type { Diagnostic } from '../result.js';
import { toDiagnostic } from './diagnostics.js';

export const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  strict: true,
  inlineSourceMap: true,
  inlineSources: false,
};

export interface Transpiled {
  js: string;
  /** Syntax errors: the code cannot run. */
  diagnostics: Diagnostic[];
}

export function transpile(source: string, fileName = 'main.ts'): Transpiled {
  const out = ts.transpileModule(source, { compilerOptions, fileName, reportDiagnostics: true });
  return { js: out.outputText, diagnostics: (out.diagnostics ?? []).map((d) => toDiagnostic(d, 'syntax')) };
}

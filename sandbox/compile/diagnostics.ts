import ts from 'typescript';
import type { Diagnostic } from '../result.js';

export function toDiagnostic(d: ts.Diagnostic, kind: Diagnostic['kind']): Diagnostic {
  const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
  return {
    line: pos.line + 1,
    column: pos.character + 1,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
    kind,
  };
}

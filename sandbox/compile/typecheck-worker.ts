// The process that type-checks candidate code against Node's own typings (typecheck.ts starts
// it). Parsed library files are kept between checks: parsing @types/node takes about a second, so
// it happens once, before the process says it is ready, and a check's time limit measures the
// check alone. Each check's program is built from the one before: TypeScript then reuses its
// module resolutions, and the library files' existence is looked up once, so a check costs little
// more than the checking. The code names files to read (imports, reference directives): only the
// typings folder is there for it, so no other file of the host is read or even looked up.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { capDiagnostics } from './cap-diagnostics.js';
import { toDiagnostic } from './diagnostics.js';
import { onParentGone } from '../parent-gone.js';

// Type errors are worth showing but never worth a verdict's time: on Linux this process's session
// (a scheduling group of its own) and its thread yield the CPU to everything else of the platform.
try {
  fs.writeFileSync('/proc/self/autogroup', String(os.constants.priority.PRIORITY_LOW));
} catch {
  // No autogroups here: the nice value below is what counts.
}
try {
  os.setPriority(os.constants.priority.PRIORITY_LOW);
} catch {
  // Elsewhere the check runs at the platform's own priority.
}
// The platform gone, nobody waits for a check.
onParentGone(() => process.exit(0));

const MAIN = '/katabox/main.ts';
const typesNode = path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json'));
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  typeRoots: [path.dirname(typesNode)],
};

/** Where TypeScript's own libraries and the typings live: all a check may read. */
const roots = [path.dirname(path.dirname(typesNode)), path.dirname(ts.getDefaultLibFilePath(options))];
const readable = (name: string) => {
  const resolved = path.resolve(name);
  return roots.some((root) => resolved.startsWith(`${root}${path.sep}`));
};

const libraryFiles = new Map<string, ts.SourceFile | undefined>();
const host = ts.createCompilerHost(options);
const readLibrary = host.getSourceFile.bind(host);
/** What module resolution asked of the disk; only library files and folders, which stay as they are. */
const exists = new Map<string, boolean>();
const remembered = (ask: (name: string) => boolean) => (name: string) => {
  let found = exists.get(name);
  if (found === undefined) exists.set(name, (found = ask(name)));
  return found;
};
const fileExists = remembered((file) => ts.sys.fileExists(file));
const directoryExists = remembered((dir) => ts.sys.directoryExists(dir));
host.fileExists = (file) => file === MAIN || (readable(file) && fileExists(file));
host.directoryExists = (dir) => readable(dir) && directoryExists(dir);
let previous: ts.Program | undefined;

function check(code: string) {
  const main = ts.createSourceFile(MAIN, code, ts.ScriptTarget.ES2022, true);
  host.getSourceFile = (file, languageVersion) => {
    if (file === MAIN) return main;
    if (!readable(file)) return undefined;
    if (!libraryFiles.has(file)) libraryFiles.set(file, readLibrary(file, languageVersion));
    return libraryFiles.get(file);
  };
  const program = ts.createProgram([MAIN], options, host, previous);
  previous = program;
  return capDiagnostics(program.getSemanticDiagnostics(main), (d) => toDiagnostic(d, 'type'));
}

check('export {};\n');
process.send!({ ready: true });

process.on('message', (msg: { id: number; code: string }) => {
  try {
    process.send!({ id: msg.id, diagnostics: check(msg.code) });
  } catch (err) {
    process.send!({ id: msg.id, error: (err as Error).message });
  }
});

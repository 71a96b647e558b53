// Worker thread that type-checks candidate code against Node's own typings. Parsed library files
// are kept between checks: parsing @types/node takes about a second, so it happens once, before
// the thread says it is ready, and a check's time limit measures the check alone. Each check's
// program is built from the one before: TypeScript then reuses its module resolutions, and the
// library files' existence is looked up once, so a check costs little more than the checking.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import ts from 'typescript';
import { capDiagnostics } from './cap-diagnostics.js';
import { toDiagnostic } from './diagnostics.js';

// Type errors are worth showing but never worth a verdict's time: on Linux this thread yields the
// CPU to everything else of the platform (a thread has a nice value of its own there).
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid)) os.setPriority(tid, os.constants.priority.PRIORITY_LOW);
} catch {
  // Elsewhere the check runs at the platform's own priority.
}

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
host.fileExists = (file) => file === MAIN || fileExists(file);
host.directoryExists = remembered((dir) => ts.sys.directoryExists(dir));
let previous: ts.Program | undefined;

function check(code: string) {
  const main = ts.createSourceFile(MAIN, code, ts.ScriptTarget.ES2022, true);
  host.getSourceFile = (file, languageVersion) => {
    if (file === MAIN) return main;
    if (!libraryFiles.has(file)) libraryFiles.set(file, readLibrary(file, languageVersion));
    return libraryFiles.get(file);
  };
  const program = ts.createProgram([MAIN], options, host, previous);
  previous = program;
  return capDiagnostics(program.getSemanticDiagnostics(main), (d) => toDiagnostic(d, 'type'));
}

check('export {};\n');
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (msg: { id: number; code: string }) => {
  try {
    parentPort!.postMessage({ id: msg.id, diagnostics: check(msg.code) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message });
  }
});

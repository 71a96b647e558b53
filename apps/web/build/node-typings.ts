// Vite plugin: Node's own typings for the editor, as the lazily loaded module
// `virtual:node-typings` ({ 'file:///node_modules/…': source }). The file set is what TypeScript
// itself loads for `types: ["node"]` (@types/node, pinned to the sandbox's Node major, and the
// undici-types it imports), so the editor's IntelliSense matches the server-side type check.
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';

const ID = 'virtual:node-typings';
const RESOLVED = `\0${ID}`;

function nodeTypingFiles(): Record<string, string> {
  const typesNode = path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json'));
  const options: ts.CompilerOptions = { typeRoots: [path.dirname(typesNode)], types: [], lib: ['lib.es2022.d.ts'], noEmit: true };
  // Resolved as `types: ["node"]` would be, so typesVersions picks the entry for this TypeScript.
  const entry = ts.resolveTypeReferenceDirective('node', path.join(process.cwd(), 'index.ts'), options, ts.sys).resolvedTypeReferenceDirective?.resolvedFileName;
  if (!entry) throw new Error('@types/node is not installed: run npm install');
  const program = ts.createProgram({ rootNames: [entry], options });
  const files: Record<string, string> = {};
  for (const source of program.getSourceFiles()) {
    const inPackage = /\/node_modules\/((?:@types\/node|undici-types)\/.+)$/.exec(source.fileName);
    if (inPackage) files[`file:///node_modules/${inPackage[1]}`] = source.text;
  }
  return files;
}

export function nodeTypings(): Plugin {
  return {
    name: 'katabox-node-typings',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(nodeTypingFiles())};` : undefined),
  };
}

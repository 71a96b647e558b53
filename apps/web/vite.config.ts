// The web UI's build: index.html + hashed assets into dist/web, which the Fastify server serves.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { nodeTypings } from './build/node-typings.ts';
import { precompress } from './build/precompress.ts';

const packages = (name: string) => fileURLToPath(new URL(`../../node_modules/${name}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    // monaco-vim sends browsers to a UMD build holding pieces of an old Monaco, and its ES build
    // imports Monaco by paths (monaco-editor/esm/vs/...) that Monaco's exports no longer publish:
    // take its ES build, on our one copy of Monaco.
    alias: [
      { find: /^monaco-vim$/, replacement: packages('monaco-vim/dist/index.mjs') },
      { find: /^monaco-editor\/esm\/vs\/(.*?)(\.js)?$/, replacement: packages('monaco-editor/esm/vs/$1.js') },
    ],
  },
  // Nothing from outside: no CDN, and no public/ folder beyond what the bundle imports.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Monaco and its TypeScript worker are big by nature; they load only on kata pages.
    chunkSizeWarningLimit: 6000,
    // Sizes are measured by bench/web.ts; computing them here only slows the build.
    reportCompressedSize: false,
    // Precompressing the big workers is slow by design; no need to be told on every build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es' },
  plugins: [nodeTypings(), precompress()],
});

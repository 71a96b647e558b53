#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script).

// A reader that stops early (`katabox validate | head`) closes the pipe; the rest of the output
// has nowhere to go, which is no error of ours.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});
import('../dist/apps/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('katabox: the project is not built yet; run `npm install` (or `npm run build`) first.');
    process.exit(2);
  }
  throw err;
});

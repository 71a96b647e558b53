#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import('../dist/apps/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('katabox: the project is not built yet; run `npm install` (or `npm run build`) first.');
    process.exit(2);
  }
  throw err;
});

// Bundles the web UI into dist/web with Vite, unless the last bundle is newer than everything it
// is made of. `npm install` (through prepare) and `npm test` both build; only the first should
// pay for bundling Monaco. Delete dist/web to force a new bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const web = path.join(root, 'apps/web');
const index = path.join(root, 'dist/web/index.html');
// Outside dist/web, which Vite empties; written only once a bundle is complete.
const stamp = path.join(root, 'dist/web.bundled');

// The UI's own files (folders too: their times change when a file is added or removed) and,
// through the lock file, the packages it bundles.
function newestInput() {
  const files = [path.join(root, 'package-lock.json'), web, ...fs.readdirSync(web, { recursive: true }).map((name) => path.join(web, name))];
  return Math.max(...files.map((file) => fs.statSync(file).mtimeMs));
}

function upToDate() {
  try {
    return fs.existsSync(index) && fs.statSync(stamp).mtimeMs >= newestInput();
  } catch {
    return false;
  }
}

if (upToDate()) {
  console.log('web UI: dist/web is up to date');
} else {
  fs.rmSync(stamp, { force: true });
  // Stamped with the time the bundle started, so a file saved during the bundle counts as newer.
  const started = new Date();
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
  fs.writeFileSync(stamp, '');
  fs.utimesSync(stamp, started, started);
}

// Run by `npm install` (through prepare). npm drops an optional dependency whose install script
// fails without a word, and the native builds are in two: on Node 20 they compile from source,
// so a missing compiler would otherwise show up only when Katabox first starts.
import fs from 'node:fs';

const groups = ['katabox-native-node20', 'katabox-native-node22'];
const installed = groups.filter((name) => fs.existsSync(new URL(`../node_modules/${name}/package.json`, import.meta.url)));
if (installed.length === 0) {
  console.error(
    `katabox: npm could not install the native builds for Node ${process.version} (better-sqlite3 and isolated-vm), ` +
      'and went on without them. On Node 20 they compile from source where no prebuilt binary can be downloaded, ' +
      "which needs g++, make, python3 and Node's headers (node-gyp downloads them, or npm's nodedir setting names them). " +
      '`npm install --foreground-scripts` shows why the build failed.',
  );
  process.exit(1);
}

// The jail's Node starts from a V8 startup snapshot with the shim in it, built here once per
// heap cap. The cap is a V8 flag, and V8 refuses code compiled under other flags than its own:
// with the flag, the code cache Node ships for its own modules goes unused, and every jail
// compiled Node's JavaScript from source, about 10 ms of CPU per run. A snapshot built under the
// same flag carries a code cache V8 accepts. Where one cannot be built, jails start from the
// shim file as before.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { publicFolder, publish, publishedShim } from './published-shim.js';

const built = new Map<string, string | undefined>();

/** The snapshot of the shim for Node started with `v8Flags` (undefined when this Node cannot build one). */
export function startupSnapshot(v8Flags: string[]): string | undefined {
  const key = v8Flags.join(' ');
  if (built.has(key)) return built.get(key);
  const shim = publishedShim();
  // A snapshot fits one build of Node only: another one would refuse to start from it.
  const node = fs.statSync(process.execPath);
  const id = crypto.createHash('sha256').update([shim, process.version, process.execPath, node.size, node.mtimeMs, key].join('\n')).digest('hex');
  const file = path.join(publicFolder(), `startup-${id.slice(0, 16)}.blob`);
  if (!fs.existsSync(file)) {
    const partial = `${file}.${process.pid}`;
    // The builder gives a script `require` only; the compiled shim, a CommonJS module, wants `exports` too.
    const entry = `${partial}.cjs`;
    fs.writeFileSync(entry, `var exports = {};\n${fs.readFileSync(shim, 'utf8')}`, { mode: 0o600 });
    const out = spawnSync(process.execPath, [...v8Flags, '--snapshot-blob', partial, '--build-snapshot', entry], { cwd: '/', env: {}, stdio: 'ignore', timeout: 30_000 });
    fs.rmSync(entry, { force: true });
    if (out.status !== 0 || !fs.existsSync(partial)) {
      fs.rmSync(partial, { force: true });
      built.set(key, undefined);
      return undefined;
    }
    publish(partial, file);
  }
  built.set(key, file);
  return file;
}

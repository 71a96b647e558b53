// The shim where every slot's uid can read it. The platform's own folder may be private (a
// checkout under a 0700 home, or in `mktemp -d`), and the jail starts as the slot's uid before
// bwrap binds the shim (or, without bwrap, before Node loads it). So a copy goes into a folder of
// ours under the system's temp dir, writable by us alone and named after the shim's content.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const shimFile = fileURLToPath(new URL('./shim.cjs', import.meta.url));

let published: string | undefined;
let folder: string | undefined;

/** The folder for files the slots' uids read: ours alone to write, everyone's to read. */
export function publicFolder(): string {
  if (folder) return folder;
  const dir = path.join(os.tmpdir(), `katabox-shim-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a directory owned by this user that no one else can write to`);
  }
  // The umask may have left it closed to others; the slots' uids must be able to enter it.
  fs.chmodSync(dir, 0o755);
  folder = dir;
  return dir;
}

/** Moves a file written aside into place, readable by all: another process may be publishing the same file right now. */
export function publish(partial: string, file: string): void {
  fs.chmodSync(partial, 0o644);
  fs.renameSync(partial, file);
}

/** The readable copy of the shim, made once per process (and shared by every process of the same shim). */
export function publishedShim(): string {
  if (published) return published;
  const text = fs.readFileSync(shimFile);
  const file = path.join(publicFolder(), `shim-${crypto.createHash('sha256').update(text).digest('hex').slice(0, 16)}.cjs`);
  if (!fs.existsSync(file)) {
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, text, { mode: 0o644 });
    publish(partial, file);
  }
  published = file;
  return file;
}

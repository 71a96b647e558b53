// Throwaway folders and katas for tests, removed once the importing test file's tests end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { kataDir } from './runs.js';

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `katabox-${prefix}-`));
  // World-readable, like most files on a host: only the jail keeps the candidate out.
  fs.chmodSync(dir, 0o755);
  scratch.push(dir);
  return dir;
}

/** hello-server with its probes.ts replaced: a kata whose probes a test writes. */
export function kataWithProbes(probes: string): string {
  const dir = path.join(tempDir('kata'), 'hello-server');
  fs.cpSync(kataDir('hello-server'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'probes.ts'), probes);
  return dir;
}

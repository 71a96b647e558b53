// Throwaway folders for tests, removed once the test file's tests end, failed ones included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

const made: string[] = [];
// Registered when a test file imports this module, so it runs once that file's tests end.
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder named katabox-<prefix>-… in the system's temp dir. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `katabox-${prefix}-`));
  made.push(dir);
  return dir;
}

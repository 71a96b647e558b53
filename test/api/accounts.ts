// Interviewer and admin accounts for tests: made with the real CLI, signed in through the real API.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Learner, type Reply } from './server.js';

const cli = fileURLToPath(new URL('../../../bin/katabox.js', import.meta.url));

/** Runs `katabox user ...` on a database file, the password (if any) on stdin. */
export function userCommand(db: string, args: string[], password = ''): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, 'user', ...args, '--db', db], { input: password ? `${password}\n` : '', encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function addUser(db: string, email: string, role: 'admin' | 'interviewer', password = 'correct horse battery'): void {
  const run = userCommand(db, ['add', '--email', email, '--role', role], password);
  assert.equal(run.status, 0, run.stderr);
}

/** A browser of a signed-in account: its session cookie, and the CSRF token sent with every change. */
export class Staff extends Learner {
  csrfToken = '';

  async login(email: string, password = 'correct horse battery'): Promise<Reply> {
    const res = await this.post('/api/login', { email, password });
    if (res.status === 200) this.csrfToken = res.body.csrfToken;
    return res;
  }

  /** A state-changing request with this session's CSRF token. */
  send(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.request(method, path, body, { 'x-csrf-token': this.csrfToken });
  }
}

export async function signedIn(base: string, email: string, password?: string): Promise<Staff> {
  const staff = new Staff(base);
  const res = await staff.login(email, password);
  assert.equal(res.status, 200, res.text);
  return staff;
}

/** Creates an assignment as this interviewer; returns its id and the token of its private link. */
export async function createAssignment(staff: Staff, fields: Record<string, unknown> = {}): Promise<{ id: string; token: string; body: any }> {
  const res = await staff.send('POST', '/api/assignments', { katas: ['hello-server'], minutes: 30, candidateName: 'Casey Candidate', ...fields });
  assert.equal(res.status, 201, res.text);
  const token = /^\/a\/([A-Za-z0-9_-]{43})$/.exec(res.body.link)?.[1];
  assert.ok(token, `a private link: ${res.body.link}`);
  return { id: res.body.id, token, body: res.body };
}

// Interviewer and admin accounts: the CLI, sign-in, sessions, CSRF, roles and rate limits,
// all through the real server and its SQLite file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { addUser, signedIn, Staff, userCommand } from './accounts.js';
import { startTestServer, type TestServer } from './server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ rateLimits: { login: { max: 50, windowMs: 60_000 } } });
  addUser(server.db, 'admin@example.test', 'admin');
  addUser(server.db, 'ivy@example.test', 'interviewer');
});
after(() => server.close());

describe('katabox user', () => {
  it('adds, lists, re-passwords and disables accounts, reading passwords from stdin', () => {
    const list = userCommand(server.db, ['list']);
    assert.equal(list.status, 0);
    assert.match(list.stdout, /^admin@example\.test\tadmin\tactive/m);
    assert.match(list.stdout, /^ivy@example\.test\tinterviewer\tactive/m);
    assert.equal(userCommand(server.db, ['add', '--email', 'IVY@example.test', '--role', 'interviewer'], 'another long one').status, 1, 'an email is taken whatever its case');
    const short = userCommand(server.db, ['add', '--email', 'new@example.test', '--role', 'interviewer'], 'short');
    assert.equal(short.status, 2);
    assert.match(short.stderr, /at least 10 characters/);
    assert.equal(userCommand(server.db, ['add', '--email', 'new@example.test', '--role', 'owner'], 'long enough pw').status, 2);
    assert.equal(userCommand(server.db, ['disable', '--email', 'nobody@example.test']).status, 1);
  });

  it('disables an account, which then cannot sign in, and enables it again', async () => {
    addUser(server.db, 'back@example.test', 'interviewer');
    const signIn = () => new Staff(server.url).login('back@example.test', 'correct horse battery');
    assert.equal((await signIn()).status, 200);
    assert.equal(userCommand(server.db, ['disable', '--email', 'back@example.test']).status, 0);
    assert.equal((await signIn()).status, 401);
    assert.match(userCommand(server.db, ['list']).stdout, /^back@example\.test\tinterviewer\tdisabled/m);
    const enabled = userCommand(server.db, ['enable', '--email', 'BACK@example.test']);
    assert.equal(enabled.status, 0, enabled.stderr);
    assert.match(enabled.stdout, /enabled back@example\.test/);
    assert.equal((await signIn()).status, 200);
    assert.equal(userCommand(server.db, ['enable', '--email', 'nobody@example.test']).status, 1);
  });

  it('prompts for the password on a terminal without echoing it', async () => {
    // `script` gives the command a terminal of its own; the password is typed once the prompt shows.
    const cli = new URL('../../../bin/katabox.js', import.meta.url).pathname;
    const child = spawn('script', ['-qec', `${process.execPath} ${cli} user add --email tty@example.test --role interviewer --db ${server.db}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let shown = '';
    child.stdout.on('data', (chunk: Buffer) => {
      shown += String(chunk);
      if (shown.includes('Password:') && !child.stdin.writableEnded) child.stdin.end('typed on a tty\r');
    });
    const [code] = (await once(child, 'close')) as [number];
    assert.equal(code, 0, shown);
    assert.match(shown, /added interviewer tty@example\.test/);
    assert.ok(!shown.includes('typed on a tty'), 'not echoed');
    assert.equal((await new Staff(server.url).login('tty@example.test', 'typed on a tty')).status, 200);
  });

  it('never stores a password in the clear', () => {
    const bytes = fs.readFileSync(server.db).toString('latin1') + fs.readFileSync(`${server.db}-wal`).toString('latin1');
    assert.ok(!bytes.includes('correct horse battery'));
    assert.match(bytes, /scrypt\$32768\$8\$1\$/);
  });
});

describe('signing in', () => {
  it('answers the same "wrong email or password" for an unknown email and a wrong password', async () => {
    const unknown = await new Staff(server.url).login('nobody@example.test', 'correct horse battery');
    const wrong = await new Staff(server.url).login('admin@example.test', 'incorrect horse battery');
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    assert.deepEqual(unknown.body, wrong.body);
    assert.match(wrong.body.message, /wrong email or password/i);
    assert.equal(wrong.headers.get('set-cookie'), null);
  });

  it('sets an httpOnly SameSite=Lax session cookie and returns a CSRF token', async () => {
    const staff = new Staff(server.url);
    const res = await staff.login('Admin@Example.test');
    assert.equal(res.status, 200);
    assert.equal(res.body.account.role, 'admin');
    assert.ok(res.body.csrfToken.length > 20);
    const cookie = res.headers.get('set-cookie')!;
    assert.match(cookie, /^katabox_session=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http here');
    const session = await staff.get('/api/session');
    assert.equal(session.status, 200);
    assert.equal(session.body.account.email, 'admin@example.test');
  });

  it('does not keep a session id set before sign-in', async () => {
    const planted = `katabox_session=${'A'.repeat(43)}`;
    const staff = new Staff(server.url);
    staff.cookie = planted;
    assert.equal((await staff.get('/api/session')).status, 401);
    await staff.login('ivy@example.test');
    assert.notEqual(staff.cookie, planted);
    const attacker = new Staff(server.url);
    attacker.cookie = planted;
    assert.equal((await attacker.get('/api/session')).status, 401);
    // And a real earlier session is ended by signing in again from the same browser.
    const before = staff.cookie;
    await staff.login('ivy@example.test');
    const old = new Staff(server.url);
    old.cookie = before;
    assert.equal((await old.get('/api/session')).status, 401);
  });

  it('logs out: the session ends on the server', async () => {
    const staff = await signedIn(server.url, 'ivy@example.test');
    const cookie = staff.cookie;
    assert.equal((await staff.send('POST', '/api/logout')).status, 204);
    const replay = new Staff(server.url);
    replay.cookie = cookie;
    assert.equal((await replay.get('/api/session')).status, 401);
  });

  it('is rate-limited per account, and separately per address', async () => {
    const limited = await startTestServer({ rateLimits: { login: { max: 2, windowMs: 60_000 } } });
    try {
      const tries = async (email: string, n: number) => {
        const statuses = [];
        for (let i = 0; i < n; i++) statuses.push((await new Staff(limited.url).login(email, 'not the password')).status);
        return statuses;
      };
      assert.deepEqual(await tries('target@example.test', 3), [401, 401, 429]);
      // Other accounts from the same address go on, up to the address's own, larger, limit (3 × 2).
      assert.deepEqual(await tries('other@example.test', 2), [401, 401]);
      assert.deepEqual(await tries('third@example.test', 1), [401]);
      assert.deepEqual(await tries('fourth@example.test', 1), [429]);
    } finally {
      await limited.close();
    }
  });
});

describe('logs', () => {
  it('never hold a password, even at trace level', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = { level: 'trace', stream };
    const logged = await startTestServer({ logger });
    try {
      addUser(logged.db, 'root@example.test', 'admin', 'root password 123');
      await new Staff(logged.url).login('root@example.test', 'wrong password 456');
      const root = await signedIn(logged.url, 'root@example.test', 'root password 123');
      assert.equal((await root.send('POST', '/api/accounts', { email: 'new@example.test', role: 'interviewer', password: 'new password 789' })).status, 201);
      await root.send('POST', '/api/accounts', { email: 'new@example.test', role: 'interviewer', password: 'again password 000' });
    } finally {
      await logged.close();
    }
    assert.ok(lines.length > 0, 'something was logged');
    for (const secret of ['root password 123', 'wrong password 456', 'new password 789', 'again password 000']) assert.ok(!lines.join('').includes(secret), secret);
  });
});

describe('CSRF', () => {
  it('rejects every state-changing account request without the right token', async () => {
    const admin = await signedIn(server.url, 'admin@example.test');
    const other = await signedIn(server.url, 'admin@example.test');
    const ivy = (await admin.get('/api/accounts')).body.accounts.find((a: { email: string }) => a.email === 'ivy@example.test');
    const made = await admin.send('POST', '/api/assignments', { katas: ['hello-server'], minutes: 30, candidateName: 'Csrf Candidate' });
    assert.equal(made.status, 201);
    const assignment = `/api/assignments/${made.body.id}`;
    const changes: Array<[string, string, unknown]> = [
      ['POST', '/api/logout', undefined],
      ['POST', '/api/accounts', { email: 'csrf@example.test', role: 'interviewer', password: 'long enough password' }],
      ['POST', `/api/accounts/${ivy.id}/disable`, undefined],
      ['POST', '/api/assignments', { katas: ['hello-server'], minutes: 30, candidateName: 'Forged' }],
      ['POST', `${assignment}/extend`, { minutes: 5 }],
      ['POST', `${assignment}/cancel`, undefined],
      ['PUT', `${assignment}/review`, { notes: 'forged', rating: 1, recommendation: 'strong_no' }],
      ['POST', `${assignment}/submissions/AAAAAAAAAAAAAAAA/rerun`, undefined],
    ];
    // Every route that changes state for an account is in this list: the OpenAPI document says which take the token.
    const doc = (await admin.get('/api/docs')).body;
    const withToken = Object.entries(doc.paths as Record<string, Record<string, { parameters?: Array<{ name: string }> }>>).flatMap(([route, ops]) =>
      Object.entries(ops).filter(([, op]) => op.parameters?.some((p) => p.name === 'x-csrf-token')).map(([method]) => `${method.toUpperCase()} ${route}`),
    );
    assert.equal(withToken.length, changes.length, withToken.join(', '));
    for (const [method, path, body] of changes) {
      for (const token of [undefined, 'wrong-token', other.csrfToken]) {
        const res = await admin.request(method, path, body, token === undefined ? {} : { 'x-csrf-token': token });
        assert.equal(res.status, 403, `${method} ${path} with ${token ?? 'no token'}`);
        assert.equal(res.body.error, 'forbidden');
        assert.match(res.body.message, /CSRF token/);
      }
    }
    assert.equal((await admin.get('/api/session')).status, 200, 'still signed in');
    const list = (await admin.get('/api/accounts')).body.accounts.map((a: { email: string; disabled: boolean }) => `${a.email}:${a.disabled}`);
    assert.ok(!list.includes('csrf@example.test:false'));
    assert.ok(list.includes('ivy@example.test:false'));
    const after = (await admin.get(assignment)).body;
    assert.deepEqual([after.status, after.minutes, after.notes], ['created', 30, ''], 'the assignment is untouched');
    assert.ok(!(await admin.get('/api/assignments')).body.assignments.some((a: { candidateName: string }) => a.candidateName === 'Forged'));
  });
});

describe('roles', () => {
  it('lets an admin add and disable interviewers; a disabled interviewer is signed out and cannot sign in', async () => {
    const admin = await signedIn(server.url, 'admin@example.test');
    const added = await admin.send('POST', '/api/accounts', { email: 'rita@example.test', role: 'interviewer', password: 'rita long password' });
    assert.equal(added.status, 201);
    assert.equal((await admin.send('POST', '/api/accounts', { email: 'RITA@example.test', role: 'interviewer', password: 'rita long password' })).status, 409);
    const rita = await signedIn(server.url, 'rita@example.test', 'rita long password');
    assert.equal((await rita.get('/api/accounts')).status, 403, 'an interviewer is no admin');
    assert.equal((await rita.send('POST', '/api/accounts', { email: 'x@example.test', role: 'admin', password: 'long enough password' })).status, 403);

    assert.equal((await admin.send('POST', `/api/accounts/${added.body.id}/disable`)).status, 200);
    assert.equal((await rita.get('/api/session')).status, 401, 'her session has ended');
    assert.equal((await new Staff(server.url).login('rita@example.test', 'rita long password')).status, 401);
    assert.equal((await admin.send('POST', `/api/accounts/${admin.csrfToken ? (await admin.get('/api/session')).body.account.id : ''}/disable`)).status, 409, 'not oneself');
  });

  it('ends the sessions of an account whose password changes (katabox user passwd)', async () => {
    addUser(server.db, 'pat@example.test', 'interviewer', 'pat first password');
    const pat = await signedIn(server.url, 'pat@example.test', 'pat first password');
    const run = userCommand(server.db, ['passwd', '--email', 'pat@example.test'], 'pat second password');
    assert.equal(run.status, 0, run.stderr);
    assert.equal((await pat.get('/api/session')).status, 401);
    assert.equal((await new Staff(server.url).login('pat@example.test', 'pat first password')).status, 401);
    assert.equal((await new Staff(server.url).login('pat@example.test', 'pat second password')).status, 200);
  });

  it('lets nobody without a session near the account routes', async () => {
    const anon = new Staff(server.url);
    assert.equal((await anon.get('/api/accounts')).status, 401);
    assert.equal((await anon.get('/api/session')).status, 401);
  });
});

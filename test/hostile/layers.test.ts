// Defence in depth means each wall holds on its own. These tests take one layer away and run
// hostile code straight through the jail's real command line: the namespaces without Node's
// permission model, the permission model without namespaces, and the cgroup against memory the
// V8 heap limit does not see.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { defaultLimits } from '../../sandbox/index.js';
import { leaseSlots, releaseSlots } from '../../sandbox/host/slots.js';
import { CandidateProcess } from '../../sandbox/jail/candidate.js';
import { detectCapabilities, type Capabilities } from '../../sandbox/jail/capabilities.js';
import { candidateEnv, FIRST_UID, jailCommand } from '../../sandbox/jail/command.js';
import { bounded, canaryFile, hostListeners, processesMarked, token, waitUntilGone } from './support.js';

const caps = detectCapabilities();
const canary = canaryFile('secret.txt');
let slots: number[] = [];
before(() => {
  slots = leaseSlots(1);
});
after(() => releaseSlots(slots));

/** Runs `code` (CommonJS) in the jail `jail` describes, no cgroup, and returns what it printed as key → value. */
function inJail(jail: Capabilities, code: string): Map<string, string> {
  const { argv } = jailCommand(jail, defaultLimits, FIRST_UID + slots[0]!, []);
  // fd 3 (the listening socket) stays closed: this code never listens; 4 and 5 are the status and bwrap info pipes.
  const out = spawnSync(argv[0]!, argv.slice(1), { input: `cjs\n${code}`, env: candidateEnv, encoding: 'utf8', timeout: 20_000, stdio: ['pipe', 'pipe', 'pipe', 'ignore', 'pipe', 'pipe'] });
  assert.equal(out.status, 0, `the jailed code failed: ${out.stderr}`);
  return new Map(out.stdout.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
}

/** Candidate code reporting "what: outcome" lines. */
const reporter = `const fs = require('node:fs');
const report = (what, run) => { let r; try { r = 'ok ' + String(run()).slice(0, 100); } catch (e) { r = e.code || e.message; } console.log(what + ': ' + r); };
`;

describe('each layer on its own', { ...bounded, skip: !caps.bwrap && 'namespaces are not available on this host' }, () => {
  it('namespaces without the permission model: no host files, a read-only root, a small /tmp, no way out', async () => {
    const host = await hostListeners();
    const marker = token('forked');
    let seen: Map<string, string>;
    try {
      seen = inJail({ ...caps, permissionFlag: undefined }, `${reporter}
report('read canary', () => fs.readFileSync(${JSON.stringify(canary.file)}, 'utf8'));
report('read repository', () => fs.readdirSync(${JSON.stringify(process.cwd())}));
report('root is', () => fs.readdirSync('/').sort().join(','));
report('write /', () => fs.writeFileSync('/planted', 'x'));
report('write /usr', () => fs.writeFileSync('/usr/lib/planted', 'x'));
report('write /dev', () => fs.writeFileSync('/dev/planted', 'x'));
report('symlink out', () => { fs.symlinkSync(${JSON.stringify(canary.file)}, '/tmp/link'); return fs.readFileSync('/tmp/link', 'utf8'); });
report('one big file', () => fs.writeFileSync('/tmp/big', Buffer.alloc(2 << 20)));
report('fill /tmp', () => { const mb = Buffer.alloc((1 << 20) - 1, 1); let i = 0; try { for (; i < 64; i++) fs.writeFileSync('/tmp/fill' + i, mb); } catch (e) { return i + ' MB then ' + e.code; } return i + ' MB'; });
const cp = require('node:child_process');
let forked = 0;
for (let i = 0; i < 40; i++) { const child = cp.spawn('/katabox/node', ['-e', 'process.title = "${marker}"; setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true }); child.on('error', () => {}).unref(); if (child.pid) forked++; }
report('processes started of 40', () => forked);
const net = require('node:net');
const attempt = (target) => new Promise((resolve) => { const s = net.connect(target); s.on('connect', () => resolve('connected')); s.on('error', (e) => resolve(e.code)); });
Promise.all([attempt({ host: '127.0.0.1', port: ${host.tcp} }), attempt({ path: ${JSON.stringify(host.unix)} }), ...${JSON.stringify(host.addresses)}.map((h) => attempt({ host: h, port: ${host.any} }))])
  .then((codes) => { console.log('connect: ' + [...new Set(codes)].sort().join(',')); process.exit(0); });
`);
    } finally {
      host.close();
    }
    assert.equal(seen.get('read canary'), 'ENOENT');
    assert.equal(seen.get('read repository'), 'ENOENT');
    assert.equal(seen.get('root is'), 'ok dev,etc,katabox,lib,lib64,proc,tmp,usr');
    for (const place of ['/', '/usr', '/dev']) assert.equal(seen.get(`write ${place}`), 'EROFS');
    assert.equal(seen.get('symlink out'), 'ENOENT');
    assert.match(seen.get('fill /tmp')!, /^ok 1[56] MB then ENOSPC$/);
    assert.equal(seen.get('one big file'), 'EFBIG');
    // The jail's own bwrap processes and Node's threads already count against the 16.
    assert.ok(Number(seen.get('processes started of 40')!.slice(3)) < 8, seen.get('processes started of 40'));
    assert.doesNotMatch(seen.get('connect')!, /connected/);
    assert.equal(host.reached(), 0);
    // Without a cgroup to wait on, the kernel takes a moment to empty the pid namespace.
    await waitUntilGone(marker, 2000);
    assert.deepEqual(processesMarked(marker), [], 'a child outlived the jail');
  });

  it('the permission model without namespaces: no reads, writes, processes or workers', () => {
    const seen = inJail({ ...caps, bwrap: undefined }, `${reporter}
report('read canary', () => fs.readFileSync(${JSON.stringify(canary.file)}, 'utf8'));
report('write', () => fs.writeFileSync('/tmp/${token('planted')}', 'x'));
report('spawn', () => require('node:child_process').spawnSync('/bin/true'));
report('worker', () => new (require('node:worker_threads').Worker)('', { eval: true }));
report('uid', () => process.getuid());
`);
    for (const what of ['read canary', 'write', 'spawn', 'worker']) assert.equal(seen.get(what), 'ERR_ACCESS_DENIED', what);
    if (caps.setpriv) assert.equal(seen.get('uid'), `ok ${FIRST_UID + slots[0]!}`);
  });

  it('the cgroup stops memory the V8 heap limit does not count', { skip: !caps.cgroups && 'cgroups are not available on this host' }, async () => {
    const proc = await CandidateProcess.start({ ...defaultLimits, memoryMb: 128 }, slots[0]!);
    proc.send({ format: 'cjs', js: 'const kept = []; setInterval(() => { for (let i = 0; i < 16; i++) kept.push(Buffer.alloc(1 << 20, 1)); }, 5);' });
    const exit = await proc.exited;
    await proc.kill();
    assert.equal(exit.signal, 'SIGKILL');
    assert.equal(exit.oomKilled, true);
  });
});

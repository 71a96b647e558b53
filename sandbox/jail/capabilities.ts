// What this host can do to contain a candidate, found out once per process by trying it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Layer {
  name: string;
  active: boolean;
  detail: string;
}

export interface Capabilities {
  /** bwrap that can really start a process with new namespaces here. */
  bwrap: string | undefined;
  /** Whether to drop to an unprivileged uid before entering the jail (we are root). */
  dropUid: boolean;
  setpriv: string | undefined;
  prlimit: string | undefined;
  /** Node's permission-model flag on this Node version. */
  permissionFlag: string | undefined;
  layers: Layer[];
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const file = path.join(dir, command);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function permissionFlag(): string | undefined {
  const flags = process.allowedNodeEnvironmentFlags;
  if (flags.has('--permission')) return '--permission';
  if (flags.has('--experimental-permission')) return '--experimental-permission';
  return undefined;
}

/** Binds that give a jailed Node its own binary and shared libraries, read-only. */
export function systemBinds(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const dir of ['/lib', '/lib64', '/lib32', '/bin']) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(dir);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(dir), dir);
    else if (stat.isDirectory()) args.push('--ro-bind', dir, dir);
  }
  return args;
}

function tryBwrap(bwrap: string, prefix: string[]): string | undefined {
  const argv = [...prefix, bwrap, '--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', ...systemBinds(),
    '--ro-bind', process.execPath, '/katabox/node', '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--clearenv',
    '/katabox/node', '-e', 'process.stdout.write(String(require("node:os").networkInterfaces().lo ? "ok" : "no-lo"))'];
  const out = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 10_000 });
  if (out.stdout === 'ok') return undefined;
  return (out.stderr || out.error?.message || `exit ${out.status}`).trim().split('\n')[0];
}

let cached: Capabilities | undefined;

export function detectCapabilities(): Capabilities {
  if (cached) return cached;
  const linux = process.platform === 'linux';
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const setpriv = linux && root ? findOnPath('setpriv') : undefined;
  const prlimit = linux ? findOnPath('prlimit') : undefined;
  const flag = permissionFlag();
  const layers: Layer[] = [];

  let bwrap = linux ? findOnPath('bwrap') : undefined;
  let bwrapDetail = linux ? 'bwrap not found: install bubblewrap (Debian package "bubblewrap")' : 'namespaces need Linux';
  if (bwrap) {
    if (root && !setpriv) {
      bwrapDetail = 'running as root but setpriv (util-linux) is missing, so the jail could not drop to an unprivileged uid';
      bwrap = undefined;
    } else {
      const failure = tryBwrap(bwrap, setpriv ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : []);
      if (failure) {
        bwrapDetail = `bwrap is installed but cannot create namespaces here: ${failure}`;
        bwrap = undefined;
      } else {
        bwrapDetail = `${bwrap}: own network (loopback only), pid, mount, ipc and uts namespaces; read-only system files; private /tmp`;
      }
    }
  }
  layers.push({ name: 'namespaces', active: Boolean(bwrap), detail: bwrapDetail });
  layers.push({
    name: 'unprivileged-uid',
    active: Boolean(bwrap) && (!root || Boolean(setpriv)),
    detail: root ? 'each run slot has its own uid (60000 + slot)' : 'runs as the platform\'s own non-root user inside a user namespace',
  });
  layers.push({
    name: 'permission-model',
    active: Boolean(flag),
    detail: flag ? `node ${flag}: no file reads beyond the preload, no writes, no child processes, workers or addons` : `Node ${process.version} has no permission model`,
  });
  layers.push({
    name: 'rlimits',
    active: Boolean(prlimit),
    detail: prlimit ? `${prlimit}: CPU time, open files, file size${root ? ', processes (per slot uid)' : ''}` : 'prlimit (util-linux) not found',
  });
  layers.push({ name: 'heap-limit', active: true, detail: 'V8 heap capped with --max-old-space-size' });
  cached = { bwrap, dropUid: root, setpriv, prlimit, permissionFlag: flag, layers };
  return cached;
}

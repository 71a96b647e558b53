// What this host can do to contain a candidate, found out once per process by trying it, and
// why each layer it cannot offer is off.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { libraryBinds } from './binds.js';
import { detectCgroups, type CgroupRoots } from './cgroup.js';
import { bwrapArgs, candidateEnv, dropUidArgs, FIRST_UID, JAIL_NODE } from './command.js';

export interface Layer {
  name: string;
  active: boolean;
  detail: string;
}

export interface Capabilities {
  /** bwrap that can really start a jail here. */
  bwrap: string | undefined;
  /** Flags only some bwrap versions have. */
  bwrapFlags: string[];
  /** What the jail binds of the host: node's shared libraries. */
  binds: string[];
  /** Set when we are root: each run then drops to a uid of its own. */
  setpriv: string | undefined;
  prlimit: string | undefined;
  /** Node's permission-model flag on this Node version. */
  permissionFlag: string | undefined;
  cgroups: CgroupRoots | undefined;
  layers: Layer[];
}

/** The uid the start-up trial runs as: nobody, which has no limits of ours to disturb. */
const TRIAL_UID = 65534;
const TRIAL = 'process.stdout.write(require("node:os").networkInterfaces().lo ? "ok" : "no loopback in the jail")';

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

function sysctl(name: string): string | undefined {
  try {
    return fs.readFileSync(path.join('/proc/sys', name.replaceAll('.', '/')), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The usual reasons a host refuses user namespaces, to explain a failed bwrap trial. */
function usernsHint(): string {
  if (sysctl('user.max_user_namespaces') === '0') return ' — user namespaces are disabled (sysctl user.max_user_namespaces=0)';
  if (sysctl('kernel.unprivileged_userns_clone') === '0') return ' — unprivileged user namespaces are disabled (sysctl kernel.unprivileged_userns_clone=0)';
  if (sysctl('kernel.apparmor_restrict_unprivileged_userns') === '1') {
    return ' — AppArmor restricts unprivileged user namespaces (sysctl kernel.apparmor_restrict_unprivileged_userns=1): give bwrap an AppArmor profile that allows userns';
  }
  return '';
}

interface Jail {
  bwrap?: string;
  bwrapFlags: string[];
  binds: string[];
  detail: string;
}

function detectJail(setpriv: string | undefined, root: boolean): Jail {
  const off = (detail: string): Jail => ({ bwrapFlags: [], binds: [], detail });
  if (process.platform !== 'linux') return off('namespaces need Linux');
  const bwrap = findOnPath('bwrap');
  if (!bwrap) return off('bwrap not found: install bubblewrap (Debian package "bubblewrap")');
  if (root && !setpriv) return off('running as root but setpriv (util-linux) is missing, so the jail could not drop to an unprivileged uid');
  let binds: string[];
  try {
    binds = libraryBinds(process.execPath);
  } catch (err) {
    return off(`cannot tell which shared libraries node needs: ${(err as Error).message}`);
  }
  // Without user namespaces of its own, the candidate loses one more way into kernel code.
  const bwrapFlags = spawnSync(bwrap, ['--help'], { encoding: 'utf8' }).stdout?.includes('--disable-userns') ? ['--disable-userns'] : [];
  const argv = [...(setpriv ? dropUidArgs(setpriv, TRIAL_UID) : []), ...bwrapArgs(bwrap, bwrapFlags, binds), JAIL_NODE, '-e', TRIAL];
  const out = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 10_000, env: candidateEnv });
  if (out.stdout !== 'ok') {
    const failure = (out.stdout || out.stderr || out.error?.message || `exit ${out.status}`).trim().split('\n')[0];
    return off(`bwrap is installed but cannot start a jail here: ${failure}${usernsHint()}`);
  }
  return {
    bwrap,
    bwrapFlags,
    binds,
    detail: `${bwrap}: own network (loopback only), pid, mount, ipc, uts and user namespaces${bwrapFlags.length ? ' (no nested ones)' : ''}; a read-only root holding only node and its libraries; private 16 MB /tmp`,
  };
}

let cached: Capabilities | undefined;

export function detectCapabilities(): Capabilities {
  if (cached) return cached;
  const linux = process.platform === 'linux';
  const root = linux && process.getuid?.() === 0;
  const setpriv = root ? findOnPath('setpriv') : undefined;
  const prlimit = linux ? findOnPath('prlimit') : undefined;
  const flag = permissionFlag();
  const jail = detectJail(setpriv, root);
  const cgroups = detectCgroups();
  const layers: Layer[] = [
    { name: 'namespaces', active: Boolean(jail.bwrap), detail: jail.detail },
    {
      name: 'unprivileged-uid',
      active: Boolean(setpriv),
      detail: setpriv
        ? `each run slot has a uid of its own (${FIRST_UID} + slot), so no run can signal another or count against its process limit`
        : root
          ? 'setpriv (util-linux) not found'
          : 'not root: runs keep the platform\'s own uid (mapped inside the user namespace), so RLIMIT_NPROC cannot cap them; run the runner as root to give each slot a uid of its own',
    },
    {
      name: 'permission-model',
      active: Boolean(flag),
      detail: flag ? `node ${flag}: no file reads beyond the shim, no writes, no child processes, workers, WASI or addons` : `Node ${process.version} has no permission model`,
    },
    {
      name: 'rlimits',
      active: Boolean(prlimit),
      detail: prlimit ? `${prlimit}: CPU time, open files, file size, data size where no cgroup caps memory${setpriv ? ', processes (per slot uid)' : ''}; no core dumps` : 'prlimit (util-linux) not found',
    },
    { name: 'cgroups', active: Boolean(cgroups.roots), detail: cgroups.detail },
    { name: 'heap-limit', active: true, detail: 'V8 heap capped with --max-old-space-size' },
  ];
  cached = { bwrap: jail.bwrap, bwrapFlags: jail.bwrapFlags, binds: jail.binds, setpriv, prlimit, permissionFlag: flag, cgroups: cgroups.roots, layers };
  return cached;
}

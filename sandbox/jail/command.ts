// The command line that starts a candidate's Node. Each layer is a small program that sets up one
// thing and execs the next, so the process the candidate's code gets holds nothing of the platform:
//   sh (joins the run's cgroup) → prlimit (rlimits) → setpriv (the run's own uid)
//   → bwrap (namespaces, read-only minimal root, private /tmp) → node (permission model, heap cap, shim)
// Node starts from a startup snapshot of the shim where one could be built (startup-snapshot.ts).
import type { Limits } from '../limits.js';
import type { IsolationReport } from '../result.js';
import type { Capabilities } from './capabilities.js';
import { publishedShim } from './published-shim.js';
import { startupSnapshot } from './startup-snapshot.js';

export const JAIL_NODE = '/katabox/node';
const JAIL_SHIM = '/katabox/shim.cjs';
const JAIL_SNAPSHOT = '/katabox/startup.blob';
/** Run slot n runs as uid FIRST_UID + n when the runner is root. */
export const FIRST_UID = 60_000;
/** bwrap writes the pid of the sandbox's init here, the handle to kill the whole pid namespace. */
export const INFO_FD = 5;
const MB = 1024 * 1024;
/** The jail's /tmp, the only place it could write to. */
const TMP_BYTES = 16 * MB;
/** RLIMIT_FSIZE: no file the candidate writes grows past this. */
const FILE_BYTES = MB;
/**
 * Without cgroups, RLIMIT_DATA is what stops Buffers and native memory. It must sit well above
 * the heap cap: V8 reserves address space it counts at start-up (Node 24 will not start below
 * about 1 GB). With a cgroup, which caps what is really used, it is left unset.
 */
const DATA_HEADROOM_MB = 1024;
/** Joins every cgroup file given before `--`, then execs the rest; fails closed if it cannot. */
const ENTER_CGROUP = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';

/** All the candidate's process sees of the environment, whatever the platform's holds. */
export const candidateEnv = { PORT: '3000', HOME: '/tmp', TZ: 'UTC', LANG: 'C.UTF-8' };

export interface JailCommand {
  argv: string[];
  isolation: IsolationReport;
  /** Exit statuses come from bwrap, which reports a signal as 128 + its number. */
  viaBwrap: boolean;
}

/** bwrap up to (and including) `--`: own namespaces, only node, its libraries and the shim, read-only. */
export function bwrapArgs(bwrap: string, extraFlags: string[], binds: string[]): string[] {
  return [bwrap, '--unshare-all', '--unshare-user', ...extraFlags, '--die-with-parent', '--new-session', '--cap-drop', 'ALL',
    '--hostname', 'katabox', ...binds, '--ro-bind', process.execPath, JAIL_NODE, '--ro-bind', publishedShim(), JAIL_SHIM,
    '--proc', '/proc', '--dev', '/dev', '--size', String(TMP_BYTES), '--tmpfs', '/tmp',
    // bwrap builds the root and /dev on writable tmpfs without a size cap; only /tmp stays writable.
    '--remount-ro', '/', '--remount-ro', '/dev', '--chdir', '/tmp', '--'];
}

export function dropUidArgs(setpriv: string, uid: number): string[] {
  return [setpriv, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--'];
}

function rlimitArgs(prlimit: string, limits: Limits, ownUid: boolean, inCgroup: boolean): string[] {
  // The hard CPU limit a second above the soft one: SIGXCPU names the cause, SIGKILL ends a process that ignores it.
  const args = [prlimit, `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, `--nofile=${limits.openFiles}`, '--core=0', `--fsize=${FILE_BYTES}`];
  if (!inCgroup) args.push(`--data=${(limits.memoryMb + DATA_HEADROOM_MB) * MB}`);
  // RLIMIT_NPROC counts every process of the uid, so it only fits a uid of the run's own.
  if (ownUid) args.push(`--nproc=${limits.processes}`);
  return [...args, '--'];
}

/** The V8 flags, which the startup snapshot must have been built with. */
function v8Flags(limits: Limits): string[] {
  return [`--max-old-space-size=${limits.memoryMb}`];
}

/**
 * Flags before the shim, which is the main script: it reads the code from stdin itself, so Node
 * must not. `snapshot` is where Node finds the startup snapshot, if there is one.
 */
function nodeFlags(limits: Limits, snapshot: string | undefined): string[] {
  return [...v8Flags(limits), ...(snapshot ? ['--snapshot-blob', snapshot] : []), '--enable-source-maps', '--disable-warning=ExperimentalWarning'];
}

/** The candidate's Node under every layer this host offers. */
export function jailCommand(caps: Capabilities, limits: Limits, uid: number, cgroupProcs: string[]): JailCommand {
  const shim = caps.bwrap ? JAIL_SHIM : publishedShim();
  const snapshot = startupSnapshot(v8Flags(limits));
  const snapshotBind = caps.bwrap && snapshot ? ['--ro-bind', snapshot, JAIL_SNAPSHOT] : [];
  const permission = caps.permissionFlag ? [caps.permissionFlag, `--allow-fs-read=${shim}`] : [];
  const argv = [
    ...(cgroupProcs.length > 0 ? ['/bin/sh', '-c', ENTER_CGROUP, 'katabox-enter', ...cgroupProcs, '--'] : []),
    ...(caps.prlimit ? rlimitArgs(caps.prlimit, limits, Boolean(caps.setpriv), cgroupProcs.length > 0) : []),
    ...(caps.setpriv ? dropUidArgs(caps.setpriv, uid) : []),
    ...(caps.bwrap ? [...bwrapArgs(caps.bwrap, [...caps.bwrapFlags, '--info-fd', String(INFO_FD)], [...caps.binds, ...snapshotBind]), JAIL_NODE] : [process.execPath]),
    ...nodeFlags(limits, caps.bwrap && snapshot ? JAIL_SNAPSHOT : snapshot), ...permission, '--no-addons', shim,
  ];
  const layers = caps.layers.filter((l) => l.active).map((l) => l.name);
  return { argv, isolation: { level: caps.bwrap ? 'full' : 'partial', layers }, viaBwrap: Boolean(caps.bwrap) };
}

/** The candidate's Node with no isolation at all: for measuring what isolation costs, never for serving. */
export function bareCommand(limits: Limits): JailCommand {
  return { argv: [process.execPath, ...nodeFlags(limits, startupSnapshot(v8Flags(limits))), publishedShim()], isolation: { level: 'none', layers: [] }, viaBwrap: false };
}

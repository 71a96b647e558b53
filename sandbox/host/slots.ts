// Run slots are unique across every Katabox process on the host, not just within one pool:
// each slot picks the jail's uid, and per-uid limits (RLIMIT_NPROC) would otherwise be shared
// by two pools that both number their slots from 0. A slot is leased with an exclusive lock
// file holding the owner's pid; a lock whose owner is gone is taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAX_SLOTS = 4000;
const dir = path.join(os.tmpdir(), `katabox-slots-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);

function ownerAlive(file: string): boolean {
  const pid = Number(fs.readFileSync(file, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function create(file: string): boolean {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  }
}

function tryLease(slot: number): boolean {
  const file = path.join(dir, `${slot}.lock`);
  if (create(file)) return true;
  try {
    if (ownerAlive(file)) return false;
    // Of two processes taking over the same dead lock, only one rename succeeds.
    const moved = `${file}.${process.pid}`;
    fs.renameSync(file, moved);
    if (ownerAlive(moved)) {
      // A live owner's fresh lock was moved: give it back (link fails if the name is taken again).
      fs.linkSync(moved, file);
      fs.rmSync(moved);
      return false;
    }
    fs.rmSync(moved);
    return create(file);
  } catch {
    return false;
  }
}

/** The lock folder must be ours alone: another local user could otherwise fill it with traps. */
function ensureOwnDir(): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  const ours = typeof process.getuid !== 'function' || stat.uid === process.getuid();
  if (!stat.isDirectory() || !ours || (stat.mode & 0o077) !== 0) {
    throw new Error(`${dir} must be a directory owned by this user with no access for others`);
  }
}

/** Leases `count` slots for this process; they are released when it exits. */
export function leaseSlots(count: number): number[] {
  ensureOwnDir();
  const slots: number[] = [];
  for (let slot = 0; slot < MAX_SLOTS && slots.length < count; slot++) {
    if (tryLease(slot)) slots.push(slot);
  }
  if (slots.length < count) {
    releaseSlots(slots);
    throw new Error(`no free run slots on this host (${MAX_SLOTS} in use)`);
  }
  return slots;
}

export function releaseSlots(slots: number[]): void {
  for (const slot of slots) {
    const file = path.join(dir, `${slot}.lock`);
    try {
      if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  }
}

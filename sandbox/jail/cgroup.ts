// A control group per run: it caps all memory of the run (the V8 heap cap does not cover Buffers
// or native memory) and its processes and threads, counts its CPU time, and finds every process
// of the run when it must go, detached or not. cgroup v1 (one mount per controller) and v2 (one
// unified mount) are both handled; without either, the other layers still apply.
import fs from 'node:fs';
import path from 'node:path';
import { defaultLimits, type Limits } from '../limits.js';

/** Where run groups are created, per controller (all three are one folder on cgroup v2). */
export interface CgroupRoots {
  version: 1 | 2;
  memory: string;
  pids: string;
  cpu: string;
}

export interface RunUsage {
  oomKilled: boolean;
  cpuMs: number;
}

const BASE = 'katabox';
/** How long a run's processes get to disappear after being killed. */
const DRAIN_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function counter(file: string, key: string): number {
  const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${key} `));
  return Number(line?.split(' ')[1] ?? 0);
}

function writeIfPresent(file: string, value: string): void {
  if (fs.existsSync(file)) fs.writeFileSync(file, value);
}

/** Mount points of the cgroup hierarchies, read from this process's mount table. */
function findRoots(): CgroupRoots | string {
  const v1 = new Map<string, string>();
  let v2: string | undefined;
  for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [mount, rest] = line.split(' - ');
    const mountPoint = mount?.split(' ')[4];
    const [type, , options] = rest?.split(' ') ?? [];
    if (!mountPoint) continue;
    if (type === 'cgroup') for (const option of options!.split(',')) v1.set(option, mountPoint);
    if (type === 'cgroup2') v2 = mountPoint;
  }
  const memory = v1.get('memory');
  const pids = v1.get('pids');
  const cpu = v1.get('cpuacct');
  if (memory && pids && cpu) return { version: 1, memory: path.join(memory, BASE), pids: path.join(pids, BASE), cpu: path.join(cpu, BASE) };
  if (v2) {
    const controllers = fs.readFileSync(path.join(v2, 'cgroup.controllers'), 'utf8').split(/\s+/);
    if (controllers.includes('memory') && controllers.includes('pids')) {
      const base = path.join(v2, BASE);
      return { version: 2, memory: base, pids: base, cpu: base };
    }
  }
  return memory || pids ? 'the memory, pids and cpuacct controllers are not all mounted' : 'no cgroup hierarchy with the memory and pids controllers is mounted';
}

function ensureBase(roots: CgroupRoots): void {
  for (const dir of new Set([roots.memory, roots.pids, roots.cpu])) fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  if (roots.version === 2) {
    // v2 gives a child group a controller only when every parent hands it down.
    fs.writeFileSync(path.join(path.dirname(roots.memory), 'cgroup.subtree_control'), '+memory +pids');
    fs.writeFileSync(path.join(roots.memory, 'cgroup.subtree_control'), '+memory +pids');
  }
}

export class RunCgroup {
  private constructor(
    private readonly roots: CgroupRoots,
    private readonly name: string,
  ) {}

  /** Creates the group `name` with the run's limits, after clearing out one a dead runner may have left. */
  static async create(roots: CgroupRoots, name: string, limits: Limits): Promise<RunCgroup> {
    const group = new RunCgroup(roots, name);
    await group.remove();
    group.make(limits);
    return group;
  }

  /** Makes and removes a group, to prove this host lets us (throws otherwise). */
  static trial(roots: CgroupRoots, limits: Limits): void {
    ensureBase(roots);
    const group = new RunCgroup(roots, `trial-${process.pid}`);
    try {
      group.make(limits);
    } finally {
      group.tryRemoveDirs();
    }
  }

  /** The files a process writes its pid to, to join the group (and its children with it). */
  get procsFiles(): string[] {
    return this.dirs().map((dir) => path.join(dir, 'cgroup.procs'));
  }

  /** What the group counted; undefined if it can no longer be read. */
  usage(): RunUsage | undefined {
    try {
      if (this.roots.version === 1) {
        return {
          oomKilled: counter(this.file('memory', 'memory.oom_control'), 'oom_kill') > 0,
          cpuMs: Number(fs.readFileSync(this.file('cpu', 'cpuacct.usage'), 'utf8')) / 1e6,
        };
      }
      return { oomKilled: counter(this.file('memory', 'memory.events'), 'oom_kill') > 0, cpuMs: counter(this.file('cpu', 'cpu.stat'), 'usage_usec') / 1000 };
    } catch {
      return undefined;
    }
  }

  /** Kills whatever is still in the group, waits for it to be gone, and removes the group. */
  async remove(): Promise<void> {
    const deadline = Date.now() + DRAIN_MS;
    for (;;) {
      const pids = this.pids();
      if (pids.length === 0 && this.tryRemoveDirs()) return;
      if (Date.now() > deadline) throw new Error(`cgroup ${this.name} still holds processes ${pids.join(', ')} after ${DRAIN_MS} ms`);
      this.killAll(pids);
      await sleep(10);
    }
  }

  private make(limits: Limits): void {
    for (const dir of this.dirs()) fs.mkdirSync(dir, { mode: 0o755 });
    const bytes = String(limits.memoryMb * 1024 * 1024);
    if (this.roots.version === 1) {
      fs.writeFileSync(this.file('memory', 'memory.limit_in_bytes'), bytes);
      // Memory plus swap, where swap is accounted: the run must not page its way past the cap.
      writeIfPresent(this.file('memory', 'memory.memsw.limit_in_bytes'), bytes);
    } else {
      fs.writeFileSync(this.file('memory', 'memory.max'), bytes);
      writeIfPresent(this.file('memory', 'memory.swap.max'), '0');
    }
    fs.writeFileSync(this.file('pids', 'pids.max'), String(limits.processes));
  }

  private dirs(): string[] {
    return [...new Set([this.roots.memory, this.roots.pids, this.roots.cpu])].map((base) => path.join(base, this.name));
  }

  private file(controller: 'memory' | 'pids' | 'cpu', name: string): string {
    return path.join(this.roots[controller], this.name, name);
  }

  private pids(): number[] {
    const found = new Set<number>();
    for (const file of this.procsFiles) {
      try {
        for (const pid of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) found.add(Number(pid));
      } catch {
        // already removed
      }
    }
    return [...found];
  }

  private killAll(pids: number[]): void {
    const kill = this.file('memory', 'cgroup.kill');
    if (this.roots.version === 2 && fs.existsSync(kill)) {
      fs.writeFileSync(kill, '1');
      return;
    }
    // v1 has no cgroup.kill: signal each member; the group caps how many there can be.
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
  }

  /** rmdir fails while the kernel still counts an exiting member; the caller retries. */
  private tryRemoveDirs(): boolean {
    for (const dir of this.dirs()) {
      try {
        fs.rmdirSync(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return false;
      }
    }
    return true;
  }
}

/** Finds a cgroup hierarchy and proves a run group can be made there; says why not otherwise. */
export function detectCgroups(): { roots?: CgroupRoots; detail: string } {
  if (process.platform !== 'linux') return { detail: 'cgroups need Linux' };
  let roots: CgroupRoots | string;
  try {
    roots = findRoots();
  } catch (err) {
    return { detail: `cannot read the cgroup mounts: ${(err as Error).message}` };
  }
  if (typeof roots === 'string') return { detail: roots };
  const where = `cgroup v${roots.version} under ${path.dirname(roots.memory)}`;
  try {
    RunCgroup.trial(roots, defaultLimits);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EROFS' || code === 'EPERM' ? `not writable${process.getuid?.() === 0 ? '' : ' (the runner is not root)'}` : (err as Error).message;
    return { detail: `${where}: ${why}` };
  }
  return { roots, detail: `${where}, a group per run: memory (Buffers and /tmp included), processes and threads, CPU time; every process of a run is found and killed` };
}

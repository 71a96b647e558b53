// This machine's processes as /proc lists them, each with its parent and resident memory, read
// from its stat line. The runner finds a jail's init this way; the benchmarks and tests find the
// processes of a platform they started.
import fs from 'node:fs';

export interface ProcessEntry {
  pid: number;
  parent: number;
  rssMb: number;
}

/** Linux's page size on the machines it runs on; /proc counts resident memory in pages. */
const PAGE_BYTES = 4096;

/**
 * The fields of a process's stat line after its command name, from its state on (the parent's
 * pid is [1], the session [3], the nice value [16]); undefined once the process has gone.
 */
export function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces and parentheses: the fields start after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export function processTable(): ProcessEntry[] {
  const table: ProcessEntry[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    // Undefined: the process ended while the table was read.
    if (fields) table.push({ pid: Number(entry), parent: Number(fields[1]), rssMb: (Number(fields[21]) * PAGE_BYTES) / (1024 * 1024) });
  }
  return table;
}

export function childrenOf(parent: number): number[] {
  return processTable().filter((p) => p.parent === parent).map((p) => p.pid);
}

/** The process's command line, its arguments joined by spaces ('' once it has gone). */
export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const TICK_MS = 10;

/** CPU ms a process has used itself, and its waited-for children; undefined once it has gone. */
export function cpuTimes(pid: number): { own: number; children: number } | undefined {
  const f = statFields(pid)?.map(Number);
  return f && { own: (f[11]! + f[12]!) * TICK_MS, children: (f[13]! + f[14]!) * TICK_MS };
}

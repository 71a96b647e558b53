// Shared figures for the benchmarks: percentiles and the peak resident memory of a process tree.
import fs from 'node:fs';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export interface TreeProcess {
  pid: number;
  parent: number;
  rssMb: number;
  args: string;
}

/** `root` and all its descendants, with their resident memory, read from /proc. */
export function processTree(root: number = process.pid): TreeProcess[] {
  const all = new Map<number, TreeProcess>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      all.set(Number(entry), { pid: Number(entry), parent: Number(fields[1]), rssMb: (Number(fields[21]) * 4096) / (1024 * 1024), args });
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = all.get(p)?.parent ?? 0, hops++) if (p === root) return true;
    return false;
  };
  return [...all.values()].filter((p) => inTree(p.pid));
}

/** Resident memory in MB of `root` and all its descendants. */
export function treeRssMb(root: number = process.pid): number {
  return processTree(root).reduce((sum, p) => sum + p.rssMb, 0);
}

/** Samples the tree's memory every 25 ms until stopped; returns the peak. */
export function peakRss(root: number = process.pid): { stop(): number } {
  let peak = treeRssMb(root);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMb(root));
  }, 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRssMb(root));
    },
  };
}

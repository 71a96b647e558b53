// Shared figures for the benchmarks: percentiles, Markdown tables and the resident memory of a process tree.
import { commandLine, processTable, type ProcessEntry } from '../sandbox/process-table.js';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** A Markdown table: the first `leftColumns` columns left-aligned (labels), the rest right-aligned (figures). */
export function markdownTable(header: string[], rows: string[][], leftColumns: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((v, i) => (i < leftColumns ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < leftColumns ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export interface TreeProcess extends ProcessEntry {
  args: string;
}

/** `root` and all its descendants, with their resident memory, read from /proc. */
export function processTree(root: number = process.pid): TreeProcess[] {
  const all = new Map(processTable().map((p) => [p.pid, p]));
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = all.get(p)?.parent ?? 0, hops++) if (p === root) return true;
    return false;
  };
  // Command lines only for the tree's own processes: the memory sampler calls this every 25 ms.
  return [...all.values()].filter((p) => inTree(p.pid)).map((p) => ({ ...p, args: commandLine(p.pid) }));
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

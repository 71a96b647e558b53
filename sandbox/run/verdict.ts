// Turning what happened into words a learner understands.
import type { ExitInfo } from '../jail/candidate.js';
import type { Limits } from '../limits.js';
import type { ProbeOutcome, RunStatus } from '../result.js';

export function score(probes: ProbeOutcome[]): number {
  const total = probes.reduce((n, p) => n + p.weight, 0);
  const passed = probes.filter((p) => p.passed).reduce((n, p) => n + p.weight, 0);
  return total === 0 ? 0 : Math.round((100 * passed) / total);
}

/** Why the candidate's process ended, judged from its exit and the end of its stderr. */
export function exitReason(exit: ExitInfo, stderr: string, limits: Limits): string {
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) return `memory limit of ${limits.memoryMb} MB exceeded`;
  if (exit.signal === 'SIGXCPU' || exit.code === 128 + 24) return `CPU time limit of ${limits.cpuSeconds} s exceeded`;
  const thrown = /^(\w*Error|Error \[\w+\]|Uncaught \w+)[^\n]*/m.exec(stderr);
  if (thrown) return `it threw ${thrown[0].trim()}`;
  if (exit.signal) return `it was killed by ${exit.signal}`;
  return `it exited with code ${exit.code}`;
}

export function summary(status: RunStatus, probes: ProbeOutcome[], detail: string): string {
  const passed = probes.filter((p) => p.passed).length;
  const counts = `${passed} of ${probes.length} probes passed`;
  switch (status) {
    case 'passed':
      return `All ${probes.length} probes passed.`;
    case 'failed':
      return `${counts}.`;
    default:
      return probes.length > 0 && detail ? `${detail} (${counts}).` : `${detail}.`;
  }
}

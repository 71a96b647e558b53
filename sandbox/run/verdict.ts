// Turning what happened into words a learner understands.
import type { ExitInfo } from '../jail/candidate.js';
import type { Limits } from '../limits.js';
import type { ProbeOutcome, RunStatus } from '../result.js';

export function score(probes: ProbeOutcome[]): number {
  const total = probes.reduce((n, p) => n + p.weight, 0);
  const passed = probes.filter((p) => p.passed).reduce((n, p) => n + p.weight, 0);
  return total === 0 ? 0 : Math.round((100 * passed) / total);
}

/** Bytes as the limits are usually given: whole KB where they are. */
function size(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

/** Why the candidate's process ended, judged from its exit, what its cgroup saw and the end of its stderr. */
export function exitReason(exit: ExitInfo, stderr: string, limits: Limits): string {
  if (exit.oomKilled || /heap out of memory|Reached heap limit|allocation failed/i.test(stderr)) {
    return `memory limit of ${limits.memoryMb} MB exceeded`;
  }
  // SIGXCPU at the soft limit; SIGKILL a second later for a process that ignored it.
  if (exit.signal === 'SIGXCPU' || (exit.signal === 'SIGKILL' && (exit.cpuMs ?? 0) >= limits.cpuSeconds * 1000)) {
    return `CPU time limit of ${limits.cpuSeconds} s exceeded`;
  }
  if (/\bEMFILE\b/.test(stderr)) return `open-file limit of ${limits.openFiles} exceeded`;
  const thrown = /^(\w*Error|Error \[\w+\]|Uncaught \w+)[^\n]*/m.exec(stderr);
  // A thrown message can be as long as the candidate likes; the verdict stays short.
  if (thrown) return `it threw ${thrown[0].trim().slice(0, 200)}`;
  if (exit.signal) return `it was killed by ${exit.signal}`;
  return `it exited with code ${exit.code}`;
}

/** The limit a run can hit without being stopped by it, said after the summary. */
export function outputNote(truncated: boolean, limits: Limits): string {
  return truncated ? ` Output truncated at ${size(limits.outputBytes)} per stream.` : '';
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

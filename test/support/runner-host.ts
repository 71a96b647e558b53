// Finding the runner host (the sandbox's host/main.js) among a process's children, by /proc.
import fs from 'node:fs';

/** The pid of `parent`'s child running the runner host, if it has one. */
export function runnerHostOf(parent: number): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('host/main.js')) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

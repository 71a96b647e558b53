// Finding the runner host (the sandbox's host/main.js) among a process's children.
import { childrenOf, commandLine } from '../../sandbox/process-table.js';

/** The pid of `parent`'s child running the runner host, if it has one. */
export function runnerHostOf(parent: number): number | undefined {
  return childrenOf(parent).find((pid) => commandLine(pid).includes('host/main.js'));
}

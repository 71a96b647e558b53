// Waiting for a started candidate to listen: the first of its listening, its exit, the listen
// limit and the run's wall clock. Runs and the requests a learner sends start servers alike.
import type { CandidateProcess } from '../jail/candidate.js';
import type { Limits } from '../limits.js';
import { exitReason } from './verdict.js';

export interface StartFailure {
  status: 'did_not_listen' | 'crashed' | 'timeout';
  /** A sentence for the learner. */
  detail: string;
}

/**
 * Undefined once the server listens; otherwise the process is killed and the reason it never
 * listened comes back. Throws when the jail itself did not start (the platform's fault).
 */
export async function awaitListening(proc: CandidateProcess, limits: Limits, wall: Promise<'wall'>): Promise<StartFailure | undefined> {
  const start = await Promise.race([
    proc.listening.then(() => 'listening' as const),
    proc.exited.then(() => 'exited' as const),
    delay(limits.listenMs, 'slow' as const),
    wall,
  ]);
  if (start === 'listening') return undefined;
  await proc.kill();
  const { stderr } = proc.logs();
  if (start === 'exited' && !proc.booted) throw new Error(`the jail did not start: ${stderr.trim().split('\n')[0]}`);
  if (start === 'wall') return { status: 'timeout', detail: `Wall-clock limit of ${limits.wallMs / 1000} s exceeded before the server listened` };
  if (start === 'slow') return { status: 'did_not_listen', detail: `The server did not start listening within ${limits.listenMs / 1000} s — is server.listen() called?` };
  if (proc.exit?.code === 0) return { status: 'did_not_listen', detail: 'The program ended without starting a server — is server.listen() called?' };
  return { status: 'crashed', detail: `The program ended before its server listened: ${exitReason(proc.exit!, stderr, limits)}` };
}

/** Resolves to `value` after `ms`, without keeping the process alive for it. */
export function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms, value).unref());
}

// After the candidate's server stops mid-run, the remaining probes run on a fresh one: a new
// jail with the same code, probed with the same seed, so a learner sees every failure at once
// instead of "not run". Bounded: at most MAX_RESTARTS per run, and never past its wall clock.
import type { Transpiled } from '../compile/transpile.js';
import type { IsolationMode } from '../jail/candidate.js';
import type { Limits } from '../limits.js';
import type { RunResult } from '../result.js';
import type { Jails, Prepared } from './jails.js';

export const MAX_RESTARTS = 2;
/** A probe that met a dying server runs once more on a fresh one; this many such second tries per run, on top of the restarts. */
export const MAX_RETRIES = 2;

type Logs = RunResult['logs'];

/** Where one server's output ends and the next one's begins. */
const RESTART_MARK = '\n--- the server stopped; the probes below ran on a restarted one ---\n';

/** Each server's output in turn. */
export function joinLogs(parts: Logs[]): Logs {
  return {
    stdout: parts.map((p) => p.stdout).join(RESTART_MARK),
    stderr: parts.map((p) => p.stderr).join(RESTART_MARK),
    truncated: parts.some((p) => p.truncated),
  };
}

/** A jail's end: its Isolate freed, its processes killed. */
export function retire(jails: Jails, prepared: Prepared): void {
  prepared.session.dispose();
  jails.retire(prepared);
}

/**
 * A fresh jail running `compiled` with the probes loaded, once it listens; 'wall' when the
 * run's wall clock runs out first, undefined when the server does not listen in time.
 */
export async function restartServer(
  jails: Jails,
  limits: Limits,
  isolation: IsolationMode,
  compiled: Transpiled,
  probesJs: string,
  wall: Promise<'wall'>,
): Promise<Prepared | 'wall' | undefined> {
  const taking = jails.take(limits, isolation);
  const prepared = await Promise.race([taking, wall]);
  if (prepared === 'wall') {
    // The jail still comes, later: give it back as soon as it does.
    void taking.then((late) => retire(jails, late), () => undefined);
    return 'wall';
  }
  prepared.proc.send(compiled);
  let start: 'listening' | 'wall' | undefined;
  try {
    await prepared.session.load(probesJs);
    start = await Promise.race([
      prepared.proc.listening.then(() => 'listening' as const),
      prepared.proc.exited.then(() => undefined),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), limits.listenMs).unref()),
      wall,
    ]);
  } catch (err) {
    retire(jails, prepared);
    throw err;
  }
  if (start === 'listening') return prepared;
  retire(jails, prepared);
  return start;
}

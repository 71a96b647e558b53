// The jails of one runner host. Each jail runs as the uid of one leased slot (per-uid limits
// then count that jail alone). Up to `reserve` jails are started ahead of time — jailed,
// waiting for their code on stdin, each with the probe Isolate that will talk to it — so a run
// skips starting bwrap, Node and an Isolate. Each jail serves exactly one run and is then
// replaced in the background. Runs with non-default limits or isolation start cold.
import { CandidateProcess, type IsolationMode } from '../jail/candidate.js';
import { defaultLimits, type Limits } from '../limits.js';
import { ProbeSession } from '../probe/session.js';

export interface Prepared {
  slot: number;
  proc: CandidateProcess;
  session: ProbeSession;
}

async function prepare(limits: Limits, slot: number, isolation: IsolationMode): Promise<Prepared> {
  const proc = await CandidateProcess.start(limits, slot, isolation);
  try {
    return { slot, proc, session: await ProbeSession.open({ port: proc.port, alive: () => proc.alive, exited: proc.exited, signal: (signal) => proc.signal(signal) }) };
  } catch (err) {
    await proc.kill();
    throw err;
  }
}

async function discard({ proc, session }: Prepared): Promise<void> {
  session.dispose();
  await proc.kill();
}

function sameLimits(a: Limits, b: Limits): boolean {
  return (Object.keys(a) as Array<keyof Limits>).every((k) => a[k] === b[k]);
}

export class Jails {
  private readonly free: number[];
  private readonly ready: Prepared[] = [];
  /** Runs waiting for a prepared jail or a free slot. */
  private readonly waiting: Array<() => void> = [];
  /** Used jails being killed; their slots come back when they are gone. */
  private readonly retiring = new Set<Promise<void>>();
  /** Jails being started for the reserve; a close waits for them, to kill them too. */
  private readonly starting = new Set<Promise<void>>();
  private closed = false;

  constructor(
    slots: number[],
    /** Jails kept ready; 0 starts every run cold. */
    private readonly reserve: number,
  ) {
    this.free = [...slots];
    this.fill();
  }

  /** A jail for one run; hand it to retire() when the run is over. */
  async take(limits: Limits, isolation: IsolationMode): Promise<Prepared> {
    const warmFits = this.reserve > 0 && isolation === 'auto' && sameLimits(limits, defaultLimits);
    for (;;) {
      if (warmFits && this.ready.length > 0) return this.ready.shift()!;
      let slot: number | undefined;
      if (this.free.length > 0 && !(warmFits && this.starting.size > 0)) {
        slot = this.free.shift();
      } else if (!warmFits && this.ready.length > 0) {
        const spare = this.ready.shift()!;
        await discard(spare);
        slot = spare.slot;
      }
      if (slot !== undefined) {
        const taken = slot;
        return prepare(limits, taken, isolation).catch((err: unknown) => {
          this.release(taken);
          throw err;
        });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /**
   * Ends a jail's run: SIGKILL goes out before this returns, so nothing of the run executes
   * after it; the slot is freed once the kernel has torn the jail down. The verdict does not wait
   * for that; close() does.
   */
  retire({ slot, proc }: Prepared): void {
    const retired: Promise<void> = proc
      .kill()
      .catch(() => undefined)
      .then(() => {
        this.retiring.delete(retired);
        this.release(slot);
      });
    this.retiring.add(retired);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.ready.splice(0).map(discard), ...this.retiring, ...this.starting]);
  }

  private release(slot: number): void {
    this.free.push(slot);
    this.fill();
    this.wake();
  }

  private fill(): void {
    while (!this.closed && this.free.length > 0 && this.ready.length + this.starting.size < this.reserve) {
      const slot = this.free.shift()!;
      const started: Promise<void> = prepare(defaultLimits, slot, 'auto').then(
        async (prepared) => {
          this.starting.delete(started);
          if (this.closed) return discard(prepared);
          this.ready.push(prepared);
          this.wake();
        },
        () => {
          this.starting.delete(started);
          this.free.push(slot);
          this.wake();
        },
      );
      this.starting.add(started);
    }
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

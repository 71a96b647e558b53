// Runs prepared ahead of time: one per free run slot, a jailed process already waiting for
// its code on stdin plus the probe Isolate that will talk to it, so a run skips starting bwrap,
// Node and an Isolate (~80 ms). Each serves exactly one run and is then replaced in the
// background. Runs with non-default limits or isolation are prepared on the spot.
import { CandidateProcess, type IsolationMode } from '../jail/candidate.js';
import { defaultLimits, type Limits } from '../limits.js';
import { ProbeSession } from '../probe/session.js';

export interface Prepared {
  proc: CandidateProcess;
  session: ProbeSession;
}

export async function prepare(limits: Limits, slot: number, isolation: IsolationMode = 'auto'): Promise<Prepared> {
  const proc = await CandidateProcess.start(limits, slot, isolation);
  try {
    return { proc, session: await ProbeSession.open({ port: proc.port, alive: () => proc.alive }) };
  } catch (err) {
    await proc.kill();
    throw err;
  }
}

function sameLimits(a: Limits, b: Limits): boolean {
  return (Object.keys(a) as Array<keyof Limits>).every((k) => a[k] === b[k]);
}

export class WarmJails {
  private readonly ready = new Map<number, Promise<Prepared | undefined>>();
  private closed = false;

  /** The slot's prepared run when it fits, otherwise a fresh one. */
  async take(slot: number, limits: Limits, isolation: IsolationMode = 'auto'): Promise<Prepared> {
    const warm = this.ready.get(slot);
    this.ready.delete(slot);
    const prepared = warm ? await warm : undefined;
    if (prepared?.proc.alive && isolation === 'auto' && sameLimits(limits, defaultLimits)) return prepared;
    // Its uid's process budget must be free again before the slot starts another jail.
    if (prepared) await discard(prepared);
    return prepare(limits, slot, isolation);
  }

  /** Prepares the slot's next run (after its previous process is gone). */
  refill(slot: number): void {
    if (this.closed || this.ready.has(slot)) return;
    this.ready.set(slot, prepare(defaultLimits, slot).catch(() => undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.ready.values()];
    this.ready.clear();
    await Promise.all(all.map(async (p) => {
      const prepared = await p;
      if (prepared) await discard(prepared);
    }));
  }
}

async function discard({ proc, session }: Prepared): Promise<void> {
  session.dispose();
  await proc.kill();
}

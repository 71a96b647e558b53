// Jails started ahead of time: one per free run slot, already jailed and waiting for code on
// stdin, so a run skips the ~80 ms of starting bwrap and Node. Each serves exactly one run and
// is then replaced in the background. Runs with non-default limits or isolation start cold.
import { CandidateProcess, type IsolationMode } from '../jail/candidate.js';
import { defaultLimits, type Limits } from '../limits.js';

function sameLimits(a: Limits, b: Limits): boolean {
  return (Object.keys(a) as Array<keyof Limits>).every((k) => a[k] === b[k]);
}

export class WarmJails {
  private readonly ready = new Map<number, Promise<CandidateProcess | undefined>>();
  private closed = false;

  /** A ready process for this slot when it fits the run, otherwise a fresh one. */
  async take(slot: number, limits: Limits, isolation: IsolationMode = 'auto'): Promise<CandidateProcess> {
    const warm = this.ready.get(slot);
    this.ready.delete(slot);
    const proc = warm ? await warm : undefined;
    if (proc?.alive && isolation === 'auto' && sameLimits(limits, defaultLimits)) return proc;
    // Its uid's process budget must be free again before the slot starts another jail.
    await proc?.kill();
    return CandidateProcess.start(limits, slot, isolation);
  }

  /** Prepares the slot's next process (after its previous one is gone). */
  refill(slot: number): void {
    if (this.closed || this.ready.has(slot)) return;
    this.ready.set(slot, CandidateProcess.start(defaultLimits, slot).catch(() => undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.ready.values()];
    this.ready.clear();
    await Promise.all(all.map(async (p) => (await p)?.kill()));
  }
}

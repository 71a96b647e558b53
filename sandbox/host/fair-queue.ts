// Runs waiting for a slot, taken one asker at a time: the next run is always that of the waiting
// asker served longest ago (or never), so however many runs one asker sends, everybody else's
// next run is at most one turn away.
export class FairQueue<T> {
  /** Each asker's runs, oldest first, in the order the askers started waiting. */
  private readonly lines = new Map<string, T[]>();
  /** When each asker was last served, least recently served first; bounded, oldest forgotten. */
  private readonly served = new Map<string, number>();
  private turn = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** How many runs this asker has waiting. */
  waiting(key: string): number {
    return this.lines.get(key)?.length ?? 0;
  }

  push(key: string, item: T): void {
    const line = this.lines.get(key);
    if (line) line.push(item);
    else this.lines.set(key, [item]);
    this.count++;
  }

  /** Puts runs back first in their askers' lines, with their askers' turns given back (a retry after a fault). */
  pushFront(entries: Array<{ key: string; item: T }>): void {
    for (const { key, item } of [...entries].reverse()) {
      const line = this.lines.get(key);
      if (line) line.unshift(item);
      else this.lines.set(key, [item]);
      this.served.delete(key);
      this.count++;
    }
  }

  /** The next run of the waiting asker served longest ago. */
  shift(): T | undefined {
    let chosen: string | undefined;
    let chosenTurn = Infinity;
    for (const key of this.lines.keys()) {
      const last = this.served.get(key) ?? -1;
      if (last < chosenTurn) {
        chosen = key;
        chosenTurn = last;
      }
    }
    if (chosen === undefined) return undefined;
    const line = this.lines.get(chosen)!;
    const item = line.shift()!;
    if (line.length === 0) this.lines.delete(chosen);
    this.count--;
    this.served.delete(chosen);
    this.served.set(chosen, ++this.turn);
    if (this.served.size > MEMORY) this.served.delete(this.served.keys().next().value!);
    return item;
  }

  drain(): T[] {
    const all = [...this.lines.values()].flat();
    this.lines.clear();
    this.count = 0;
    return all;
  }
}

/** Askers whose last turn is remembered; one forgotten counts as never served. */
const MEMORY = 10_000;

// What happens to a submission while its learner watches: one event per probe as it finishes,
// then the verdict (sent only once the row is written, so what is shown is what is stored),
// then the type errors if they come later, then `end`. Each submission's events are numbered so
// a client that connects late, or reconnects with Last-Event-ID, gets what it missed, then the rest.
import type { Diagnostic, ProbeOutcome, Submission } from '../contract/index.js';

export type ProgressEvent =
  | { id: number; event: 'probe'; data: ProbeOutcome }
  | { id: number; event: 'verdict'; data: Submission }
  | { id: number; event: 'diagnostics'; data: { diagnostics: Diagnostic[] } }
  | { id: number; event: 'end'; data: Record<string, never> };

type Unnumbered = ProgressEvent extends infer E ? (E extends ProgressEvent ? Omit<E, 'id'> : never) : never;
type Watcher = (event: ProgressEvent) => void;

interface Log {
  events: ProgressEvent[];
  watchers: Set<Watcher>;
}

/** How long a finished submission's events stay for late watchers; later ones read the stored row. */
const KEEP_MS = 60_000;

export class ProgressHub {
  private readonly logs = new Map<string, Log>();

  /** A submission is about to run; a log opened already (by another process's word) is kept. */
  open(id: string): void {
    if (this.logs.has(id)) return;
    this.logs.set(id, { events: [], watchers: new Set() });
  }

  probe(id: string, probe: ProbeOutcome): void {
    this.push(id, { event: 'probe', data: probe });
  }

  verdict(id: string, submission: Submission): void {
    this.push(id, { event: 'verdict', data: submission });
  }

  diagnostics(id: string, diagnostics: Diagnostic[]): void {
    this.push(id, { event: 'diagnostics', data: { diagnostics } });
  }

  /** Nothing more will happen to this submission. */
  end(id: string): void {
    if (!this.push(id, { event: 'end', data: {} })) return;
    this.logs.get(id)!.watchers.clear();
    setTimeout(() => this.logs.delete(id), KEEP_MS).unref();
  }

  /**
   * The events after `after` so far, and a subscription to the rest (the last one is `end`).
   * Undefined when the hub knows nothing of the submission: then its stored row tells all.
   */
  watch(id: string, after: number, watcher: Watcher): { past: ProgressEvent[]; stop(): void } | undefined {
    const log = this.logs.get(id);
    if (!log) return undefined;
    log.watchers.add(watcher);
    return { past: log.events.filter((e) => e.id > after), stop: () => log.watchers.delete(watcher) };
  }

  /** False when the submission is unknown or has ended. */
  private push(id: string, event: Unnumbered): boolean {
    const log = this.logs.get(id);
    if (!log || log.events.at(-1)?.event === 'end') return false;
    const numbered = { ...event, id: log.events.length + 1 } as ProgressEvent;
    log.events.push(numbered);
    for (const watcher of log.watchers) watcher(numbered);
    return true;
  }
}

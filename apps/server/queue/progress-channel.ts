// Progress events over Redis pub/sub, so that they reach whichever web process a browser's event
// stream is connected to. Runner workers publish probes, verdicts, type errors and the end; every
// web process receives them all and plays them into its own ProgressHub. A probe carries its place
// in its run, so a run retried after a fault (same seed, same probes) tells nothing twice.
import type { Redis } from 'ioredis';
import type { Diagnostic, ProbeOutcome, Submission } from '../../contract/index.js';
import type { ProgressHub } from '../progress.js';
import type { ProgressSink } from '../recorder.js';
import { isCodeJobId } from './jobs.js';
import { PROGRESS_CHANNEL } from './names.js';

/** `key` is a submission id, or the job id of a run whose verdict is not stored. */
export type ProgressMessage =
  | { key: string; event: 'open' }
  | { key: string; event: 'probe'; index: number; data: ProbeOutcome }
  | { key: string; event: 'verdict'; data: Submission }
  | { key: string; event: 'diagnostics'; data: Diagnostic[] }
  | { key: string; event: 'end' };

export class ProgressPublisher implements ProgressSink {
  /** Probes told so far, per run. */
  private readonly told = new Map<string, number>();

  constructor(private readonly redis: Redis) {}

  /** A submission is about to be queued: web processes open its log, so early watchers wait for its events. */
  open(key: string): Promise<unknown> {
    return this.redis.publish(PROGRESS_CHANNEL, JSON.stringify({ key, event: 'open' } satisfies ProgressMessage));
  }

  /** A run starts (again): its probes count from one. */
  start(key: string): void {
    this.told.set(key, 0);
  }

  probe(key: string, data: ProbeOutcome): void {
    const index = (this.told.get(key) ?? 0) + 1;
    this.told.set(key, index);
    this.send({ key, event: 'probe', index, data });
  }

  verdict(key: string, data: Submission): void {
    this.send({ key, event: 'verdict', data });
  }

  diagnostics(key: string, data: Diagnostic[]): void {
    this.send({ key, event: 'diagnostics', data });
  }

  end(key: string): void {
    this.told.delete(key);
    this.send({ key, event: 'end' });
  }

  private send(message: ProgressMessage): void {
    // Events are for watchers; the store keeps what matters, so a lost event costs no verdict.
    this.redis.publish(PROGRESS_CHANNEL, JSON.stringify(message)).catch(() => undefined);
  }
}

/** Receives every progress event: probes of runs this process waits for go to their listeners, the rest into the hub. */
export class ProgressReceiver {
  private readonly told = new Map<string, number>();
  /** Runs this process waits for, by job id. */
  readonly listeners = new Map<string, { onProbe: (probe: ProbeOutcome) => void; told: number }>();
  hub: ProgressHub | undefined;

  async listen(subscriber: Redis): Promise<void> {
    subscriber.on('message', (_channel: string, text: string) => this.receive(JSON.parse(text) as ProgressMessage));
    await subscriber.subscribe(PROGRESS_CHANNEL);
  }

  private receive(message: ProgressMessage): void {
    const listener = this.listeners.get(message.key);
    if (listener) {
      if (message.event === 'probe' && message.index > listener.told) {
        listener.told = message.index;
        listener.onProbe(message.data);
      }
      return;
    }
    const hub = this.hub;
    const { key } = message;
    // Another process's run whose verdict is not stored: nothing here watches it.
    if (!hub || isCodeJobId(key)) return;
    // A hub that missed the opening (it started later) still follows what comes.
    hub.open(key);
    switch (message.event) {
      case 'probe':
        if (message.index <= (this.told.get(key) ?? 0)) return;
        this.told.set(key, message.index);
        hub.probe(key, message.data);
        return;
      case 'verdict':
        hub.verdict(key, message.data);
        return;
      case 'diagnostics':
        hub.diagnostics(key, message.data);
        return;
      case 'end':
        this.told.delete(key);
        hub.end(key);
        return;
      case 'open':
        return;
    }
  }
}

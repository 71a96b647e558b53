// Type errors are worth showing but never block a run, so checking happens on its own thread,
// beside the run. Candidate code decides how hard the checker works: a few recursive conditional
// types keep it busy for minutes and gigabytes. So each check has a time limit, the thread a
// memory cap, and a check that overruns either is cut off with its thread, which is replaced.
// One thread serves everyone, so askers take turns: each has at most one check waiting.
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../result.js';

export interface TypeCheckerOptions {
  /** A checker left unused this long (default ten minutes) gives its memory back: TypeScript and Node's typings hold about 150 MB. */
  idleMs?: number;
  /** How long one check may run (default 5 s). */
  timeLimitMs?: number;
  /** The thread's heap cap (default 512 MB). */
  memoryLimitMb?: number;
}

export interface CheckOptions {
  /** Who asked (a learner): a newer check of theirs replaces their older one still waiting, and askers are served in turn. */
  key: string;
}

/** The start of the one diagnostic a check that overran its limits reports. */
export const TOO_COMPLEX = 'type check skipped: too complex';

interface Pending {
  code: string;
  resolve: (diagnostics: Diagnostic[] | undefined) => void;
}

type Reply = { ready: true } | { id: number; diagnostics?: Diagnostic[]; error?: string };

const defaults: Required<TypeCheckerOptions> = { idleMs: 10 * 60_000, timeLimitMs: 5_000, memoryLimitMb: 512 };

function tooComplex(why: string): Diagnostic[] {
  return [{ line: 1, column: 1, message: `${TOO_COMPLEX} (${why}); the code still runs and is scored`, severity: 'warning', kind: 'type' }];
}

export class TypeChecker {
  private readonly options: Required<TypeCheckerOptions>;
  private worker: Worker | undefined;
  private ready = false;
  /** Checks not yet started, oldest asker first (a Map keeps the place of a key that is set again). */
  private readonly waiting = new Map<string, Pending>();
  private current: (Pending & { id: number; timer: NodeJS.Timeout }) | undefined;
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(options: TypeCheckerOptions = {}) {
    this.options = { ...defaults, ...options };
  }

  /** Whether TypeScript is in memory. */
  get loaded(): boolean {
    return this.worker !== undefined;
  }

  /**
   * The code's type errors; a single warning starting with TOO_COMPLEX when the check overran its
   * time or memory; undefined when a newer check by the same key replaced it before it started,
   * or the checker failed or was closed.
   */
  check(code: string, { key }: CheckOptions): Promise<Diagnostic[] | undefined> {
    clearTimeout(this.idleTimer);
    return new Promise((resolve) => {
      this.waiting.get(key)?.resolve(undefined);
      this.waiting.set(key, { code, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const pending of this.waiting.values()) pending.resolve(undefined);
    this.waiting.clear();
    this.settle(undefined);
    await this.stopWorker();
  }

  private pump(): void {
    if (this.current) return;
    const next = this.waiting.entries().next();
    if (next.done) return this.armIdle();
    const worker = this.ensureWorker();
    worker.ref(); // someone awaits a check
    if (!this.ready) return; // the 'ready' message pumps again
    const [key, pending] = next.value;
    this.waiting.delete(key);
    const id = ++this.nextId;
    const timer = setTimeout(() => this.overrun(`it ran past ${this.options.timeLimitMs / 1000} s`), this.options.timeLimitMs).unref();
    this.current = { ...pending, id, timer };
    worker.postMessage({ id, code: pending.code });
  }

  private settle(diagnostics: Diagnostic[] | undefined): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.resolve(diagnostics);
  }

  private overrun(why: string): void {
    this.settle(tooComplex(why));
    void this.stopWorker();
    this.pump();
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.current || this.waiting.size > 0) return;
    this.worker?.unref();
    this.idleTimer = setTimeout(() => void this.stopWorker(), this.options.idleMs).unref();
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./typecheck-worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryLimitMb },
    });
    let outOfMemory = false;
    worker.on('message', (reply: Reply) => {
      if (this.worker !== worker) return;
      if ('ready' in reply) this.ready = true;
      else if (reply.id === this.current?.id) this.settle(reply.diagnostics);
      this.pump();
    });
    worker.on('error', (err: NodeJS.ErrnoException) => {
      outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return; // stopped on purpose
      const started = this.ready;
      this.worker = undefined;
      this.ready = false;
      this.settle(outOfMemory ? tooComplex(`it needed more than ${this.options.memoryLimitMb} MB`) : undefined);
      if (!started) {
        // TypeScript itself would not load: no check can succeed, so none is left waiting.
        for (const pending of this.waiting.values()) pending.resolve(undefined);
        this.waiting.clear();
      }
      this.pump();
    });
    // Held only while a check is waiting or running (after the listeners: a 'message' listener takes a reference of its own).
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

// Type errors are worth showing but never block a run, so checking happens on its own thread,
// side by side with the run, and a slow check is dropped rather than waited for.
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../result.js';

interface Reply {
  id: number;
  diagnostics?: Diagnostic[];
  error?: string;
}

/** A checker left unused this long gives its memory back: TypeScript and Node's typings hold about 150 MB. */
const IDLE_MS = 10 * 60_000;

export class TypeChecker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, (d: Diagnostic[] | undefined) => void>();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs = IDLE_MS) {}

  /** Someone is about to need a check: load TypeScript and parse Node's typings now, unless already loaded. */
  warmUp(): void {
    if (this.worker) this.armIdle();
    else void this.check('export {};\n', 60_000);
  }

  /** Whether TypeScript is in memory. */
  get loaded(): boolean {
    return this.worker !== undefined;
  }

  /** Resolves undefined when the check failed or took longer than `timeoutMs`. */
  check(code: string, timeoutMs: number): Promise<Diagnostic[] | undefined> {
    clearTimeout(this.idleTimer);
    const worker = this.ensureWorker();
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(id, undefined), timeoutMs);
      this.waiting.set(id, (d) => {
        clearTimeout(timer);
        resolve(d);
      });
      worker.postMessage({ id, code });
    });
  }

  close(): Promise<number> | undefined {
    return this.worker?.terminate();
  }

  private finish(id: number, diagnostics: Diagnostic[] | undefined): void {
    const done = this.waiting.get(id);
    this.waiting.delete(id);
    done?.(diagnostics);
    if (this.waiting.size === 0) this.armIdle();
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.waiting.size > 0) return;
    this.idleTimer = setTimeout(() => void this.worker?.terminate(), this.idleMs).unref();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./typecheck-worker.js', import.meta.url));
    worker.on('message', (reply: Reply) => this.finish(reply.id, reply.diagnostics));
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      this.worker = undefined;
      for (const id of [...this.waiting.keys()]) this.finish(id, undefined);
    });
    // After the listeners: a 'message' listener takes a reference of its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

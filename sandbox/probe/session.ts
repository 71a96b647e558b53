// One Isolate running one kata's probes against one candidate, probe by probe.
import { Bridge, BridgeFailure, type BridgeTarget } from './bridge.js';
import { loadIvm, type IvmContext, type IvmIsolate, type IvmReference } from './ivm.js';
import { probeRuntime, type ProbeInfo, type ProbeVerdict } from './runtime.js';
import type { Exchange } from '../result.js';

export const ISOLATE_MEMORY_MB = 32;
/** Synchronous work a probe may do between two awaits. */
const SYNC_SLICE_MS = 1000;
const runtimeSource = probeRuntime.toString();
/** Bounds on what a probe script can make the host do: each call holds a socket or a timer. */
const MAX_IN_FLIGHT = 16;
const MAX_CALLS = 2000;

/** A kata's probe script failed on its own (not the candidate's fault). */
export class ProbeScriptError extends Error {}

export interface ProbeRun extends ProbeVerdict {
  durationMs: number;
  exchanges: Exchange[];
}

export class ProbeSession {
  private current = -1;
  private inFlight = 0;
  private calls = 0;

  private constructor(
    private readonly isolate: IvmIsolate,
    private readonly context: IvmContext,
    private readonly bridge: Bridge,
    private readonly refs: { settle: IvmReference; load: IvmReference; run: IvmReference },
  ) {}

  static async open(target: BridgeTarget): Promise<ProbeSession> {
    const ivm = loadIvm();
    const isolate = new ivm.Isolate({ memoryLimit: ISOLATE_MEMORY_MB });
    try {
      const context = await isolate.createContext();
      const bridge = new Bridge(target);
      let session: ProbeSession | undefined;
      const send = new ivm.Callback((id: number, op: string, payload: string) => session?.dispatch(id, op, payload), { ignored: true });
      await context.evalClosure(
        `const k = (${runtimeSource})($0); globalThis.__settle = k.settle; globalThis.__load = k.load; globalThis.__run = k.runProbe;`,
        [send],
        { timeout: SYNC_SLICE_MS },
      );
      const take = (key: string) => {
        const ref = context.global.getSync(key, { reference: true });
        context.global.deleteSync(key);
        return ref;
      };
      session = new ProbeSession(isolate, context, bridge, { settle: take('__settle'), load: take('__load'), run: take('__run') });
      return session;
    } catch (err) {
      isolate.dispose();
      throw err;
    }
  }

  /** Evaluates the compiled probes.ts and returns the probes it registered, in order. */
  async load(probesJs: string): Promise<ProbeInfo[]> {
    try {
      const json = await this.refs.load.apply(undefined, [probesJs], { arguments: { copy: true }, result: { copy: true }, timeout: SYNC_SLICE_MS });
      return JSON.parse(json as string) as ProbeInfo[];
    } catch (err) {
      throw new ProbeScriptError(`the kata's probes.ts failed to load: ${(err as Error).message}`);
    }
  }

  async run(index: number, info: ProbeInfo, seed: number): Promise<ProbeRun> {
    this.current = index;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<ProbeVerdict>((resolve) => {
      timer = setTimeout(
        () => resolve({ passed: false, message: `the probe did not finish within ${info.timeoutMs / 1000} s`, notes: [] }),
        info.timeoutMs,
      );
    });
    const verdict = this.refs.run
      .apply(undefined, [index, seed], { result: { promise: true, copy: true }, timeout: SYNC_SLICE_MS })
      .then((json) => JSON.parse(json as string) as ProbeVerdict, (err: Error) => {
        throw new ProbeScriptError(`probe "${info.id}" broke its Isolate: ${err.message}`);
      });
    try {
      const result = await Promise.race([verdict, deadline]);
      return { ...result, durationMs: Math.round(performance.now() - started), exchanges: this.bridge.exchanges.get(index) ?? [] };
    } finally {
      clearTimeout(timer);
      this.current = -1;
    }
  }

  dispose(): void {
    for (const ref of Object.values(this.refs)) ref.release();
    this.context.release();
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  private dispatch(id: number, op: string, payloadJson: string): void {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(payloadJson) as Record<string, unknown>;
    } catch {
      return;
    }
    const probe = payload.probe;
    let work: Promise<unknown>;
    if (probe !== this.current || typeof probe !== 'number') work = Promise.reject(new BridgeFailure('the probe had already ended'));
    else if (this.inFlight >= MAX_IN_FLIGHT) work = Promise.reject(new BridgeFailure(`probe script error: more than ${MAX_IN_FLIGHT} bridge calls at once`));
    else if (++this.calls > MAX_CALLS) work = Promise.reject(new BridgeFailure(`probe script error: more than ${MAX_CALLS} bridge calls in one run`));
    else {
      this.inFlight++;
      work = this.bridge.handle(op, payload, probe).finally(() => this.inFlight--);
    }
    work.then(
      (value) => this.settle(id, true, value ?? null),
      (err: Error) => this.settle(id, false, err instanceof BridgeFailure ? err.message : `bridge error: ${err.message}`),
    );
  }

  private settle(id: number, ok: boolean, value: unknown): void {
    if (this.isolate.isDisposed) return;
    this.refs.settle
      .apply(undefined, [id, ok, JSON.stringify(value)], { arguments: { copy: true }, timeout: SYNC_SLICE_MS })
      .catch(() => undefined);
  }
}

// The probe API as it lives inside the Isolate. This function is sent to the Isolate as source
// text (Function.prototype.toString), so it must stay self-contained: no imports, no outer names.
// Its only way out is `send`, a fire-and-forget callback taking copied strings; the host answers
// through `settle`. No reference to a host object ever enters the Isolate.

export interface ProbeInfo {
  /** Stable id, what history and `@fails:` refer to. */
  id: string;
  /** Display title. */
  name: string;
  weight: number;
  visibility: 'sample' | 'hidden';
  timeoutMs: number;
}

export interface ProbeVerdict {
  passed: boolean;
  message: string;
  notes: string[];
}

export function probeRuntime(send: (id: number, op: string, payload: string) => void) {
  type Ctx = Record<string, unknown>;
  interface Registered extends ProbeInfo {
    run: (ctx: Ctx) => Promise<void>;
  }
  class ProbeFailure extends Error {}

  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: unknown) => void }>();
  const probes: Registered[] = [];
  let nextCall = 0;
  let current = -1;

  function call(op: string, payload: object): Promise<any> {
    return new Promise((resolve, reject) => {
      const id = ++nextCall;
      pending.set(id, { resolve, reject });
      send(id, op, JSON.stringify({ ...payload, probe: current }));
    });
  }

  function settle(id: number, ok: boolean, json: string): void {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    if (ok) waiting.resolve(JSON.parse(json));
    else waiting.reject(new ProbeFailure(JSON.parse(json)));
  }

  function show(value: unknown): string {
    if (value === undefined) return 'nothing';
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    text ??= String(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  }

  function deepEqual(a: unknown, b: unknown): boolean {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Ctx)[k], (b as Ctx)[k]));
  }

  function expect(actual: unknown, label = 'value') {
    const fail = (expected: string, hint?: string): never => {
      throw new ProbeFailure(`${label}: expected ${expected}, got ${show(actual)}${hint ? ` — ${hint}` : ''}`);
    };
    return {
      toBe(expected: unknown, hint?: string) {
        if (!Object.is(actual, expected)) fail(show(expected), hint);
      },
      toEqual(expected: unknown, hint?: string) {
        if (!deepEqual(actual, expected)) fail(show(expected), hint);
      },
      toMatch(pattern: RegExp, hint?: string) {
        if (typeof actual !== 'string' || !pattern.test(actual)) fail(`a value matching ${pattern}`, hint);
      },
      toContain(part: string, hint?: string) {
        if (typeof actual !== 'string' || !actual.includes(part)) fail(`text containing ${show(part)}`, hint);
      },
      toBeOneOf(options: readonly unknown[], hint?: string) {
        if (!options.some((o) => Object.is(o, actual))) fail(`one of ${options.map(show).join(', ')}`, hint);
      },
      toSatisfy(check: (value: unknown) => boolean, description: string, hint?: string) {
        let ok = false;
        try {
          ok = check(actual) === true;
        } catch {
          ok = false;
        }
        if (!ok) fail(description, hint);
      },
    };
  }

  function fail(message: string): never {
    throw new ProbeFailure(String(message));
  }

  function probe(id: string, a: unknown, b?: unknown): void {
    const options = (typeof a === 'function' ? {} : (a ?? {})) as Partial<ProbeInfo>;
    const run = (typeof a === 'function' ? a : b) as Registered['run'];
    if (typeof id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || id.length > 60) {
      throw new Error(`probe(${JSON.stringify(id)}, ...): the id must be lowercase words joined by dashes (at most 60 characters), e.g. 'status-200'`);
    }
    if (probes.some((p) => p.id === id)) throw new Error(`probe "${id}" is defined twice`);
    const name = options.name;
    if (typeof name !== 'string' || name.trim() === '') throw new Error(`probe "${id}": options.name must be a non-empty display title`);
    if (typeof run !== 'function') throw new Error(`probe "${id}": the last argument must be an async function`);
    const weight = options.weight ?? 1;
    if (typeof weight !== 'number' || !(weight > 0 && weight <= 100)) throw new Error(`probe "${id}": weight must be a number from 0 (excluded) to 100`);
    const visibility = options.visibility ?? 'hidden';
    if (visibility !== 'sample' && visibility !== 'hidden') throw new Error(`probe "${id}": visibility must be 'sample' or 'hidden'`);
    const timeoutMs = options.timeoutMs ?? 5000;
    if (typeof timeoutMs !== 'number' || timeoutMs < 100 || timeoutMs > 30_000) throw new Error(`probe "${id}": timeoutMs must be from 100 to 30000`);
    probes.push({ id, name, weight, visibility, timeoutMs, run });
  }

  // mulberry32 over a per-probe seed: tiny, fast and good enough for test inputs.
  function makeRand(seed: number) {
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
    const names = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Radia', 'Alan', 'Frances', 'Edsger', 'Hedy',
      'Tim', 'Anita', 'Guido', 'Sophie', 'Yukihiro', 'Karen', 'Bjarne', 'Joan', 'José', 'Zoë', 'Ana', 'Chidi', 'Priya', 'Mei', 'Olusegun', 'Søren'];
    const rand = {
      int,
      bool: (): boolean => next() < 0.5,
      pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!,
      string: (length: number, alphabet: string): string => Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join(''),
      word: (min = 4, max = 8): string => rand.string(int(min, max), 'abcdefghijklmnopqrstuvwxyz'),
      name: (): string => rand.pick(names),
      shuffle: <T>(items: readonly T[]): T[] => {
        const out = [...items];
        for (let i = out.length - 1; i > 0; i--) {
          const j = int(0, i);
          [out[i], out[j]] = [out[j]!, out[i]!];
        }
        return out;
      },
    };
    return rand;
  }

  function hash(text: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }

  function response(raw: { body: string }) {
    return {
      ...raw,
      json() {
        try {
          return JSON.parse(raw.body);
        } catch {
          throw new ProbeFailure(`the response body is not valid JSON: ${show(raw.body)}`);
        }
      },
    };
  }

  const http = {
    request: async (options: object) => response(await call('http', { request: options })),
    get: (path: string, headers?: object) => http.request({ method: 'GET', path, headers }),
    post: (path: string, json: unknown, headers?: object) => http.request({ method: 'POST', path, json, headers }),
    abortMidBody: async (options: object): Promise<void> => {
      await call('abort', { request: options });
    },
  };
  const raw = { send: (bytes: string, options?: { timeoutMs?: number }) => call('raw', { bytes, timeoutMs: options?.timeoutMs }) };
  const api = { probe, expect, fail };

  function load(code: string): string {
    const module = { exports: {} };
    const requireApi = (name: string) => {
      if (name === 'katabox/probe') return api;
      throw new Error(`probes can only import 'katabox/probe' (asked for '${name}')`);
    };
    new Function('exports', 'require', 'module', code)(module.exports, requireApi, module);
    if (probes.length === 0) throw new Error('probes.ts registers no probe: call probe(id, { name }, run)');
    return JSON.stringify(probes.map(({ id, name, weight, visibility, timeoutMs }) => ({ id, name, weight, visibility, timeoutMs })));
  }

  async function runProbe(index: number, seed: number): Promise<string> {
    const p = probes[index]!;
    current = index;
    const notes: string[] = [];
    const ctx = {
      http,
      raw,
      rand: makeRand(hash(`${seed}:${p.id}`)),
      sleep: (ms: number) => call('sleep', { ms }),
      alive: () => call('alive', {}),
      note: (text: string) => void notes.push(String(text)),
    };
    try {
      await p.run(ctx);
      return JSON.stringify({ passed: true, message: '', notes });
    } catch (err) {
      const message = err instanceof ProbeFailure ? err.message : `the response could not be checked: ${err instanceof Error ? err.message : String(err)}`;
      return JSON.stringify({ passed: false, message, notes });
    }
  }

  return { settle, load, runProbe };
}

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
    const fail = (expected: string, hint?: string, got = show(actual)): never => {
      throw new ProbeFailure(`${label}: expected ${expected}, got ${got}${hint ? ` — ${hint}` : ''}`);
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
      toHaveContentType(type: string, hint?: string) {
        // A response is checked by its Content-Type header; anything else is taken as that header's value.
        const isResponse = typeof actual === 'object' && actual !== null && 'headers' in actual;
        const value = isResponse ? (actual as { headers: Ctx }).headers['content-type'] : actual;
        const escaped = String(type).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        if (typeof value !== 'string' || !new RegExp(`^${escaped}\\s*(;|$)`, 'i').test(value)) {
          fail(`${type} (parameters such as "; charset=utf-8" may follow)`, hint, show(value));
        }
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
      path: (minSegments = 1, maxSegments = 3): string => {
        const segments: string[] = [];
        const count = int(minSegments, maxSegments);
        for (let i = 0; i < count; i++) segments.push(rand.word(3, 8));
        return '/' + segments.join('/');
      },
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

  // The bridge carries JSON text only, so bytes travel as base64, encoded here: a bare Isolate
  // has no Buffer, TextEncoder or btoa.
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function base64(bytes: ArrayLike<number>): string {
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const b = i + 1 < bytes.length ? bytes[i + 1]! : -1;
      const c = i + 2 < bytes.length ? bytes[i + 2]! : -1;
      const n = (bytes[i]! << 16) | (Math.max(b, 0) << 8) | Math.max(c, 0);
      out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]! + (b < 0 ? '=' : BASE64[(n >> 6) & 63]!) + (c < 0 ? '=' : BASE64[n & 63]!);
    }
    return out;
  }

  /** Text as UTF-8 bytes; a lone surrogate becomes U+FFFD, as TextEncoder writes it. */
  function utf8(text: string): Uint8Array {
    if (typeof text !== 'string') throw new Error('utf8(text): text must be a string');
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else if (c >= 0xd800 && c < 0xe000) {
        c = 0xfffd;
      }
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(out);
  }

  /** A body as it crosses the bridge: text as it is, bytes as { base64 }; anything else is left for the host to refuse. */
  function wire(value: unknown): unknown {
    if (value instanceof ArrayBuffer) return { base64: base64(new Uint8Array(value)) };
    if (ArrayBuffer.isView(value)) return { base64: base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    if (Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) return { base64: base64(value) };
    return value;
  }

  /** Request options with their body, chunks or partial body ready for the bridge. */
  function withWireBodies(options: unknown): unknown {
    if (typeof options !== 'object' || options === null) return options;
    const o = options as Ctx;
    return {
      ...o,
      body: wire(o.body),
      partialBody: wire(o.partialBody),
      chunks: Array.isArray(o.chunks) ? o.chunks.map(wire) : o.chunks,
    };
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
    request: async (options: object) => response(await call('http', { request: withWireBodies(options) })),
    get: (path: string, headers?: object) => http.request({ method: 'GET', path, headers }),
    post: (path: string, json: unknown, headers?: object) => http.request({ method: 'POST', path, json, headers }),
    abortMidBody: async (options: object): Promise<void> => {
      await call('abort', { request: withWireBodies(options) });
    },
  };
  const raw = {
    request: (bytes: unknown, options?: { timeoutMs?: number }) => call('raw', { bytes: wire(bytes), timeoutMs: options?.timeoutMs }),
    send: async (bytes: unknown, options?: { timeoutMs?: number }): Promise<string> => (await raw.request(bytes, options)).text,
  };
  const api = { probe, expect, fail, utf8 };

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
      signal: async (signal: string): Promise<void> => {
        await call('signal', { signal });
      },
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

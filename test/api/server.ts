// The real app for tests: real port, a temporary SQLite file, the real runner.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type ServerOptions } from '../../apps/server/start.js';

export interface TestServer {
  url: string;
  /** The SQLite file it stores into. */
  db: string;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-test-'));
  // Weak isolation is allowed so the suite also runs where bwrap cannot (the jail has its own tests).
  const db = path.join(dir, 'katabox.db');
  // Every learner of a test comes from one address: new ids are limited only where a test asks.
  const rateLimits = { identity: { max: 100_000, windowMs: 60_000 }, ...options.rateLimits };
  const server = await startServer({ port: 0, db, allowWeakIsolation: true, logger: false, ...options, rateLimits });
  return {
    url: `http://127.0.0.1:${server.port}`,
    db: options.db ?? db,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // Tests read the JSON they expect; a wrong shape fails the assertion that reads it.
  body: any;
}

/** One learner: a client that keeps the cookies the server gives it, like a browser would. */
export class Learner {
  private readonly jar = new Map<string, string>();

  /** The cookie header this learner sends, once the server has given a cookie. */
  get cookie(): string | undefined {
    return this.jar.size ? [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ') : undefined;
  }

  set cookie(header: string | undefined) {
    this.jar.clear();
    for (const pair of header?.split('; ') ?? []) this.keep(pair);
  }

  /** Keeps a `name=value` pair; an empty value (how the server clears a cookie) forgets it. */
  private keep(pair: string): void {
    const at = pair.indexOf('=');
    const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (value) this.jar.set(name, value);
    else this.jar.delete(name);
  }

  /** The value of one cookie this learner holds. */
  cookieValue = (name: string): string | undefined => this.jar.get(name);
  /** Every response body this learner received, for checks over all of them. */
  readonly received: string[] = [];

  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const response = await fetch(this.base + path, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const setCookie of response.headers.getSetCookie()) this.keep(setCookie.split(';')[0]!);
    const text = await response.text();
    this.received.push(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: json };
  }

  get = (path: string) => this.request('GET', path);
  /** The Server-Sent Events at `path`, as this learner. */
  events = (path: string, options: Parameters<typeof readEvents>[3] = {}) => readEvents(this.base, path, this.cookie ?? '', options);
  post = (path: string, body: unknown) => this.request('POST', path, body);
  put = (path: string, body: unknown) => this.request('PUT', path, body);
  delete = (path: string) => this.request('DELETE', path);
}

/** A learner who has opened the catalog, so they hold their cookie before running anything. */
export async function learnerWithCookie(base: string): Promise<Learner> {
  const learner = new Learner(base);
  assert.equal((await learner.get('/api/katas')).status, 200);
  return learner;
}

export interface ServerEvent {
  id: string;
  event: string;
  data: any;
}

/**
 * Reads a Server-Sent Events stream the way a browser's EventSource does, until its `end`
 * event (or until `ms` pass, which fails the test that waits for it).
 */
export async function readEvents(base: string, path: string, cookie: string, options: { lastEventId?: string; ms?: number; onEvent?: (e: ServerEvent) => void } = {}): Promise<ServerEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.ms ?? 20_000);
  try {
    const response = await fetch(base + path, {
      headers: { cookie, accept: 'text/event-stream', ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
      signal: controller.signal,
    });
    assert.equal(response.status, 200, `events answered ${response.status}`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events: ServerEvent[] = [];
    let buffer = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk, { stream: true });
      let blank: number;
      while ((blank = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, blank);
        buffer = buffer.slice(blank + 2);
        const field = (name: string) => block.split('\n').filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trimStart());
        if (field('data').length === 0) continue;
        const event = { id: field('id')[0] ?? '', event: field('event')[0] ?? 'message', data: JSON.parse(field('data').join('\n')) };
        events.push(event);
        options.onEvent?.(event);
        if (event.event === 'end') return events;
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
  }
}

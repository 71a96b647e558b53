// The real app for tests: real port, a temporary SQLite file, the real runner.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type ServerOptions } from '../../apps/server/start.js';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-test-'));
  // Weak isolation is allowed so the suite also runs where bwrap cannot (the jail has its own tests).
  const server = await startServer({ port: 0, db: path.join(dir, 'katabox.db'), allowWeakIsolation: true, logger: false, ...options });
  return {
    url: `http://127.0.0.1:${server.port}`,
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

/** One learner: a client that keeps the cookie the server gives it, like a browser would. */
export class Learner {
  private cookie: string | undefined;
  /** Every response body this learner received, for checks over all of them. */
  readonly received: string[] = [];

  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const response = await fetch(this.base + path, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
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

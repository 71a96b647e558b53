// The web API path for the speed benchmark: a real server on a real port with a temporary
// SQLite file, and learners who each submit and wait for their verdict.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../apps/server/start.js';

export interface ApiBench {
  server: RunningServer;
  /** A new learner (cookie) per benchmark client, so rate limits count each one alone. */
  learner(): Promise<string>;
  close(): Promise<void>;
}

function request(url: string, method: string, cookie: string | undefined, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function startApiBench(concurrency: number): Promise<ApiBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katabox-bench-db-'));
  const many = { max: 1_000_000, windowMs: 60_000 };
  const server = await startServer({
    port: 0,
    db: path.join(dir, 'bench.db'),
    allowWeakIsolation: true,
    runner: { concurrency, queueLimit: 1000 },
    rateLimits: { run: many, submit: many },
    logger: false,
  });
  return {
    server,
    async learner() {
      const res = await request(`${server.url}/api/katas`, 'GET', undefined);
      return String(res.headers['set-cookie']?.[0]?.split(';')[0]);
    },
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Submits and waits for the verdict; returns a problem, or undefined when it passed. */
export async function submit(bench: ApiBench, cookie: string, slug: string, code: string): Promise<string | undefined> {
  const res = await request(`${bench.server.url}/api/katas/${slug}/submissions`, 'POST', cookie, JSON.stringify({ code }));
  if (res.status !== 201) return `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
  const submission = JSON.parse(res.text) as { status: string; result?: { message: string } };
  return submission.status === 'passed' ? undefined : `${submission.status}: ${submission.result?.message}`;
}

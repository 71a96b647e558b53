// A client out to slow, flood or fool the platform, through the real server: what it gets back,
// and that nobody else notices.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request sent exactly as written: fetch would tidy `..` out of the path first. */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawReply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Bytes that are not HTTP, and what the server wrote back before closing. */
function rawBytes(bytes: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

function assertErrorBody(what: string, reply: RawReply, status: number, error: string): void {
  assert.equal(reply.status, status, what);
  assert.match(String(reply.headers['content-type']), /^application\/json/, what);
  assert.deepEqual(Object.keys(JSON.parse(reply.text)), ['error', 'message'], `${what}: ${reply.text.slice(0, 200)}`);
  assert.equal(JSON.parse(reply.text).error, error, what);
  assert.ok(reply.text.length < 500, `${what} answers with ${reply.text.length} characters`);
  assert.match(String(reply.headers['content-security-policy']), /default-src 'self'/, `${what} has the security headers`);
  assert.equal(reply.headers['x-content-type-options'], 'nosniff', what);
}

describe('errors from every layer', () => {
  it('look alike: { error, message }, the fitting status, the security headers, and no long echo of the input', async () => {
    const long = 'a'.repeat(8000);
    const cases: Array<[string, string, string, Record<string, string>, string | undefined, number, string]> = [
      ['router: malformed %-escape', 'GET', '/api/katas/%zz', {}, undefined, 400, 'bad_request'],
      ['router: over-long slug', 'GET', `/api/katas/${long}`, {}, undefined, 414, 'uri_too_long'],
      ['router: no such route', 'GET', `/api/${long}`, {}, undefined, 404, 'not_found'],
      ['static files: climbing out of the assets', 'GET', '/assets/../../package.json', {}, undefined, 403, 'forbidden'],
      ['static files: climbing out, escaped', 'GET', '/assets/%2e%2e/%2e%2e/package.json', {}, undefined, 403, 'forbidden'],
      ['body parser: unknown media type', 'PUT', '/api/katas/hello-server/draft', { 'content-type': `application/${long}` }, '{}', 415, 'unsupported_media_type'],
      ['body parser: not JSON', 'PUT', '/api/katas/hello-server/draft', { 'content-type': 'application/json' }, `{"code": ${long}`, 400, 'bad_request'],
      ['body parser: too large', 'PUT', '/api/katas/hello-server/draft', { 'content-type': 'application/json' }, JSON.stringify({ code: 'x'.repeat(600_000) }), 413, 'payload_too_large'],
    ];
    for (const [what, method, path, headers, body, status, error] of cases) {
      assertErrorBody(what, await rawRequest(method, path, headers, body), status, error);
    }
  });

  it('include requests the HTTP parser rejects', async () => {
    for (const [what, bytes, status] of [
      ['a header line without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400],
      ['20 kB of headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ] as const) {
      const answer = await rawBytes(bytes);
      const [head, body] = answer.split('\r\n\r\n') as [string, string];
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      assertErrorBody(what, { status: Number(statusLine!.split(' ')[1]), headers, text: body }, status, status === 400 ? 'bad_request' : 'headers_too_large');
    }
  });
});

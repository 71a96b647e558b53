import { probe, expect, fail, utf8 } from 'katabox/probe';
import type { Raw, Rand } from 'katabox/probe';

interface Reply {
  statusLine: string;
  headers: Record<string, string>;
  body: string;
}

interface Exchange {
  replies: Reply[];
  /** Whether the server closed the connection before the probe stopped waiting. */
  closed: boolean;
}

/** How long a probe waits on a connection the server may keep open. */
const WAIT_MS = 1500;
/** A connection that ended this long before the wait did was closed by the server. */
const CLOSE_MARGIN_MS = 600;

/** The longest start of `text` that is at most `bytes` long in UTF-8. */
function takeBytes(text: string, bytes: number): string {
  let n = 0;
  let i = 0;
  for (const ch of text) {
    const size = utf8(ch).length;
    if (n + size > bytes) break;
    n += size;
    i += ch.length;
  }
  return text.slice(0, i);
}

/** Splits what came back into responses, checking each one's framing on the way. */
function parseReplies(text: string): Reply[] {
  const replies: Reply[] = [];
  let rest = text;
  while (rest !== '') {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) {
      if (/\n\n/.test(rest)) fail('the reply has no "\\r\\n\\r\\n": in HTTP every line of the head ends with \\r\\n, not just \\n, and a blank line ends the head');
      fail(`the reply's head never ends (no blank line after the headers): ${JSON.stringify(rest.slice(0, 200))}`);
    }
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) fail(`the reply's header line ${JSON.stringify(line)} is not "Name: value"`);
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = headers['content-length'];
    if (length === undefined || !/^\d+$/.test(length)) {
      fail(`a reply (${JSON.stringify(statusLine)}) has no valid Content-Length header: on a connection that stays open, it is how the client knows where the body ends`);
    }
    const after = rest.slice(end + 4);
    const body = takeBytes(after, Number(length));
    if (utf8(body).length < Number(length)) {
      fail(`Content-Length says ${length} bytes but only ${utf8(body).length} followed (${JSON.stringify(body.slice(0, 100))}) — count the body's bytes (Buffer.byteLength), not its characters`);
    }
    replies.push({ statusLine, headers, body });
    rest = after.slice(body.length);
    if (rest !== '' && !rest.startsWith('HTTP/')) {
      fail(`after the ${length} bytes that Content-Length announced, more bytes followed (${JSON.stringify(rest.slice(0, 60))}) — Content-Length must count the body's bytes (Buffer.byteLength), not its characters`);
    }
  }
  return replies;
}

/** Sends bytes on a fresh connection; notes whether the server closed it before the wait ended. */
async function exchange(raw: Raw, bytes: string): Promise<Exchange> {
  const started = Date.now();
  const text = await raw.send(bytes, { timeoutMs: WAIT_MS });
  return { replies: parseReplies(text), closed: Date.now() - started < WAIT_MS - CLOSE_MARGIN_MS };
}

function request(method: string, target: string, headers: Array<[string, string]>, body = ''): string {
  const all = body === '' ? headers : [...headers, ['Content-Length', String(utf8(body).length)] as [string, string]];
  return `${method} ${target} HTTP/1.1\r\n${all.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${body}`;
}

function randomTarget(rand: Rand): string {
  return `/${rand.word(3, 8)}${rand.bool() ? `/${rand.int(1, 999)}` : ''}${rand.bool() ? `?${rand.word(2, 5)}=${rand.word(2, 6)}` : ''}`;
}

function expectCount(replies: Reply[], count: number, hint: string): void {
  expect(replies.length, 'number of responses').toBe(count, hint);
}

function expectOk(reply: Reply, what: string): void {
  expect(reply.statusLine, `status line of ${what}`).toMatch(/^HTTP\/1\.1 200 \S/, 'a status line is "HTTP/1.1 200 OK": the version, the code and a reason phrase, separated by single spaces');
}

function echoOf(reply: Reply, what: string): Record<string, unknown> {
  expect(reply.headers['content-type'], `Content-Type of ${what}`).toHaveContentType('application/json', 'the echo is JSON: Content-Type: application/json');
  try {
    return JSON.parse(reply.body) as Record<string, unknown>;
  } catch {
    fail(`the body of ${what} is not JSON: ${JSON.stringify(reply.body.slice(0, 200))}`);
  }
}

function expectClosed(result: Exchange, hint: string): void {
  expect(result.closed, 'the server closed the connection').toBe(true, hint);
}

probe('status-line', { name: 'a GET gets a well-formed 200 response', weight: 2, visibility: 'sample' }, async ({ raw, rand }) => {
  const target = randomTarget(rand);
  const result = await exchange(raw, request('GET', target, [['Host', 'localhost'], ['Connection', 'close']]));
  expectCount(result.replies, 1, 'one request gets one response (check that the server writes a full head and a body)');
  expectOk(result.replies[0]!, `GET ${target}`);
});

probe('echo-request', { name: 'method, target and headers are parsed', weight: 2, visibility: 'sample' }, async ({ raw, rand }) => {
  const method = rand.pick(['GET', 'DELETE', 'OPTIONS', 'PATCH', 'PURGE']);
  const target = randomTarget(rand);
  const name = `X-${rand.word(3, 6)}-${rand.word(3, 6)}`;
  const value = `${rand.word(2, 6)} ${rand.int(1, 999)}`;
  const agent = `probe/${rand.int(1, 9)}.${rand.int(0, 9)}`;
  const spacing = ' '.repeat(rand.int(0, 2));
  const bytes = `${method} ${target} HTTP/1.1\r\nHost: localhost\r\n${name}:${spacing}${value}${spacing}\r\nUser-Agent: ${agent}\r\nConnection: close\r\n\r\n`;
  const result = await exchange(raw, bytes);
  expectCount(result.replies, 1, 'one request gets one response');
  const reply = result.replies[0]!;
  expectOk(reply, `${method} ${target}`);
  const echo = echoOf(reply, `${method} ${target}`);
  expect(echo.method, 'method').toBe(method, 'the method is the request line up to the first space');
  expect(echo.target, 'target').toBe(target, 'the target is the request line between the two spaces, query string included');
  expect(echo.headers, 'headers').toEqual(
    { host: 'localhost', [name.toLowerCase()]: value, 'user-agent': agent, connection: 'close' },
    'one entry per header line: the name lowercased, the value with the spaces around it trimmed',
  );
  expect(echo.body, 'body').toBe('', 'a request without Content-Length has an empty body');
});

probe('connection-close', { name: 'Connection: close is answered and the connection closed', visibility: 'sample' }, async ({ raw, rand }) => {
  const result = await exchange(raw, request('GET', randomTarget(rand), [['Host', 'localhost'], ['Connection', rand.pick(['close', 'Close'])]]));
  expectCount(result.replies, 1, 'one request gets one response');
  expect(result.replies[0]!.headers['connection']?.toLowerCase(), 'Connection header of the response').toBe('close', 'say so when you are about to close: Connection: close');
  expectClosed(result, 'after a response to "Connection: close", end the socket (socket.end()) instead of waiting for more requests');
});

probe('malformed-400', { name: 'a malformed request line gets 400 and a closed connection', weight: 2, visibility: 'sample' }, async ({ raw, rand, alive, note }) => {
  const target = randomTarget(rand);
  const lines = rand.shuffle([
    rand.word(5, 9).toUpperCase(),
    `GET ${target}`,
    `GET ${target} HTTP/1.1 ${rand.word()}`,
    `${rand.word(3, 6)} ${target} HTTP/1.1`,
    `GET ${target} ${rand.pick(['FTP/1.0', 'HTTP/x', 'HTTP1.1'])}`,
    `GET  ${target} HTTP/1.1`,
  ]);
  for (const line of lines.slice(0, 2)) {
    note(`request line ${JSON.stringify(line)}`);
    const result = await exchange(raw, `${line}\r\nHost: localhost\r\n\r\n`);
    expectCount(result.replies, 1, 'a malformed request still gets exactly one response: 400');
    expect(result.replies[0]!.statusLine, 'status line').toMatch(/^HTTP\/1\.1 400 \S/, 'a request line must be "METHOD target HTTP/1.x" with single spaces and an uppercase method; anything else is "HTTP/1.1 400 Bad Request"');
    expectClosed(result, 'after a 400 the rest of the bytes cannot be trusted: end the connection');
  }
  expect(await alive(), 'server still running').toBe(true, 'a malformed request must not end the process');
});

probe('bad-header-400', { name: 'a header line without a colon gets 400' }, async ({ raw, rand }) => {
  const bytes = `GET ${randomTarget(rand)} HTTP/1.1\r\nHost: localhost\r\n${rand.word(4, 8)} ${rand.word(3, 6)}\r\n\r\n`;
  const result = await exchange(raw, bytes);
  expectCount(result.replies, 1, 'a malformed request gets exactly one response');
  expect(result.replies[0]!.statusLine, 'status line').toMatch(/^HTTP\/1\.1 400 \S/, 'every header line is "Name: value"; a line without a colon is a 400 Bad Request');
  expectClosed(result, 'after a 400, end the connection');
});

probe('body-bytes', { name: 'a body is read by Content-Length, in bytes', weight: 2 }, async ({ raw, rand }) => {
  const body = `${rand.word()} ${rand.pick(['café', 'Zürich', 'naïve', '日本'])} ${rand.pick(['🚀', '🌍'])} ${rand.word()}`;
  const target = randomTarget(rand);
  const result = await exchange(raw, request('POST', target, [['Host', 'localhost'], ['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], body));
  expectCount(result.replies, 1, 'one request gets one response');
  const reply = result.replies[0]!;
  expectOk(reply, `POST ${target}`);
  expect(reply.headers['content-length'], 'Content-Length').toBe(String(utf8(reply.body).length), 'Content-Length counts the bytes of the body (Buffer.byteLength), not its characters');
  expect(echoOf(reply, `POST ${target}`).body, 'body').toBe(body, 'read Content-Length bytes after the blank line and decode them as UTF-8 (collect Buffers, decode once)');
});

probe('keep-alive-pipelined', { name: 'several requests on one connection are answered in order', weight: 2 }, async ({ raw, rand, note }) => {
  const targets = [randomTarget(rand), randomTarget(rand), randomTarget(rand)];
  const body = `${rand.word()}=${rand.int(1, 999)}`;
  const bytes =
    request('GET', targets[0]!, [['Host', 'localhost']]) +
    request('POST', targets[1]!, [['Host', 'localhost']], body) +
    request('GET', targets[2]!, [['Host', 'localhost'], ['Connection', 'close']]);
  note('three requests written at once, the second with a body, the third with Connection: close');
  const result = await exchange(raw, bytes);
  expectCount(
    result.replies,
    3,
    'all three requests arrived in one chunk: after answering one, look for the next in the bytes that are left (and skip exactly Content-Length bytes of body)',
  );
  result.replies.forEach((reply, i) => {
    expectOk(reply, `request ${i + 1}`);
    expect(echoOf(reply, `request ${i + 1}`).target, `target echoed in response ${i + 1}`).toBe(targets[i], 'answer the requests in the order they came');
  });
  expect(result.replies[0]!.headers['connection']?.toLowerCase(), 'Connection header of the first response').toSatisfy(
    (v) => v !== 'close',
    'not "close"',
    'HTTP/1.1 connections stay open unless the client asks to close',
  );
  expectClosed(result, 'the last request said Connection: close: end the socket after answering it');
});

probe('keep-alive-idle', { name: 'an HTTP/1.1 connection stays open after a response' }, async ({ raw, rand }) => {
  const result = await exchange(raw, request('GET', randomTarget(rand), [['Host', 'localhost']]));
  expectCount(result.replies, 1, 'one request gets one response');
  expect(result.closed, 'the server closed the connection').toBe(false, 'HTTP/1.1 is persistent by default: keep the socket open for the next request unless the client sent Connection: close');
});

probe('http10-closes', { name: 'an HTTP/1.0 request is answered and the connection closed' }, async ({ raw, rand }) => {
  const target = randomTarget(rand);
  const result = await exchange(raw, `GET ${target} HTTP/1.0\r\nHost: localhost\r\n\r\n`);
  expectCount(result.replies, 1, 'one request gets one response');
  // Answering an HTTP/1.0 client in its own version is fine too.
  expect(result.replies[0]!.statusLine, `status line of GET ${target} HTTP/1.0`).toMatch(/^HTTP\/1\.[01] 200 \S/, 'an HTTP/1.0 request gets a 200 too, e.g. "HTTP/1.1 200 OK"');
  expectClosed(result, 'HTTP/1.0 closes after each response unless the client sends Connection: keep-alive');
});

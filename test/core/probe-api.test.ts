// The probe API as kata authors use it, through the real runner: probes written for these tests
// against a candidate server that reports what it received.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunResult } from '../../sandbox/index.js';
import { madeUpKata, runCode } from '../support/runs.js';

/** Answers every request with what arrived: each 'data' chunk decoded on its own, the joined bytes, and as hex. */
const echoServer = `import http from 'node:http';
http.createServer((req, res) => {
  const pieces: Buffer[] = [];
  req.on('data', (chunk: Buffer) => pieces.push(chunk));
  req.on('end', () => {
    const all = Buffer.concat(pieces);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ pieces: pieces.length, eachDecoded: pieces.map((p) => p.toString()).join(''), joined: all.toString(), hex: all.toString('hex') }));
  });
}).listen(3000);
`;

async function runProbes(probes: string, code = echoServer): Promise<RunResult> {
  const result = await runCode(madeUpKata(`import { probe, expect, fail, utf8 } from 'katabox/probe';\n${probes}`), code);
  for (const p of result.probes) assert.ok(p.passed, `${p.name}: ${p.message}`);
  assert.equal(result.status, 'passed', result.message);
  return result;
}

const probeNamed = (result: RunResult, name: string) => result.probes.find((p) => p.name === name)!;

describe('probe API: bytes', () => {
  it('sends bytes that cut a UTF-8 character across two chunks, and utf8() encodes as Node does', async () => {
    const result = await runProbes(`
probe('a-character-cut-in-two', { name: 'a character cut in two' }, async ({ http }) => {
  const bytes = utf8('Zürich'); // 'ü' is bytes 1 and 2
  const res = await http.request({ method: 'POST', path: '/', chunks: [bytes.slice(0, 2), bytes.slice(2)], chunkDelayMs: 300 });
  const echo = res.json();
  expect(echo.pieces, 'pieces').toBe(2);
  expect(echo.joined, 'joined').toBe('Zürich');
  expect(echo.eachDecoded, 'each piece decoded alone').toBe('Z\\ufffd\\ufffdrich');
});
probe('utf8-matches-node', { name: 'utf8 matches Node' }, async ({ http }) => {
  const text = 'aé€🚀\\ud800z';
  const asText = (await http.request({ method: 'POST', path: '/', body: text })).json().hex;
  const asBytes = (await http.request({ method: 'POST', path: '/', body: utf8(text) })).json().hex;
  expect(asBytes, 'utf8() sent as bytes').toBe(asText);
  expect(asText, 'text').toBe('61c3a9e282acf09f9a80efbfbd7a');
});
probe('an-array-of-numbers', { name: 'an array of numbers' }, async ({ http }) => {
  const res = await http.request({ method: 'PUT', path: '/bin', body: [0xff, 0, 0x41] });
  expect(res.json().hex, 'hex').toBe('ff0041');
});
probe('raw-bytes', { name: 'raw bytes' }, async ({ raw }) => {
  const head = utf8('POST /raw HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\n');
  const reply = await raw.send([...head, 0xfe, 0xff], { timeoutMs: 2000 });
  expect(reply, 'reply').toContain('"hex":"feff"');
});
probe('partial-body-as-bytes', { name: 'partial body as bytes' }, async ({ http }) => {
  await http.abortMidBody({ path: '/cut', partialBody: utf8('{"ü":'), declaredLength: 40 });
});
probe('not-bytes', { name: 'not bytes' }, async ({ http, note }) => {
  for (const chunks of [[[256]], [{ length: 1 }]]) {
    try {
      await http.request({ method: 'POST', path: '/', chunks: chunks as any });
      fail('a chunk that is neither text nor bytes was sent');
    } catch (err) {
      note((err as Error).message);
    }
  }
});
`);
    const exchanges = (name: string) => probeNamed(result, name).exchanges ?? [];
    const binary = exchanges('an array of numbers')[0]!;
    assert.equal(binary.request.curl, `printf '\\377\\000A' | curl -i -X PUT 'http://localhost:3000/bin' --data-binary @-`);
    assert.match(binary.request.body, /3 bytes, not valid UTF-8/);
    assert.match(exchanges('raw bytes')[0]!.request.curl, /^printf 'POST \/raw HTTP\/1\.1\\015\\012Host: x\\015\\012.*\\376\\377' \| nc localhost 3000$/);
    assert.equal(exchanges('partial body as bytes')[0]!.note, 'the client sent 6 of 40 announced bytes, then disconnected');
    assert.equal(exchanges('a character cut in two')[0]!.request.body, 'Zürich');
    const refusals = probeNamed(result, 'not bytes').message.split('\n');
    assert.deepEqual(refusals, [
      'probe script error: chunks[0] must be a string or bytes (a Uint8Array, or an array of numbers from 0 to 255)',
      'probe script error: chunks[0] must be a string or bytes (a Uint8Array, or an array of numbers from 0 to 255)',
    ]);
  });
});

/** A server that streams: /slow ends after a pause, /events never ends, /quiet never answers, /closed counts the streams clients closed. */
const streamingServer = `import http from 'node:http';
let closedStreams = 0;
http.createServer((req, res) => {
  if (req.url === '/slow') {
    res.write('first\\n');
    setTimeout(() => res.end('second\\n'), 800);
  } else if (req.url === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    let n = 0;
    const timer = setInterval(() => res.write('data: ' + ++n + '\\n\\n'), 150);
    res.on('close', () => {
      clearInterval(timer);
      closedStreams++;
    });
  } else if (req.url === '/closed') {
    res.end(String(closedStreams));
  } else if (req.url !== '/quiet') {
    res.end('done');
  }
}).listen(3000);
`;

describe('probe API: response timing and streams', () => {
  it('records when headers and each chunk arrived, and reads a stream that never ends for a bounded time', async () => {
    const result = await runProbes(`
probe('a-response-that-trickles', { name: 'a response that trickles' }, async ({ http }) => {
  const res = await http.get('/slow');
  expect(res.body, 'body').toBe('first\\nsecond\\n');
  expect(res.chunks.map((c) => c.text), 'chunks').toEqual(['first\\n', 'second\\n']);
  expect(res.chunks.map((c) => c.bytes), 'chunk sizes').toEqual([6, 7]);
  const [first, second] = res.chunks;
  expect(res.headersAt <= first!.at, 'headers before the first chunk').toBe(true);
  expect(second!.at - first!.at >= 500, 'the pause between the chunks: ' + (second!.at - first!.at) + ' ms').toBe(true);
  expect(res.endedAt! >= second!.at, 'ended after the last chunk').toBe(true);
});
probe('events-until-a-text', { name: 'events until a text' }, async ({ http }) => {
  const res = await http.request({ path: '/events', readUntil: { text: 'data: 3\\n\\n', ms: 5000 } });
  expect(res.status, 'status').toBe(200);
  expect(res.endedAt, 'endedAt').toBe(null);
  expect(res.body, 'body').toBe('data: 1\\n\\ndata: 2\\n\\ndata: 3\\n\\n');
});
probe('events-for-a-while', { name: 'events for a while' }, async ({ http, sleep }) => {
  const res = await http.request({ path: '/events', readUntil: { ms: 1000 } });
  expect(res.endedAt, 'endedAt').toBe(null);
  expect(res.body, 'body').toMatch(/^data: 1\\n\\n/);
  await sleep(300);
  expect((await http.get('/closed')).body, 'streams the server saw closed').toBe('2');
});
probe('readuntil-on-a-response-that-ends', { name: 'readUntil on a response that ends' }, async ({ http }) => {
  const res = await http.request({ path: '/done', readUntil: { text: 'never sent', ms: 2000 } });
  expect(res.body, 'body').toBe('done');
  expect(typeof res.endedAt, 'endedAt').toBe('number');
});
probe('readuntil-without-headers', { name: 'readUntil without headers' }, async ({ http, note }) => {
  try {
    await http.request({ path: '/quiet', readUntil: { ms: 500 } });
    fail('a server that never answered gave a response');
  } catch (err) {
    note((err as Error).message);
  }
  try {
    await http.request({ path: '/done', timeoutMs: 1000, readUntil: { ms: 500 } });
  } catch (err) {
    note((err as Error).message);
  }
});
`, streamingServer);
    const events = probeNamed(result, 'events until a text').exchanges![0]!;
    assert.match(events.note ?? '', /^the probe read the response for \d+ ms \(until "data: 3\\n\\n" or 5000 ms\), then closed the connection$/);
    assert.equal(events.response?.body, 'data: 1\n\ndata: 2\n\ndata: 3\n\n');
    assert.deepEqual(probeNamed(result, 'readUntil without headers').message.split('\n'), [
      'no response within 0.5 s — the status line and headers go out with the first write, or at once with res.flushHeaders()',
      'probe script error: give timeoutMs or readUntil, not both: readUntil.ms bounds the whole read',
    ]);
  });
});

/** Shuts down gracefully on SIGTERM: answers the request in flight, then exits. */
const gracefulServer = `import http from 'node:http';
const server = http.createServer((req, res) => {
  if (req.url === '/slow') setTimeout(() => res.end('finished'), 800);
  else res.end('quick');
});
server.listen(3000);
process.on('SIGTERM', () => {
  console.log('got SIGTERM');
  server.close(() => console.log('closed'));
});
`;

describe('probe API: signals', () => {
  it("delivers SIGTERM to the candidate's own handler: the request in flight finishes, then the process exits, and the run is not a crash", async () => {
    const result = await runProbes(`
probe('graceful-shutdown', { name: 'graceful shutdown' }, async ({ http, sleep, signal, alive }) => {
  const slow = http.get('/slow');
  await sleep(300);
  await signal('SIGTERM');
  const res = await slow;
  expect(res.body, 'the request in flight').toBe('finished');
  for (let i = 0; i < 30 && (await alive()); i++) await sleep(100);
  expect(await alive(), 'still running').toBe(false);
});
`, gracefulServer);
    assert.equal(result.logs.stdout, 'got SIGTERM\nclosed\n');
  });

  it('ends a server without a handler at once, and refuses other signals', async () => {
    const result = await runProbes(`
probe('sigint', { name: 'SIGINT' }, async ({ http, sleep, signal, alive, note }) => {
  for (const name of ['SIGKILL', 'SIGUSR1']) {
    try {
      await signal(name as any);
      fail(name + ' was sent');
    } catch (err) {
      note((err as Error).message);
    }
  }
  expect(await alive(), 'alive before SIGINT').toBe(true);
  const slow = http.get('/slow');
  await sleep(300);
  await signal('SIGINT');
  try {
    await slow;
    fail('the request in flight was answered');
  } catch (err) {
    note((err as Error).message);
  }
  for (let i = 0; i < 30 && (await alive()); i++) await sleep(100);
  expect(await alive(), 'still running').toBe(false);
  try {
    await signal('SIGTERM');
  } catch (err) {
    note((err as Error).message);
  }
});
`, gracefulServer.replace(/process\.on[^]*$/, ''));
    assert.deepEqual(result.probes[0]!.message.split('\n'), [
      'probe script error: signal must be one of SIGTERM, SIGINT',
      'probe script error: signal must be one of SIGTERM, SIGINT',
      'the connection was closed without a response after the server process was sent SIGINT',
      'the server process is not running, so it could not be sent SIGTERM',
    ]);
  });
});

/** Answers with the Content-Type its query asks for (none when the query is empty). */
const contentTypeServer = `import http from 'node:http';
http.createServer((req, res) => {
  const type = decodeURIComponent((req.url ?? '').split('?')[1] ?? '');
  if (type) res.setHeader('content-type', type);
  res.end('{}');
}).listen(3000);
`;

describe('probe API: shared helpers', () => {
  it('draws random paths and checks media types, parameters allowed', async () => {
    const result = await runProbes(`
probe('paths', { name: 'paths' }, async ({ rand }) => {
  const counts = new Set<number>();
  for (let i = 0; i < 60; i++) {
    const path = rand.path();
    expect(path, 'rand.path()').toMatch(/^(\\/[a-z]{3,8}){1,3}$/);
    counts.add(path.split('/').length - 1);
    expect(rand.path(2, 2).split('/').length, 'segments of rand.path(2, 2) plus one').toBe(3);
  }
  expect([...counts].sort(), 'segment counts seen').toEqual([1, 2, 3]);
});
probe('content-types', { name: 'content types' }, async ({ http, note }) => {
  for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/json ;charset=utf-8', 'application/jsonp', 'text/json', '']) {
    const res = await http.get('/?' + encodeURIComponent(type));
    try {
      expect(res, 'Content-Type').toHaveContentType('application/json', 'say it is JSON');
      note('accepted ' + JSON.stringify(type));
    } catch (err) {
      note((err as Error).message);
    }
  }
  expect('text/plain;charset=utf-8', 'a header value').toHaveContentType('text/plain');
});
`, contentTypeServer);
    assert.deepEqual(probeNamed(result, 'content types').message.split('\n'), [
      'accepted "application/json"',
      'accepted "Application/JSON; charset=utf-8"',
      'accepted "application/json ;charset=utf-8"',
      'Content-Type: expected application/json (parameters such as "; charset=utf-8" may follow), got "application/jsonp" — say it is JSON',
      'Content-Type: expected application/json (parameters such as "; charset=utf-8" may follow), got "text/json" — say it is JSON',
      'Content-Type: expected application/json (parameters such as "; charset=utf-8" may follow), got nothing — say it is JSON',
    ]);
  });
});

describe('probe scripts', () => {
  it('refuse top-level await, which their Isolate cannot load', async () => {
    const result = await runCode(madeUpKata(`import { probe } from 'katabox/probe';\nawait Promise.resolve();\nprobe('never', { name: 'never' }, async () => {});\n`), echoServer);
    assert.equal(result.status, 'error');
    assert.match(result.message, /probes\.ts uses top-level await: await inside probe\(\.\.\.\) functions only/);
  });
});

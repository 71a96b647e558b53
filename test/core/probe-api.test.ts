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

describe('probe API: paths', () => {
  it('refuses a path with characters outside ASCII, which Node would send as latin1 bytes and answer 400, and says to percent-encode it', async () => {
    const result = await runProbes(`
probe('non-ascii-paths', { name: 'non-ASCII paths' }, async ({ http, note }) => {
  for (const path of ['/hello?x=Zoë', '/caf\\u00e9', '/price/€']) {
    try {
      await http.get(path);
      fail(path + ' was sent');
    } catch (err) {
      note((err as Error).message);
    }
  }
  const encoded = await http.get('/hello?x=' + encodeURIComponent('Zoë'));
  expect(encoded.status, 'status of the percent-encoded path').toBe(200);
});
`);
    assert.deepEqual(probeNamed(result, 'non-ASCII paths').message.split('\n'), [
      'probe script error: path "/hello?x=Zoë" contains characters outside ASCII: percent-encode them (encodeURIComponent(\'é\') is \'%C3%A9\')',
      'probe script error: path "/café" contains characters outside ASCII: percent-encode them (encodeURIComponent(\'é\') is \'%C3%A9\')',
      'probe script error: path "/price/€" contains characters outside ASCII: percent-encode them (encodeURIComponent(\'é\') is \'%C3%A9\')',
    ]);
  });
});

/** Never answers /hang; answers /slow after 800 ms and everything else at once. */
const hangingServer = `import http from 'node:http';
http.createServer((req, res) => {
  if (req.url === '/slow') setTimeout(() => res.end('slow'), 800);
  else if (req.url !== '/hang') res.end('ok');
}).listen(3000);
`;

describe('probe API: request deadlines after a hang', () => {
  it('waits less while requests go unanswered, but not so little that a slow answer after one hang fails, and the full time again once the server answers', async () => {
    const get = (id: string, path: string) => `probe('${id}', { name: '${id}' }, async ({ http }) => {
  expect((await http.get('${path}')).status, 'status').toBe(200);
});
`;
    const probes = [
      get('hang', '/hang'),
      get('slow-after-a-hang', '/slow'),
      get('hang-after-an-answer', '/hang'),
      get('hang-again', '/hang'),
      get('hang-a-third-time', '/hang'),
      get('slow-after-three-hangs', '/slow'),
      // Its own deadline, so that a loaded machine cannot fail it; the answer still counts.
      `probe('ok-after-three-hangs', { name: 'ok-after-three-hangs' }, async ({ http }) => {
  expect((await http.request({ path: '/ok', timeoutMs: 3000 })).status, 'status').toBe(200);
});
`,
      get('hang-after-the-ok', '/hang'),
    ];
    const result = await runCode(madeUpKata(`import { probe, expect } from 'katabox/probe';\n${probes.join('')}`, { wallMs: 30_000 }), hangingServer);
    assert.deepEqual(
      result.probes.map((p) => [p.id, p.passed, p.message]),
      [
        ['hang', false, 'no response within 2 s — does every code path call res.end()?'],
        ['slow-after-a-hang', true, ''],
        ['hang-after-an-answer', false, 'no response within 2 s — does every code path call res.end()?'],
        ['hang-again', false, 'no response within 1.5 s — does every code path call res.end()?'],
        ['hang-a-third-time', false, 'no response within 0.5 s — does every code path call res.end()?'],
        ['slow-after-three-hangs', false, 'no response within 0.5 s — does every code path call res.end()?'],
        ['ok-after-three-hangs', true, ''],
        ['hang-after-the-ok', false, 'no response within 2 s — does every code path call res.end()?'],
      ],
    );
  });
});

/** /cut writes one row, then destroys the response; /open writes and never ends; /done answers at once. */
const cuttingServer = `import http from 'node:http';
http.createServer((req, res) => {
  if (req.url === '/cut') {
    res.writeHead(200);
    res.write('row 1\\n');
    setTimeout(() => res.destroy(), 50);
  } else if (req.url === '/open') {
    res.writeHead(200);
    res.write('open\\n');
  } else {
    res.end('done');
  }
}).listen(3000);
`;

describe('probe API: how a response ended', () => {
  it('says at once when the server cut a response off, apart from the probe stopping reading and from a time-out', async () => {
    const result = await runProbes(`
probe('cut-off', { name: 'cut off', timeoutMs: 20000 }, async ({ http, note }) => {
  try {
    await http.request({ path: '/cut', timeoutMs: 8000 });
    fail('a response cut off resolved');
  } catch (err) {
    note((err as Error).message);
  }
});
probe('cut-off-while-reading', { name: 'cut off while reading', timeoutMs: 20000 }, async ({ http }) => {
  const res = await http.request({ path: '/cut', readUntil: { ms: 8000 } });
  expect(res.ended, 'ended').toBe('cut-off');
  expect(res.body, 'body').toBe('row 1\\n');
  expect(typeof res.endedAt, 'endedAt').toBe('number');
});
probe('stopped-and-complete', { name: 'stopped and complete' }, async ({ http }) => {
  const open = await http.request({ path: '/open', readUntil: { ms: 300 } });
  expect(open.ended, 'ended when the probe stopped').toBe('stopped');
  expect(open.endedAt, 'endedAt when the probe stopped').toBe(null);
  const done = await http.request({ path: '/done', readUntil: { ms: 2000 } });
  expect(done.ended, 'ended when complete').toBe('complete');
  expect((await http.get('/done')).ended, 'ended of a plain request').toBe('complete');
});
probe('raw-closed-or-timed-out', { name: 'raw closed or timed out', timeoutMs: 20000 }, async ({ raw }) => {
  const cut = await raw.request('GET /cut HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n', { timeoutMs: 8000 });
  expect(cut.closedBy, 'closedBy when the server closed').toBe('server');
  expect(cut.text, 'text').toMatch(/^HTTP\\/1\\.1 200 OK\\r\\n[^]*row 1\\n/);
  const open = await raw.request('GET /open HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n', { timeoutMs: 300 });
  expect(open.closedBy, 'closedBy when the time ran out').toBe('timeout');
  expect(await raw.send('GET /done HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n'), 'send').toMatch(/\\r\\n\\r\\ndone$/);
});
`, cuttingServer);
    const cut = probeNamed(result, 'cut off');
    assert.equal(cut.message, 'the server closed the connection after 6 bytes of the body, before the response ended');
    assert.equal(cut.exchanges![0]!.response?.body, 'row 1\n');
    assert.equal(cut.exchanges![0]!.note, 'the server closed the connection after 6 bytes of the body, before the response ended');
    // Cut off after about 50 ms: far less than the 8 s the request and the read would have waited.
    for (const name of ['cut off', 'cut off while reading', 'raw closed or timed out']) assert.ok(probeNamed(result, name).durationMs < 4000, `${name}: ${probeNamed(result, name).durationMs} ms`);
    const raws = probeNamed(result, 'raw closed or timed out').exchanges!;
    assert.deepEqual(raws.map((e) => e.note), ['the server closed the connection', 'the connection was still open after 0.3 s, so the probe closed it', 'the server closed the connection']);
  });

  it('says the process exited when a crash cut the response off, and the next probe runs on a restarted server', async () => {
    const crashing = `import http from 'node:http';
http.createServer((req, res) => {
  res.writeHead(200);
  res.write('row 1\\n');
  if (req.url === '/crash') setTimeout(() => { throw new Error('the cursor broke'); }, 50);
  else res.end('row 2\\n');
}).listen(3000);
`;
    const get = (id: string, path: string) => `probe('${id}', { name: '${id}' }, async ({ http }) => {
  expect((await http.get('${path}')).body, 'body').toBe('row 1\\nrow 2\\n');
});
`;
    const result = await runCode(madeUpKata(`import { probe, expect } from 'katabox/probe';\n${get('crash', '/crash')}${get('after', '/')}`), crashing);
    assert.equal(result.status, 'crashed');
    assert.deepEqual(
      result.probes.map((p) => [p.id, p.passed, p.message, p.restarted ?? false]),
      [
        ['crash', false, 'the server closed the connection after 6 bytes of the body, before the response ended — the server process exited (see its stderr)', false],
        ['after', true, '', true],
      ],
    );
  });
});

// The probe API as kata authors use it, through the real runner: probes written for these tests
// against a candidate server that reports what it received.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunResult } from '../../sandbox/index.js';
import { kataWithProbes } from '../support/katas.js';
import { runCode } from '../support/runs.js';

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
  const result = await runCode('hello-server', code, { kataDir: kataWithProbes(`import { probe, expect, fail, utf8 } from 'katabox/probe';\n${probes}`) });
  for (const p of result.probes) assert.ok(p.passed, `${p.name}: ${p.message}`);
  assert.equal(result.status, 'passed', result.message);
  return result;
}

const probeNamed = (result: RunResult, name: string) => result.probes.find((p) => p.name === name)!;

describe('probe API: bytes', () => {
  it('sends bytes that cut a UTF-8 character across two chunks, and utf8() encodes as Node does', async () => {
    const result = await runProbes(`
probe('a character cut in two', async ({ http }) => {
  const bytes = utf8('Zürich'); // 'ü' is bytes 1 and 2
  const res = await http.request({ method: 'POST', path: '/', chunks: [bytes.slice(0, 2), bytes.slice(2)], chunkDelayMs: 300 });
  const echo = res.json();
  expect(echo.pieces, 'pieces').toBe(2);
  expect(echo.joined, 'joined').toBe('Zürich');
  expect(echo.eachDecoded, 'each piece decoded alone').toBe('Z\\ufffd\\ufffdrich');
});
probe('utf8 matches Node', async ({ http }) => {
  const text = 'aé€🚀\\ud800z';
  const asText = (await http.request({ method: 'POST', path: '/', body: text })).json().hex;
  const asBytes = (await http.request({ method: 'POST', path: '/', body: utf8(text) })).json().hex;
  expect(asBytes, 'utf8() sent as bytes').toBe(asText);
  expect(asText, 'text').toBe('61c3a9e282acf09f9a80efbfbd7a');
});
probe('an array of numbers', async ({ http }) => {
  const res = await http.request({ method: 'PUT', path: '/bin', body: [0xff, 0, 0x41] });
  expect(res.json().hex, 'hex').toBe('ff0041');
});
probe('raw bytes', async ({ raw }) => {
  const head = utf8('POST /raw HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\n');
  const reply = await raw.send([...head, 0xfe, 0xff], { timeoutMs: 2000 });
  expect(reply, 'reply').toContain('"hex":"feff"');
});
probe('partial body as bytes', async ({ http }) => {
  await http.abortMidBody({ path: '/cut', partialBody: utf8('{"ü":'), declaredLength: 40 });
});
probe('not bytes', async ({ http, note }) => {
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

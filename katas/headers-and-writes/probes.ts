import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

const TEXT_TYPE = /^text\/plain\s*(;|$)/i;

function randomItems(rand: Rand, min: number, max: number): string[] {
  return Array.from({ length: rand.int(min, max) }, () => rand.word(3, 9));
}

function listPath(items: string[]): string {
  return items.length === 0 ? '/list' : `/list?${items.map((item) => `item=${encodeURIComponent(item)}`).join('&')}`;
}

function expectedBody(items: string[]): string {
  return items.map((item, i) => `${i + 1}. ${item}\n`).join('');
}

async function getList(http: Http, items: string[], headers?: Record<string, string>): Promise<HttpResponse> {
  const res = await http.get(listPath(items), headers);
  expect(res.status, 'status').toBe(200, 'GET /list answers 200');
  return res;
}

/** A response read off the socket as the server sent it, chunk frames included. */
interface WireResponse {
  head: string;
  headers: Record<string, string>;
  chunks: string[] | undefined;
  finished: boolean;
}

/** Parses a raw HTTP/1.1 response; `chunks` is undefined when the body is not chunked. ASCII bodies only (sizes count bytes). */
function parseWire(text: string): WireResponse {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) fail(`the server sent no complete response head; it sent ${JSON.stringify(text.slice(0, 200))}`);
  const head = text.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (!/chunked/i.test(headers['transfer-encoding'] ?? '')) return { head, headers, chunks: undefined, finished: true };
  const chunks: string[] = [];
  let rest = text.slice(end + 4);
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) return { head, headers, chunks, finished: false };
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (Number.isNaN(size)) fail(`a chunk size line is not hexadecimal: ${JSON.stringify(rest.slice(0, 40))}`);
    if (size === 0) return { head, headers, chunks, finished: true };
    if (rest.length < lineEnd + 2 + size + 2) return { head, headers, chunks, finished: false };
    chunks.push(rest.slice(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

probe('not-found', { name: 'anything else gets 404 Not Found', visibility: 'sample' }, async ({ http, rand, note }) => {
  const requests: Array<[string, string]> = [
    ['GET', rand.pick([`/${rand.word(3, 8)}`, `/list/${rand.word(3, 6)}`, '/lists'])],
    [rand.pick(['POST', 'PUT', 'DELETE']), `/list?item=${rand.word()}`],
  ];
  for (const [method, path] of requests) {
    note(`${method} ${path}`);
    const res = await http.request({ method, path });
    expect(res.status, `status for ${method} ${path}`).toBe(404, 'only GET /list exists');
    expect(res.headers['content-type'], 'Content-Type').toMatch(TEXT_TYPE, 'the 404 is plain text');
    expect(res.body, 'body').toBe('Not Found\n', 'exactly "Not Found" and a newline');
  }
});

probe('list-ok', { name: 'GET /list answers 200 text/plain', visibility: 'sample' }, async ({ http, rand }) => {
  const res = await getList(http, randomItems(rand, 2, 4));
  expect(res.headers['content-type'], 'Content-Type').toMatch(TEXT_TYPE, "the list is plain text: 'Content-Type': 'text/plain; charset=utf-8'");
});

probe('list-lines', { name: 'the body numbers the items, one line each', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const items = randomItems(rand, 3, 6);
  note(`GET ${listPath(items)}`);
  const res = await getList(http, items);
  expect(res.body, 'body').toBe(expectedBody(items), 'one line per item, in the order of the query: "1. <item>\\n", "2. <item>\\n", …');
});

probe('item-count', { name: 'X-Item-Count says how many lines follow', visibility: 'sample' }, async ({ http, rand, note }) => {
  for (const items of rand.shuffle([randomItems(rand, 1, 6), []])) {
    note(`GET ${listPath(items)}`);
    const res = await getList(http, items);
    expect(res.headers['x-item-count'], 'X-Item-Count').toBe(
      String(items.length),
      'the number of items, known before the first line is written (headers go out first)',
    );
    expect(res.body, 'body').toBe(expectedBody(items), items.length === 0 ? 'no items, no lines: an empty body' : 'one line per item');
  }
});

probe('streamed', { name: 'the lines are streamed, chunked, then ended', weight: 2, visibility: 'sample' }, async ({ raw, rand, note }) => {
  const items = randomItems(rand, 3, 6);
  const path = listPath(items);
  note(`GET ${path}, read off the socket to see how the body was framed`);
  const wire = parseWire(await raw.send(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, { timeoutMs: 2000 }));
  expect(wire.head.split('\r\n')[0], 'status line').toMatch(/^HTTP\/1\.1 200 /, 'GET /list answers 200');
  if (wire.headers['content-length'] !== undefined) {
    fail(
      `the reply carried Content-Length: ${wire.headers['content-length']}, so its body was handed over in one finished piece — ` +
        'write each line with its own res.write() and finish with res.end(), without setting Content-Length',
    );
  }
  if (wire.chunks === undefined) fail('the body is neither chunked nor framed by Content-Length: write the lines with res.write() and let Node choose chunked encoding');
  if (!wire.finished) {
    fail(`${wire.chunks.length} chunk(s) arrived, then the final empty chunk never came — the reply was not finished: does the handler call res.end()?`);
  }
  // How many chunks the lines come in is Node's choice: newer versions join writes made in the
  // same moment into one chunk. What the lesson is about shows in the framing above.
  expect(wire.chunks.join(''), 'body').toBe(expectedBody(items), 'one line per item');
});

probe('cache-control', { name: 'Cache-Control: no-cache everywhere, no-store on the list', weight: 2 }, async ({ http, rand, note }) => {
  const items = randomItems(rand, 1, 4);
  note(`GET ${listPath(items)}`);
  const list = await getList(http, items);
  expect(list.headers['cache-control'], 'Cache-Control on /list').toBe(
    'no-store',
    list.headers['cache-control'] === 'no-cache'
      ? 'the shared no-cache reached the list: when setHeader and writeHead both name a header, the value given to writeHead is the one sent'
      : 'the list says Cache-Control: no-store, replacing the shared no-cache',
  );
  const path = `/${rand.word(3, 8)}`;
  note(`GET ${path}`);
  const missing = await http.get(path);
  expect(missing.headers['cache-control'], 'Cache-Control on the 404').toBe('no-cache', 'every other response carries the shared Cache-Control: no-cache');
});

probe('request-id', { name: 'X-Request-Id comes back on every response', weight: 2 }, async ({ http, rand, note }) => {
  const id = `${rand.word(4, 6)}-${rand.int(1000, 9999)}-${rand.word(4, 6)}`;
  const headerName = rand.pick(['X-Request-Id', 'x-request-id', 'X-REQUEST-ID']);
  const items = randomItems(rand, 1, 3);
  note(`GET ${listPath(items)} with ${headerName}: ${id}`);
  const list = await getList(http, items, { [headerName]: id });
  expect(list.headers['x-request-id'], 'X-Request-Id on /list').toBe(id, 'repeat the X-Request-Id the request carried');
  const path = `/${rand.word(3, 8)}`;
  note(`GET ${path} with ${headerName}: ${id}`);
  const missing = await http.get(path, { [headerName]: id });
  expect(missing.headers['x-request-id'], 'X-Request-Id on the 404').toBe(id, 'every response repeats it, the 404 too: stage it once, before routing');
  note(`GET ${path} without X-Request-Id`);
  const plain = await http.get(path);
  expect(plain.headers['x-request-id'], 'X-Request-Id when none was sent').toBe(undefined, 'no X-Request-Id in the request, none in the response');
});

probe('items-decoded', { name: 'items are decoded from the query string' }, async ({ http, rand, note }) => {
  const a = rand.word(3, 6);
  const b = rand.word(3, 6);
  const cases: Array<[encoded: string, decoded: string]> = rand.shuffle<[string, string]>([
    [`${a}+${b}`, `${a} ${b}`],
    [`${a}%20${b}`, `${a} ${b}`],
    [`${a}%26${b}`, `${a}&${b}`],
    [`caf%C3%A9%20${b}`, `café ${b}`],
    [`${a}%2C${b}`, `${a},${b}`],
  ]).slice(0, 3);
  const path = `/list?${cases.map(([encoded]) => `item=${encoded}`).join('&')}`;
  note(`GET ${path}`);
  const res = await http.get(path);
  expect(res.status, 'status').toBe(200);
  expect(res.body, 'body').toBe(
    expectedBody(cases.map(([, decoded]) => decoded)),
    "items are query values: '+' is a space and %XX escapes are decoded (URLSearchParams.getAll does both)",
  );
});

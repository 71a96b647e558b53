import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

const INVALID_HOST = { error: 'invalid Host header' };

/** A request target of plain segments and a query, the same whether or not a URL parser normalises it. */
function target(rand: Rand): string {
  const segments = Array.from({ length: rand.int(1, 3) }, () => (rand.bool() ? rand.word(3, 8) : String(rand.int(1, 9999))));
  const query = rand.bool() ? `?${rand.word(2, 6)}=${rand.word(2, 6)}&${rand.word(2, 6)}=${rand.int(0, 99)}` : '';
  return `/${segments.join('/')}${query}`;
}

function hostName(rand: Rand): string {
  return `${rand.word(3, 8)}.${rand.pick(['example', 'test', 'shop.example', 'api.test'])}`;
}

/** A port that no URL serialiser drops (never 80 or 443). */
function port(rand: Rand): number {
  return rand.int(1025, 65000);
}

/** Sends Host exactly as given (and X-Forwarded-Proto when given), in one of several header spellings. */
function ask(http: Http, rand: Rand, path: string, host: string, proto?: string): Promise<HttpResponse> {
  const headers: Record<string, string> = { [rand.pick(['Host', 'host'])]: host };
  if (proto !== undefined) headers[rand.pick(['X-Forwarded-Proto', 'x-forwarded-proto', 'X-FORWARDED-PROTO'])] = proto;
  return http.request({ path, headers });
}

function urlOf(res: HttpResponse, what: string): unknown {
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "every answer is JSON: { 'Content-Type': 'application/json' }");
  const data = res.json<unknown>();
  expect(res.status, `status for ${what}`).toBe(200, JSON.stringify(data) === JSON.stringify(INVALID_HOST) ? 'this Host header is valid: a name or IPv4 address with an optional :port from 1 to 65535' : 'a valid Host answers 200');
  if (data === null || typeof data !== 'object' || !('url' in data)) fail(`${what}: the body should be { "url": "..." }, got ${res.body}`);
  return (data as { url: unknown }).url;
}

function expectUrl(res: HttpResponse, what: string, expected: string, hint: string): void {
  expect(urlOf(res, what), `url for ${what}`).toBe(expected, hint);
}

function expectInvalidHost(res: HttpResponse, what: string, hint: string): void {
  expect(res.status, `status for ${what}`).toBe(400, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('application/json', "every answer is JSON: { 'Content-Type': 'application/json' }");
  expect(res.json<unknown>(), `body for ${what}`).toEqual(INVALID_HOST, hint);
}

/** Status line, Content-Type and body (chunked framing removed) of a raw HTTP/1.x reply. */
function parseRaw(reply: string): { statusLine: string; type: string | undefined; body: string } {
  const split = reply.indexOf('\r\n\r\n');
  const lines = (split === -1 ? reply : reply.slice(0, split)).split('\r\n');
  const header = (name: string) => {
    const line = lines.find((l) => l.toLowerCase().startsWith(`${name}:`));
    return line?.slice(name.length + 1).trim();
  };
  let body = split === -1 ? '' : reply.slice(split + 4);
  if (/chunked/i.test(header('transfer-encoding') ?? '')) {
    let rest = body;
    body = '';
    for (;;) {
      const eol = rest.indexOf('\r\n');
      const size = eol === -1 ? 0 : parseInt(rest.slice(0, eol), 16);
      if (!(size > 0)) break;
      body += rest.slice(eol + 2, eol + 2 + size); // sizes count bytes; these bodies are ASCII
      rest = rest.slice(eol + 2 + size + 2);
    }
  }
  return { statusLine: lines[0] ?? '', type: header('content-type'), body };
}

probe('plain-host', { name: 'no X-Forwarded-Proto: http://<host><path>', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const cases = [hostName(rand), `${hostName(rand)}:${port(rand)}`, `127.0.0.1:${port(rand)}`];
  for (const host of cases) {
    const path = target(rand);
    note(`GET ${path} with Host: ${host}`);
    expectUrl(await ask(http, rand, path, host), `GET ${path} (Host: ${host})`, `http://${host}${path}`, 'without X-Forwarded-Proto the scheme is http; then the Host header, then req.url exactly as received');
  }
});

probe('forwarded-https', { name: 'X-Forwarded-Proto: https gives https://', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const host = rand.bool() ? hostName(rand) : `${hostName(rand)}:${port(rand)}`;
  const path = target(rand);
  note(`GET ${path} with Host: ${host} and X-Forwarded-Proto: https`);
  expectUrl(await ask(http, rand, path, host, 'https'), `GET ${path}`, `https://${host}${path}`, 'the proxy says the client used https: the URL starts with https://');
  const plain = target(rand);
  note(`GET ${plain} with Host: ${host} and X-Forwarded-Proto: http`);
  expectUrl(await ask(http, rand, plain, host, 'http'), `GET ${plain}`, `http://${host}${plain}`, 'X-Forwarded-Proto: http gives http://');
});

probe('host-lowercased', { name: 'the host is lowercased', weight: 1 }, async ({ http, rand, note }) => {
  const name = hostName(rand);
  const mixed = Array.from(name, (c, i) => (i === 0 || rand.bool() ? c.toUpperCase() : c)).join('');
  const host = rand.bool() ? mixed : `${mixed}:${port(rand)}`;
  const proto = rand.pick(['http', 'https']);
  const path = target(rand);
  note(`GET ${path} with Host: ${host} and X-Forwarded-Proto: ${proto}`);
  expectUrl(
    await ask(http, rand, path, host, proto),
    `GET ${path}`,
    `${proto}://${host.toLowerCase()}${path}`,
    'host names are case-insensitive and URLs write them in lowercase: lowercase the Host header (the path keeps its case)',
  );
});

probe('proto-variants', { name: 'X-Forwarded-Proto: casing, spaces and lists', weight: 2 }, async ({ http, rand, note }) => {
  const host = hostName(rand);
  const cases = rand.shuffle<[string, string]>([
    ['HTTPS', 'https'],
    [' https ', 'https'],
    ['https, http', 'https'],
    ['https,http,http', 'https'],
    ['Http, https', 'http'],
  ]);
  for (const [proto, scheme] of cases) {
    const path = target(rand);
    note(`GET ${path} with X-Forwarded-Proto: ${JSON.stringify(proto)}`);
    expectUrl(
      await ask(http, rand, path, host, proto),
      `GET ${path} (X-Forwarded-Proto: ${JSON.stringify(proto)})`,
      `${scheme}://${host}${path}`,
      'take the first comma-separated value (the client-facing proxy wrote it), trim it and lowercase it',
    );
  }
});

probe('bad-proto-ignored', { name: 'an unknown X-Forwarded-Proto falls back to http', weight: 2 }, async ({ http, rand, note }) => {
  const host = hostName(rand);
  const bad = rand.shuffle(['javascript', 'ftp', `https://${rand.word(3, 8)}.example`, 'wss', '', 'httpx', `${rand.word(3, 6)}:`, 'https;']).slice(0, 4);
  for (const proto of bad) {
    const path = target(rand);
    note(`GET ${path} with X-Forwarded-Proto: ${JSON.stringify(proto)}`);
    expectUrl(
      await ask(http, rand, path, host, proto),
      `GET ${path} (X-Forwarded-Proto: ${JSON.stringify(proto)})`,
      `http://${host}${path}`,
      'only http and https are schemes this server serves: anything else is ignored and the URL starts with http://',
    );
  }
});

probe('double-slash-path', { name: "a path starting with '//' stays a path", weight: 2 }, async ({ http, rand, note }) => {
  const host = hostName(rand);
  const proto = rand.pick(['http', 'https']);
  for (const path of [`//${rand.word(3, 8)}.example/${rand.word(3, 6)}`, `//${rand.word(3, 6)}@${rand.word(3, 6)}.example${target(rand)}`]) {
    note(`GET ${path} with Host: ${host}`);
    expectUrl(
      await ask(http, rand, path, host, proto),
      `GET ${path}`,
      `${proto}://${host}${path}`,
      "join req.url to the origin as text: new URL(req.url, origin) reads a target starting with '//' as a new host",
    );
  }
});

probe('hostile-host', { name: 'a malformed Host header gets 400', weight: 2, visibility: 'sample' }, async ({ http, rand, alive, note }) => {
  const name = hostName(rand);
  const other = `${rand.word(3, 8)}.example`;
  // One that URL parsers reject outright, then two that they would quietly turn into another host.
  const hostile = [
    `${name}:${rand.int(65536, 99999)}`,
    ...rand.shuffle([
      `${rand.word(3, 6)}@${other}`,
      `${other}/${rand.word(3, 6)}`,
      `${other}#${rand.word(3, 6)}`,
      `${other}?${rand.word(2, 5)}=1`,
      `${other}\\${rand.word(3, 6)}`,
      `${name} ${other}`,
      `${name}:${rand.word(2, 4)}`,
      `<${rand.word(3, 6)}>`,
      `${name}:`,
    ]).slice(0, 3),
  ];
  for (const host of hostile) {
    const path = target(rand);
    note(`GET ${path} with Host: ${JSON.stringify(host)}`);
    expectInvalidHost(
      await ask(http, rand, path, host, 'https'),
      `GET ${path} (Host: ${JSON.stringify(host)})`,
      'this is not a host[:port] (letters, digits, hyphens and dots, then an optional port 1-65535): answer 400 instead of building a URL with it',
    );
  }
  expect(await alive(), 'server still running').toBe(true, 'a bad Host header must not end the process');
  const path = target(rand);
  expectUrl(await ask(http, rand, path, name), `GET ${path} afterwards`, `http://${name}${path}`, 'after a bad Host the server goes on serving as usual');
});

probe('missing-host', { name: 'a missing or empty Host header gets 400', weight: 2 }, async ({ raw, rand, note }) => {
  const requests = [
    `GET ${target(rand)} HTTP/1.0\r\n\r\n`,
    `GET ${target(rand)} HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n`,
  ];
  for (const request of requests) {
    const shown = JSON.stringify(request.split('\r\n').filter(Boolean).join(' | '));
    note(`raw request ${shown}`);
    const reply = parseRaw(await raw.send(request, { timeoutMs: 1500 }));
    expect(reply.statusLine, `status line for ${shown}`).toMatch(
      /^HTTP\/1\.[01] 400\b/,
      /\b200\b/.test(reply.statusLine) && /undefined/.test(reply.body)
        ? 'an HTTP/1.0 request may come without Host, and then req.headers.host is undefined — the URL must not say "undefined": answer 400'
        : 'without a usable Host there is no URL to build: answer 400',
    );
    expect(reply.type, `Content-Type for ${shown}`).toHaveContentType('application/json', "every answer is JSON: { 'Content-Type': 'application/json' }");
    let data: unknown;
    try {
      data = JSON.parse(reply.body);
    } catch {
      fail(`body for ${shown}: expected JSON, got ${JSON.stringify(reply.body)}`);
    }
    expect(data, `body for ${shown}`).toEqual(INVALID_HOST, 'answer { "error": "invalid Host header" }');
  }
});

import { probe, expect, fail } from 'katabox/probe';
import type { HttpResponse, ProbeContext, Rand } from 'katabox/probe';

interface Report {
  pathname?: unknown;
  query?: unknown;
  limit?: unknown;
  tags?: unknown;
  allParams?: unknown;
}

function randomPathname(rand: Rand): string {
  const path = rand.path();
  return rand.bool() ? `${path}/${rand.int(1, 9999)}` : path;
}

/** Whether the server has gone; polled for a moment, since an exit is noticed a little after the socket closes. */
async function exited({ alive, sleep }: Pick<ProbeContext, 'alive' | 'sleep'>): Promise<boolean> {
  for (let i = 0; i < 5; i++) {
    if (!(await alive())) return true;
    await sleep(200);
  }
  return false;
}

function reportOf(res: HttpResponse, path: string): Report {
  expect(res.status, `status for GET ${path}`).toBe(200, 'every GET should get 200');
  const data = res.json<unknown>();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail('the body should be a JSON object { pathname, query, limit, tags, allParams }');
  }
  return data as Report;
}

probe('json-object', { name: 'answers 200 with a JSON object', visibility: 'sample' }, async ({ http, rand }) => {
  const path = `${randomPathname(rand)}?q=${rand.word()}&limit=${rand.int(1, 100)}`;
  const res = await http.get(path);
  expect(res, 'Content-Type').toHaveContentType(
    'application/json',
    "say the body is JSON: res.writeHead(200, { 'Content-Type': 'application/json' })",
  );
  const report = reportOf(res, path);
  expect(Object.keys(report).sort(), 'fields of the object').toEqual(
    ['allParams', 'limit', 'pathname', 'query', 'tags'],
    'the object holds exactly pathname, query, limit, tags and allParams (a null value still needs its key)',
  );
});

probe('pathname-and-q', { name: 'pathname and q', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  for (let i = 0; i < 2; i++) {
    const pathname = randomPathname(rand);
    const q = rand.word(3, 10);
    const extra = `${rand.word(2, 5)}=${rand.word(2, 5)}`;
    const path = rand.bool() ? `${pathname}?q=${q}&${extra}` : `${pathname}?${extra}&q=${q}`;
    note(`GET ${path}`);
    const report = reportOf(await http.get(path), path);
    expect(report.pathname, 'pathname').toBe(pathname, 'use url.pathname: the path without the query string');
    expect(report.query, 'query').toBe(q, "use url.searchParams.get('q')");
  }
});

probe('pathname-parsed', { name: 'pathname is parsed, not decoded' }, async ({ http, rand }) => {
  const [a, b, c, d] = [rand.word(3, 6), rand.word(3, 6), rand.word(3, 6), rand.word(3, 6)];
  const path = `/${a}/./${b}/../${c}%20${d}/caf%C3%A9?q=${rand.word()}`;
  const expected = `/${a}/${c}%20${d}/caf%C3%A9`;
  const report = reportOf(await http.get(path), path);
  expect(report.pathname, 'pathname').toBe(
    expected,
    'new URL() resolves ./ and ../ segments and keeps percent-escapes as sent: report url.pathname, not a piece of req.url split off by hand and not decoded',
  );
});

probe('tags-get-all', { name: 'tags has every value of tag, in order', weight: 2 }, async ({ http, rand, note }) => {
  const tags = [rand.word(2, 5) + 'a', rand.word(2, 5) + 'b', rand.word(2, 5) + 'c'];
  const other = `${rand.word(2, 5)}1=${rand.word()}`;
  const cases: Array<[path: string, expected: string[]]> = [
    [`${randomPathname(rand)}?tag=${tags[0]}&${other}&tag=${tags[1]}&q=${rand.word()}&tag=${tags[2]}`, tags],
    [`${randomPathname(rand)}?tag=${tags[1]}`, [tags[1]!]],
    [`${randomPathname(rand)}?${other}`, []],
  ];
  for (const [path, expected] of cases) {
    note(`GET ${path}`);
    const report = reportOf(await http.get(path), path);
    expect(report.tags, 'tags').toEqual(
      expected,
      "searchParams.getAll('tag') gives every value of a repeated key, in order, and [] when there is none; get('tag') would give only the first",
    );
  }
});

probe('limit-string', { name: 'limit stays a string', visibility: 'sample' }, async ({ http, rand }) => {
  const limit = String(rand.int(1, 500));
  const path = `${randomPathname(rand)}?limit=${limit}&q=${rand.word()}`;
  const report = reportOf(await http.get(path), path);
  expect(report.limit, 'limit').toBe(limit, "send searchParams.get('limit') as it is: query values are strings, do not convert it");
});

probe('missing-null', { name: 'missing q and limit are null' }, async ({ http, rand, note }) => {
  const paths = [randomPathname(rand), `${randomPathname(rand)}?${rand.word(2, 6)}0=${rand.word(2, 6)}`];
  for (const path of paths) {
    note(`GET ${path}`);
    const report = reportOf(await http.get(path), path);
    expect(report.query, 'query').toBe(null, 'searchParams.get() returns null for an absent key — keep that null in the JSON');
    expect(report.limit, 'limit').toBe(null, 'searchParams.get() returns null for an absent key — keep that null in the JSON');
  }
});

probe('all-params', { name: 'allParams holds every parameter', weight: 2 }, async ({ http, rand, note }) => {
  const expected: Record<string, string> = {};
  const pairs: string[] = [];
  const count = rand.int(3, 5);
  for (let i = 0; i < count; i++) {
    const key = rand.word(2, 6) + i;
    const value = rand.bool() ? rand.word(1, 8) : String(rand.int(0, 99999));
    expected[key] = value;
    pairs.push(`${key}=${value}`);
  }
  if (rand.bool()) {
    const q = rand.word();
    expected.q = q;
    pairs.push(`q=${q}`);
  }
  const path = `${randomPathname(rand)}?${rand.shuffle(pairs).join('&')}`;
  note(`GET ${path}`);
  const report = reportOf(await http.get(path), path);
  expect(report.allParams, 'allParams').toEqual(expected, 'one key per parameter, every value a string: Object.fromEntries(url.searchParams)');
});

probe('repeated-keys', { name: 'repeated keys: q is the first value, allParams has the last' }, async ({ http, rand }) => {
  const firstQ = rand.word(3, 6) + 'a';
  const lastQ = rand.word(3, 6) + 'z';
  const tags = [rand.word(2, 5) + '1', rand.word(2, 5) + '2', rand.word(2, 5) + '3'];
  const tagKey = rand.word(3, 5);
  const path =
    `${randomPathname(rand)}?q=${firstQ}&${tagKey}=${tags[0]}&${tagKey}=${tags[1]}` + `&q=${lastQ}&${tagKey}=${tags[2]}`;
  const report = reportOf(await http.get(path), path);
  expect(report.query, 'query').toBe(firstQ, "searchParams.get('q') gives the first value of a repeated key");
  expect(report.allParams, 'allParams').toEqual(
    { q: lastQ, [tagKey]: tags[2] },
    'every value is a single string; a repeated key keeps its last value, as Object.fromEntries(url.searchParams) does',
  );
});

probe('decoding', { name: "'+' and percent-escapes are decoded", weight: 2 }, async ({ http, rand, note }) => {
  const w = () => rand.word(2, 6);
  const parts: Array<[rawKey: string, rawValue: string, key: string, value: string]> = [];
  const q1 = w();
  const q2 = w();
  parts.push(['q', `${q1}+${q2}`, 'q', `${q1} ${q2}`]);
  const a1 = w();
  const a2 = w();
  const k1 = w() + '1';
  parts.push([k1, `${a1}%20${a2}`, k1, `${a1} ${a2}`]);
  const b = w();
  const k2 = w() + '2';
  parts.push([k2, `caf%C3%A9-${b}%F0%9F%9A%80`, k2, `café-${b}🚀`]);
  const c = w();
  const n = rand.int(1, 99);
  const k3 = w() + '3';
  parts.push([k3, `${c}%2B${n}%26${c}%3D${n}`, k3, `${c}+${n}&${c}=${n}`]);
  const k4 = w();
  const d = w();
  parts.push([`${k4}%5B%5D`, d, `${k4}[]`, d]);
  const shuffled = rand.shuffle(parts.slice(1));
  const ordered = [parts[0], ...shuffled];
  const path = `${randomPathname(rand)}?${ordered.map(([rk, rv]) => `${rk}=${rv}`).join('&')}`;
  note(`GET ${path}`);
  const expected: Record<string, string> = {};
  for (const [, , key, value] of ordered) expected[key] = value;
  const report = reportOf(await http.get(path), path);
  expect(report.query, 'query').toBe(expected.q, "'+' in a query string means a space; URLSearchParams decodes it for you");
  expect(report.allParams, 'allParams').toEqual(
    expected,
    'keys and values must be decoded (%20, %C3%A9, %2B, %26, %5B …) exactly as URLSearchParams does — do not split the string by hand',
  );
});

probe('empty-q', { name: 'empty q is an empty string, not null' }, async ({ http, rand, note }) => {
  const other = rand.word(2, 6);
  const paths = [`${randomPathname(rand)}?q=&${other}=${rand.word()}`, `${randomPathname(rand)}?${other}=${rand.word()}&q`];
  for (const path of paths) {
    note(`GET ${path}`);
    const report = reportOf(await http.get(path), path);
    expect(report.query, 'query').toBe('', "a q that is present but empty is '' — watch out for `|| null`, which turns '' into null");
  }
});

probe('stray-percent', { name: 'a stray % does not crash the server' }, async ({ http, rand, alive, sleep, note }) => {
  const n = rand.int(1, 99);
  const k = rand.word(2, 5) + '1';
  const w = rand.word(2, 5);
  const path = `${randomPathname(rand)}?q=${n}%&${k}=%zz${w}`;
  note(`GET ${path}`);
  let report: Report;
  try {
    report = reportOf(await http.get(path), path);
  } catch (err) {
    if (await exited({ alive, sleep })) {
      fail('the server process exited: a % that is not followed by two hex digits makes decodeURIComponent throw — URLSearchParams leaves it as it is');
    }
    throw err;
  }
  expect(report.query, 'query').toBe(`${n}%`, 'a % without two hex digits after it is kept as it is, the way URLSearchParams does');
  expect(report.allParams, 'allParams').toEqual({ q: `${n}%`, [k]: `%zz${w}` }, 'a % without two hex digits after it is kept as it is, the way URLSearchParams does');
});

probe('strange-host', { name: 'a strange Host header does not crash the server' }, async ({ http, raw, rand, alive, sleep, note }) => {
  // Each kind of bad Host in turn: a server that copes with some of them only must fail on every seed.
  const hosts = rand.shuffle([`${rand.word()} ${rand.word()}`, `${rand.word()}:${rand.word()}:${rand.int(1, 99)}`, '', `[${rand.word()}`]);
  for (const host of hosts) {
    const pathname = randomPathname(rand);
    const q = rand.word();
    note(`GET ${pathname}?q=${q} with the header Host: ${JSON.stringify(host)}`);
    const reply = await raw.send(`GET ${pathname}?q=${q} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, { timeoutMs: 1500 });
    // 400 is a fair answer to a malformed Host too; what matters is that the server answers and lives on.
    const statusLine = reply.split('\r\n')[0];
    if (/^HTTP\/1\.[01] (200|400)\b/.test(statusLine ?? '')) continue;
    expect(statusLine, 'status line').toMatch(
      /^HTTP\/1\.[01] (200|400)\b/,
      (await exited({ alive, sleep }))
        ? 'the server process exited: the Host header is client input, and building the URL base from it lets a bad value make new URL() throw inside the listener — use a constant base'
        : 'answer the request (200, or 400 if you reject a malformed Host) instead of leaving it without a response',
    );
  }
  const q = rand.word();
  const path = `${randomPathname(rand)}?q=${q}`;
  const report = reportOf(await http.get(path), path);
  expect(report.query, 'query of an ordinary request afterwards').toBe(q, 'after the strange requests the server should go on answering as usual');
});

import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, ProbeContext, Rand } from 'katabox/probe';


function expectText(res: HttpResponse, what: string, status: number, body: string, hint: string): void {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res, `Content-Type for ${what}`).toHaveContentType('text/plain', "every answer is text: { 'Content-Type': 'text/plain' }");
  expect(res.body, `body for ${what}`).toBe(body, hint);
}

/** GET that turns a dead or silent server into a message naming the request. */
async function get(http: Http, path: string): Promise<HttpResponse> {
  const shown = path.length > 80 ? `${path.slice(0, 60)}… (${path.length} characters)` : path;
  try {
    return await http.request({ path });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const died = /closed without a response|exited|not accepting/.test(message);
    fail(`GET ${shown} got no answer: ${message}${died ? ' — an exception thrown in the request listener ends the process; catch it and answer 4xx' : ''}`);
  }
}

/** After hostile requests: the process is still up and a friendly request still works. */
async function expectStillServing({ http, rand, alive }: ProbeContext): Promise<void> {
  expect(await alive(), 'server still running').toBe(true, 'a hostile URL must not end the process');
  const word = rand.word(3, 8);
  expectText(await get(http, `/echo/${word}`), `GET /echo/${word} afterwards`, 200, word, 'after a hostile request the server goes on serving as usual');
}

/** Text whose percent-encoding is rich: spaces, accents, emoji, an encoded slash. */
function richText(rand: Rand): string {
  return [rand.word(2, 6), rand.pick(['café', 'Zürich', 'naïve', 'Øresund']), rand.pick(['🚀', '✓', '日本']), `${rand.word(2, 4)}/${rand.word(2, 4)}`].join(' ');
}

probe('echo-plain', { name: 'GET /echo/<text> answers the text', visibility: 'sample' }, async ({ http, rand, note }) => {
  const word = rand.word(3, 10);
  for (const path of [`/echo/${word}`, `/echo/${word}?${rand.word(2, 5)}=${rand.word(2, 5)}`]) {
    note(`GET ${path}`);
    expectText(await get(http, path), `GET ${path}`, 200, word, 'answer the text after /echo/; the query string is not part of it');
  }
});

probe('echo-decoded', { name: 'percent-escapes in the text are decoded', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const text = richText(rand);
  const path = `/echo/${encodeURIComponent(text)}`;
  note(`GET ${path}`);
  expectText(await get(http, path), `GET ${path}`, 200, text, 'decode the text with decodeURIComponent: %20 is a space, %C3%A9 is é, %2F is /');
});

probe('unknown-path', { name: 'other paths get 404', visibility: 'sample' }, async ({ http, rand, note }) => {
  const word = rand.word(3, 8);
  const paths = rand.shuffle([`/${word === 'echo' ? 'echos' : word}`, '/echo', `/${rand.word(3, 6)}/echo/${rand.word(3, 6)}`, `/echoes/${rand.word(3, 6)}`]).slice(0, 3);
  for (const path of paths) {
    note(`GET ${path}`);
    expectText(await get(http, path), `GET ${path}`, 404, 'Not Found', 'only /echo/<text> is a route; everything else is 404 "Not Found"');
  }
});

probe('bad-escape', { name: 'malformed percent-escapes get 400', weight: 2, visibility: 'sample' }, async (ctx) => {
  const { http, rand, note } = ctx;
  const word = rand.word(3, 6);
  const hostile = rand.shuffle([`/echo/${word}%zz`, `/echo/%`, `/echo/${word}%E0%A4`, `/echo/%C3%28${word}`, `/echo/100%${rand.pick(['', 'g1', '%'])}`, `/echo/%ED%A0%80`]).slice(0, 3);
  for (const path of hostile) {
    note(`GET ${path}`);
    expectText(
      await get(http, path),
      `GET ${path}`,
      400,
      'Bad Request',
      'decodeURIComponent throws a URIError on this escape: catch it and answer 400 "Bad Request" — the client sent a broken URL, the server is fine',
    );
  }
  await expectStillServing(ctx);
});

probe('encoded-reserved', { name: 'decoded once, after the query is split off', weight: 2 }, async ({ http, rand, note }) => {
  const a = rand.word(2, 5);
  const b = rand.word(2, 5);
  const n = rand.int(10, 99);
  const cases: Array<[string, string]> = [
    [`${a}%3F${b}%3D${n}`, `${a}?${b}=${n}`],
    [`${a}%23${b}`, `${a}#${b}`],
    [`${n}%25${a}`, `${n}%${a}`],
    [`${a}%2541`, `${a}%41`],
  ];
  for (const [raw, text] of rand.shuffle(cases)) {
    const path = `/echo/${raw}?${rand.word(2, 5)}=${rand.word(2, 5)}`;
    note(`GET ${path}`);
    expectText(
      await get(http, path),
      `GET ${path}`,
      200,
      text,
      'cut the query off the raw target first, then decode the text exactly once: an encoded ?, # or % is part of the text, and %2541 is "%41", not "A"',
    );
  }
});

probe('double-slash', { name: "targets starting with '//' get 400", weight: 2 }, async (ctx) => {
  const { http, rand, note } = ctx;
  const word = rand.word(3, 8);
  const paths = [
    `//${rand.word(3, 8)}.example/echo/${word}`,
    `//echo/${word}`,
    `///echo/${word}`,
    `//${rand.word(3, 6)}@${rand.word(3, 6)}.example/echo/${word}`,
    // Hosts a URL parser rejects: new URL() throws on these.
    `//[${rand.word(3, 6)}/echo/${word}`,
    `//${rand.word(3, 6)}%zz/echo/${word}`,
  ];
  for (const path of paths) {
    note(`GET ${path}`);
    expectText(
      await get(http, path),
      `GET ${path}`,
      400,
      'Bad Request',
      "a target starting with '//' is answered 400 before any parsing: new URL() would read the first segment as a host (and route /echo/… for it), or throw",
    );
  }
  await expectStillServing(ctx);
});

probe('long-url', { name: 'targets over 2048 characters get 414', weight: 2 }, async (ctx) => {
  const { http, rand, note } = ctx;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const fits = `/echo/${rand.string(rand.int(1900, 2048) - '/echo/'.length, letters)}`;
  note(`GET /echo/… (${fits.length} characters)`);
  expectText(await get(http, fits), `GET /echo/… (${fits.length} characters)`, 200, fits.slice('/echo/'.length), 'a target of up to 2048 characters is still served');
  for (const length of [rand.int(2049, 2100), rand.int(3000, 8000)]) {
    const path = `/echo/${rand.string(length - '/echo/'.length, letters)}`;
    note(`GET /echo/… (${length} characters)`);
    expectText(await get(http, path), `GET /echo/… (${length} characters)`, 414, 'URI Too Long', 'check req.url.length first: more than 2048 characters is 414 "URI Too Long"');
  }
  await expectStillServing(ctx);
});

import { probe, expect, fail, utf8 } from 'katabox/probe';
import type { Http, HttpResponse, RequestOptions, Rand } from 'katabox/probe';

const SECRET = 'whsec_katabox_practice';
const HEX = '0123456789abcdef';

// SHA-256 and HMAC (FIPS 180-4, RFC 2104), written out because the probes' Isolate has no crypto.
// Checked against node:crypto and RFC 4231's test vectors.

/** The first `count` primes. */
function primes(count: number): number[] {
  const found: number[] = [];
  for (let n = 2; found.length < count; n++) if (found.every((p) => n % p !== 0)) found.push(n);
  return found;
}

/** The first 32 bits of a number's fractional part: how SHA-256 derives its constants from primes. */
const fraction32 = (x: number): number => Math.floor((x - Math.floor(x)) * 2 ** 32) >>> 0;
const ROUND = primes(64).map((p) => fraction32(Math.cbrt(p)));
const INITIAL = primes(8).map((p) => fraction32(Math.sqrt(p)));

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

function sha256(bytes: number[]): number[] {
  const h = INITIAL.slice();
  const bits = bytes.length * 8;
  const msg = bytes.concat([0x80]);
  while (msg.length % 64 !== 56) msg.push(0);
  // The length as 64 bits, big-endian; probe bodies are far below 2^32 bits.
  msg.push(0, 0, 0, 0, (bits >>> 24) & 255, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255);
  const w: number[] = [];
  for (let block = 0; block < msg.length; block += 64) {
    for (let t = 0; t < 64; t++) {
      if (t < 16) {
        const i = block + t * 4;
        w[t] = (msg[i]! << 24) | (msg[i + 1]! << 16) | (msg[i + 2]! << 8) | msg[i + 3]!;
      } else {
        const a = w[t - 15]!;
        const b = w[t - 2]!;
        const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
        const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
        w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + ROUND[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) | 0));
  }
  return h.flatMap((v) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
}

/** HMAC-SHA256 of `message` under `key` (both as UTF-8), as lowercase hex. */
function hmacHex(key: string, message: string): string {
  let k = Array.from(utf8(key));
  if (k.length > 64) k = sha256(k);
  while (k.length < 64) k.push(0);
  const inner = sha256(k.map((x) => x ^ 0x36).concat(Array.from(utf8(message))));
  const outer = sha256(k.map((x) => x ^ 0x5c).concat(inner));
  return outer.map((x) => x.toString(16).padStart(2, '0')).join('');
}

function signature(body: string, secret = SECRET): string {
  return `sha256=${hmacHex(secret, body)}`;
}

/** The header name in one of the spellings a sender might use: names are case-insensitive. */
function headerName(rand: Rand): string {
  return rand.pick(['X-Katabox-Signature', 'x-katabox-signature', 'X-KATABOX-SIGNATURE']);
}

function randomEvent(rand: Rand): { id: string; type: string; data: Record<string, unknown> } {
  return {
    id: `evt_${rand.string(12, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
    type: `${rand.pick(['invoice', 'customer', 'payment', 'order'])}.${rand.pick(['created', 'paid', 'updated', 'refunded'])}`,
    data: { amount: rand.int(100, 99999), currency: rand.pick(['eur', 'usd', 'gbp']), customer: rand.name(), note: rand.word(3, 9) },
  };
}

/** POSTs to /webhook; `lostHint` is added when no answer comes back at all. */
async function deliver(http: Http, options: Omit<RequestOptions, 'path'>, lostHint?: string): Promise<HttpResponse> {
  try {
    return await http.request({ method: 'POST', path: '/webhook', ...options });
  } catch (err) {
    fail(lostHint ? `${(err as Error).message} — ${lostHint}` : (err as Error).message);
  }
}

function expectAccepted(res: HttpResponse, type: unknown, hint: string): void {
  expect(res.status, 'status').toBe(200, hint);
  expect(res, 'Content-Type').toHaveContentType('application/json', "answer JSON: 'Content-Type: application/json'");
  expect(res.json(), 'body').toEqual({ received: true, type }, 'answer { received: true, type: <the event\'s type> }');
}

function expectRejected(res: HttpResponse, hint: string): void {
  expect(res.status, 'status').toBe(401, hint);
  expect(res, 'Content-Type').toHaveContentType('application/json', "answer JSON: 'Content-Type: application/json'");
  expect(res.json(), 'body').toEqual({ error: 'invalid signature' }, 'answer exactly { error: "invalid signature" }');
}

/** Changes one character of the body's amount, so the body is still valid JSON. */
function tamper(body: string, amount: number): string {
  return body.replace(`"amount":${amount}`, `"amount":${amount + 1}`);
}

probe('valid-signature', { name: 'a correctly signed event gets 200', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const event = randomEvent(rand);
  const body = JSON.stringify(event);
  const name = headerName(rand);
  note(`${name}: ${signature(body)}`);
  const res = await deliver(http, { body, headers: { [name]: signature(body), 'content-type': 'application/json' } });
  expectAccepted(res, event.type, 'the signature is the HMAC-SHA256 of the body with the secret: compute it over the bytes you received and compare');
});

probe('missing-signature', { name: 'an unsigned event gets 401', visibility: 'sample' }, async ({ http, rand }) => {
  const res = await deliver(http, { json: randomEvent(rand) });
  expectRejected(res, 'no X-Katabox-Signature header means nobody vouches for this body: 401');
});

probe('wrong-secret', { name: 'an event signed with another secret gets 401', visibility: 'sample' }, async ({ http, rand, note }) => {
  const body = JSON.stringify(randomEvent(rand));
  const other = `whsec_${rand.word(6, 10)}`;
  note(`signed with the secret ${JSON.stringify(other)}`);
  const res = await deliver(http, { body, headers: { [headerName(rand)]: signature(body, other), 'content-type': 'application/json' } });
  expectRejected(res, 'this signature is well-formed but made with a different secret: compare it with your own HMAC and answer 401 when they differ');
});

probe('tampered-body', { name: 'a body changed after signing gets 401', weight: 2 }, async ({ http, rand, note }) => {
  const event = randomEvent(rand);
  const signed = JSON.stringify(event);
  const sent = tamper(signed, event.data.amount as number);
  note(`signed ${signed}, sent ${sent}`);
  const res = await deliver(http, { body: sent, headers: { [headerName(rand)]: signature(signed), 'content-type': 'application/json' } });
  expectRejected(res, 'the body differs by one digit from what was signed, so its HMAC differs: compute the HMAC of the body you received');
});

probe('raw-bytes-signed', { name: 'the signature covers the raw bytes, spacing and escapes included', weight: 2 }, async ({ http, rand, note }) => {
  const type = `${rand.pick(['customer', 'order'])}.${rand.pick(['created', 'updated'])}`;
  const sp = () => ' '.repeat(rand.int(0, 3));
  const name = rand.pick(['Zo\\u00eb', 'Ren\\u00e9e', 'S\\u00f8ren']);
  const city = rand.pick(['Zürich', 'Kraków', 'Malmö', '東京']);
  const body =
    `{${sp()}"type"${sp()}:${sp()}"${type}",\n  "data": {"name": "${name}", "city": "${city} ${rand.pick(['🚀', '🌍', '🎉'])}",` +
    ` "amount": ${rand.int(1, 999)}.${rand.int(10, 99)}0},\n  "id":"evt_${rand.word(8, 12)}"${sp()}}\n`;
  note(`the body, exactly as sent: ${JSON.stringify(body)}`);
  const res = await deliver(http, { body, headers: { [headerName(rand)]: signature(body), 'content-type': 'application/json; charset=utf-8' } });
  expectAccepted(
    res,
    type,
    'this body was signed exactly as sent (spaces, newlines, \\u escapes, 2.50 rather than 2.5): HMAC the raw bytes, never JSON.stringify(JSON.parse(body))',
  );
});

probe('chunked-body', { name: 'a body that arrives in pieces is verified whole' }, async ({ http, rand, note }) => {
  const event = randomEvent(rand);
  const body = JSON.stringify(event);
  const cuts = rand.shuffle([0.2, 0.4, 0.6, 0.8]).slice(0, rand.int(2, 3)).sort().map((f) => Math.floor(body.length * f));
  const chunks = [0, ...cuts].map((start, i, all) => body.slice(start, all[i + 1] ?? body.length));
  note(`the body was sent in ${chunks.length} pieces`);
  const res = await deliver(http, { chunks, chunkDelayMs: 40, headers: { [headerName(rand)]: signature(body), 'content-type': 'application/json' } });
  expectAccepted(res, event.type, 'the body came in several chunks: collect all of them (until the stream ends) before computing the HMAC');
});

probe('signed-not-json', { name: 'a signed body that is not JSON gets 400' }, async ({ http, rand }) => {
  const body = rand.pick([`type=${rand.word()}`, `{"type": "${rand.word()}"`, `<event>${rand.word()}</event>`]);
  const res = await deliver(http, { body, headers: { [headerName(rand)]: signature(body), 'content-type': 'application/json' } });
  expect(res.status, 'status').toBe(400, 'the signature is good but the body is not JSON: catch JSON.parse and answer 400');
  expect(res, 'Content-Type').toHaveContentType('application/json', "answer JSON: 'Content-Type: application/json'");
  expect(res.json(), 'body').toSatisfy((b) => typeof b?.error === 'string', 'an object with an "error" message');
});

probe('verify-before-parse', { name: 'a badly signed body gets 401 even when it is not JSON' }, async ({ http, rand }) => {
  const body = rand.pick([`{"type": "${rand.word()}"`, `${rand.word()}=${rand.word()}`]);
  const forged = `sha256=${rand.string(64, HEX)}`;
  const res = await deliver(http, { body, headers: { [headerName(rand)]: forged, 'content-type': 'application/json' } });
  expectRejected(res, 'check the signature first: a body nobody signed gets 401 whatever it contains, before any parsing');
});

probe('short-signature', { name: 'a signature of the wrong length gets 401, not a crash' }, async ({ http, rand, note, alive }) => {
  const body = JSON.stringify(randomEvent(rand));
  const full = hmacHex(SECRET, body);
  const values = rand.shuffle([`sha256=${full.slice(0, rand.int(8, 62))}`, `sha256=${full}${rand.string(2, HEX)}`, 'sha256=', full]);
  for (const value of values.slice(0, 3)) {
    note(`X-Katabox-Signature: ${value}`);
    const res = await deliver(
      http,
      { body, headers: { [headerName(rand)]: value, 'content-type': 'application/json' } },
      'crypto.timingSafeEqual throws a RangeError when the two buffers differ in length: compare the lengths first',
    );
    expectRejected(res, 'a signature that is cut short, too long or lacks "sha256=" is invalid: 401 — check the lengths before crypto.timingSafeEqual, which throws on a mismatch');
  }
  expect(await alive(), 'server still running').toBe(true, 'a malformed signature must not end the process');
});

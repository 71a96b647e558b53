import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

interface SseEvent {
  id?: string;
  data: string;
  /** When the chunk that completed it arrived, in ms since the stream's request started. */
  at: number;
}

/**
 * The events of an event stream, read the way a browser's EventSource reads them: lines
 * "field: value" (one space after the colon is dropped), comments start with ':', a blank
 * line ends an event, and an event without data lines is not one.
 */
function eventsOf(res: HttpResponse): SseEvent[] {
  const events: SseEvent[] = [];
  let pending = '';
  let data: string[] = [];
  let id: string | undefined;
  for (const chunk of res.chunks) {
    pending += chunk.text;
    // A '\r' at the very end may be the first half of '\r\n': keep it for the next chunk.
    const complete = pending.endsWith('\r') ? pending.slice(0, -1) : pending;
    const lines = complete.split(/\r\n|\r|\n/);
    // The last piece is a line still on its way.
    pending = lines.pop()! + pending.slice(complete.length);
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) events.push({ id, data: data.join('\n'), at: chunk.at });
        data = [];
        id = undefined;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
  }
  return events;
}

function randomText(rand: Rand): string {
  return `${rand.pick(['deploy', 'build', 'alert', 'note'])} ${rand.word(3, 8)} #${rand.int(1, 9999)}`;
}

/** Opens /events and reads it until `text` arrives or `ms` pass. */
function listen(http: Http, ms: number, text?: string, headers?: Record<string, string>): Promise<HttpResponse> {
  return http.request({ path: '/events', headers, readUntil: text === undefined ? { ms } : { text, ms } });
}

async function post(http: Http, text: string): Promise<number> {
  const res = await http.post('/messages', { text });
  expect(res.status, 'status of POST /messages').toBe(201, 'a valid message answers 201 Created');
  const id = (res.json() as { id?: unknown }).id;
  expect(id, 'id of the new message').toSatisfy((v) => Number.isInteger(v) && (v as number) >= 1, 'an integer from 1 up', 'answer { id } with the id the event will carry');
  return id as number;
}

function expectOpen(res: HttpResponse): void {
  expect(res.status, 'status of GET /events').toBe(200, 'an event stream answers 200');
  expect(res, 'Content-Type of GET /events').toHaveContentType('text/event-stream', "an event stream is 'Content-Type: text/event-stream'");
  expect(res.endedAt, 'end of the stream').toBe(null, 'an event stream stays open: never call res.end() on it');
}

function expectEvent(events: SseEvent[], id: number, text: string, hint: string): SseEvent {
  const event = events.find((e) => e.data === text);
  if (!event) fail(`no event with data ${JSON.stringify(text)} arrived; events seen: ${JSON.stringify(events.map((e) => ({ id: e.id, data: e.data })))} — ${hint}`);
  expect(event.id, `id of the event for message ${id}`).toBe(String(id), 'give each event an id: line with its message id, so the client can resume from it');
  return event;
}

probe('stream-opens', { name: 'GET /events answers at once with an open event stream', visibility: 'sample' }, async ({ http }) => {
  let res: HttpResponse;
  try {
    res = await listen(http, 800);
  } catch (err) {
    fail(`${(err as Error).message} (an event stream may have nothing to say yet, but its head must go out at once)`);
  }
  expectOpen(res);
  expect(String(res.headers['cache-control'] ?? ''), 'Cache-Control').toContain('no-cache', "caches must not store a live stream: 'Cache-Control: no-cache'");
});

probe('message-event', { name: 'a posted message reaches an open stream as an event', weight: 2, visibility: 'sample' }, async ({ http, rand, sleep }) => {
  const text = randomText(rand);
  const stream = listen(http, 3000, `${text}\n\n`);
  await sleep(300);
  const id = await post(http, text);
  const res = await stream;
  expectOpen(res);
  expectEvent(eventsOf(res), id, text, 'write each new message to every open stream as "id: <id>\\ndata: <text>\\n\\n"');
});

probe('events-over-time', { name: 'events arrive as they happen, not all at once', weight: 2, timeoutMs: 8000 }, async ({ http, rand, sleep, note }) => {
  const texts = [randomText(rand), randomText(rand), randomText(rand)];
  const stream = listen(http, 4000, `${texts[2]}\n\n`);
  await sleep(300);
  const ids: number[] = [];
  for (const [i, text] of texts.entries()) {
    if (i > 0) await sleep(500);
    ids.push(await post(http, text));
  }
  const res = await stream;
  expectOpen(res);
  const events = eventsOf(res);
  const [first, , last] = texts.map((text, i) => expectEvent(events, ids[i]!, text, 'every message posted while the stream is open must reach it'));
  note(`the first event arrived after ${first!.at} ms, the third after ${last!.at} ms (posted about 1000 ms apart)`);
  expect(first!.at, 'ms until the first event arrived').toSatisfy(
    (at) => at <= last!.at - 500,
    'at least 500 ms before the third',
    'events must be written the moment a message is posted, not held back and sent together',
  );
});

probe('multiline-data', { name: 'a message of several lines becomes several data lines' }, async ({ http, rand, sleep }) => {
  const lines = Array.from({ length: rand.int(2, 4) }, () => randomText(rand));
  const text = lines.join('\n');
  const stream = listen(http, 3000, `${lines.at(-1)}\n\n`);
  await sleep(300);
  const id = await post(http, text);
  const res = await stream;
  expectOpen(res);
  const events = eventsOf(res);
  expectEvent(events, id, text, 'a newline ends an SSE line: send each line of the text as its own "data: " line (the client joins them with \\n)');
});

probe('fan-out', { name: 'every open stream receives the message', weight: 2 }, async ({ http, rand, sleep }) => {
  const text = randomText(rand);
  const streams = [listen(http, 3000, `${text}\n\n`), listen(http, 3000, `${text}\n\n`)];
  await sleep(400);
  const id = await post(http, text);
  for (const [i, stream] of streams.entries()) {
    const res = await stream;
    expectOpen(res);
    expectEvent(eventsOf(res), id, text, `stream ${i + 1} of 2 got nothing: keep every open response (a Set) and write the event to each of them`);
  }
});

probe('no-replay-for-new-clients', { name: 'a new client without Last-Event-ID gets only new messages' }, async ({ http, rand, sleep }) => {
  const old = randomText(rand);
  await post(http, old);
  const text = randomText(rand);
  const stream = listen(http, 3000, `${text}\n\n`);
  await sleep(300);
  const id = await post(http, text);
  const res = await stream;
  expectOpen(res);
  const events = eventsOf(res);
  expectEvent(events, id, text, 'a message posted while the stream is open must reach it');
  expect(events.map((e) => e.data), 'events received').toEqual([text], 'without a Last-Event-ID the client starts fresh: replay old messages only to a client that says what it has seen');
});

probe('last-event-id-resume', { name: 'Last-Event-ID resumes after the last event seen', weight: 2, visibility: 'sample' }, async ({ http, rand, note }) => {
  const texts = [randomText(rand), randomText(rand), randomText(rand)];
  const ids: number[] = [];
  for (const text of texts) ids.push(await post(http, text));
  note(`posted messages ${ids.join(', ')}; reconnecting with Last-Event-ID: ${ids[0]}`);
  const res = await listen(http, 2000, `${texts[2]}\n\n`, { 'Last-Event-ID': String(ids[0]) });
  expectOpen(res);
  const events = eventsOf(res);
  expectEvent(events, ids[1]!, texts[1]!, `a client that reconnects with Last-Event-ID: ${ids[0]} has missed every later message: send those first, in order`);
  expectEvent(events, ids[2]!, texts[2]!, `a client that reconnects with Last-Event-ID: ${ids[0]} has missed every later message: send those first, in order`);
  expect(events.map((e) => e.id), 'ids replayed').toEqual([String(ids[1]), String(ids[2])], `replay exactly the messages after ${ids[0]}, oldest first: the client already has ${ids[0]} and everything before`);
});

probe('message-validated', { name: 'a message without text gets 400' }, async ({ http, rand, note }) => {
  const bodies = rand.shuffle<unknown>([{}, { text: '' }, { text: rand.int(1, 99) }, { message: randomText(rand) }]).slice(0, 2);
  for (const body of bodies) {
    note(`POST /messages ${JSON.stringify(body)}`);
    const res = await http.post('/messages', body);
    expect(res.status, `status of POST /messages ${JSON.stringify(body)}`).toBe(400, 'text must be a non-empty string');
    expect(res, 'Content-Type').toHaveContentType('application/json', 'errors are JSON');
  }
  const res = await http.request({ method: 'POST', path: '/messages', body: `{"text": "${rand.word()}"`, headers: { 'content-type': 'application/json' } });
  expect(res.status, 'status of POST /messages with a body that is not JSON').toBe(400, 'catch JSON.parse and answer 400');
});

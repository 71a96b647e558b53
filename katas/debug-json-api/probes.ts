import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse, Rand } from 'katabox/probe';

interface Note {
  id: number;
  text: string;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

function expectJson(res: HttpResponse, status: number, what: string, hint: string): unknown {
  expect(res.status, `status for ${what}`).toBe(status, hint);
  expect(res.headers['content-type'], `Content-Type for ${what}`).toMatch(JSON_TYPE, 'every answer of this API is JSON');
  return res.json<unknown>();
}

function randomText(rand: Rand): string {
  return `${rand.pick(['Buy', 'Call', 'Fix', 'Read', 'Send'])} ${rand.word(3, 8)} ${rand.pick(['today', 'before Friday', 'with ' + rand.name(), 'again'])}`;
}

async function listNotes(http: Http): Promise<Note[]> {
  const data = expectJson(await http.get('/notes'), 200, 'GET /notes', 'GET /notes answers 200');
  if (!Array.isArray(data)) fail(`GET /notes should answer a JSON array of notes, got ${JSON.stringify(data).slice(0, 200)}`);
  return data as Note[];
}

async function createNote(http: Http, text: string): Promise<{ note: Note; res: HttpResponse }> {
  const res = await http.post('/notes', { text });
  const data = expectJson(res, 201, 'POST /notes', 'creating a note answers 201 Created') as Note;
  expect(data, 'created note').toSatisfy(
    (n) => typeof n === 'object' && n !== null && Number.isInteger(n.id) && n.id >= 1,
    'an object with an integer id (1 or more)',
    'answer the stored note: { id, text }',
  );
  expect(data, 'created note').toEqual({ id: data.id, text }, 'the new note is exactly { id, text } with the text that was sent');
  return { note: data, res };
}

/** Sends bodies that must be refused with 400; with `storedHint`, also checks that nothing was stored. */
async function expectRefused(http: Http, note: (text: string) => void, bodies: string[], error: string, hint: string, storedHint?: string): Promise<void> {
  const before = (await listNotes(http)).length;
  for (const body of bodies) {
    const what = `POST /notes with the body ${JSON.stringify(body)}`;
    note(what);
    const res = await http.request({ method: 'POST', path: '/notes', body, headers: { 'content-type': 'application/json' } });
    const data = expectJson(res, 400, what, hint);
    expect(data, `body for ${what}`).toEqual({ error }, hint);
  }
  if (storedHint !== undefined) expect((await listNotes(http)).length, 'number of notes after the refused requests').toBe(before, storedHint);
}

probe('create-note', { name: 'POST /notes creates a note', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const text = randomText(rand);
  const { note } = await createNote(http, text);
  const all = await listNotes(http);
  expect(all.some((n) => n.id === note.id && n.text === text), `GET /notes lists ${JSON.stringify(note)}`).toBe(true, 'a created note is stored');
});

probe('list-notes', { name: 'GET /notes lists notes in creation order', visibility: 'sample' }, async ({ http, rand }) => {
  const first = (await createNote(http, randomText(rand))).note;
  const second = (await createNote(http, randomText(rand))).note;
  const all = await listNotes(http);
  const ids = all.map((n) => n.id);
  expect(ids.indexOf(first.id) >= 0 && ids.indexOf(first.id) < ids.indexOf(second.id), 'first note listed before the second').toBe(
    true,
    `both notes are listed, oldest first (ids seen: ${JSON.stringify(ids)})`,
  );
});

probe('location-header', { name: 'a created note comes with a Location header', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const { note, res } = await createNote(http, randomText(rand));
  expect(res.headers['location'], 'Location').toBe(
    `/notes/${note.id}`,
    res.headers['location'] === undefined
      ? 'the code does set Location — but a header only reaches the client if it is set before the response goes out; the server log may tell you more'
      : 'Location is the path of the new note: /notes/<its id>',
  );
});

probe('get-note-by-id', { name: 'GET /notes/<id> answers that note' }, async ({ http, rand }) => {
  const { note } = await createNote(http, randomText(rand));
  const data = expectJson(await http.get(`/notes/${note.id}`), 200, `GET /notes/${note.id}`, 'a stored note can be read back by its id');
  expect(data, 'note').toEqual(note, 'GET /notes/<id> answers the same { id, text } as the 201 did');
});

probe('missing-text-400', { name: 'a note without usable text gets 400 and is not stored', weight: 2 }, async ({ http, rand, note }) => {
  const bodies = rand
    .shuffle([{}, { text: '' }, { text: '   ' }, { text: rand.int(1, 999) }, { [rand.word()]: randomText(rand) }])
    .slice(0, 3)
    .map((b) => JSON.stringify(b));
  await expectRefused(
    http,
    note,
    bodies,
    'text is required',
    'a missing, empty or non-string text answers 400 { error: "text is required" }',
    'the 400 went out, yet the number of notes grew — after answering, does the handler stop?',
  );
});

probe('json-but-not-object', { name: 'JSON that is not an object gets 400' }, async ({ http, rand, note }) => {
  const bodies = ['null', rand.pick(['[]', `"${rand.word()}"`, String(rand.int(1, 99)), 'true'])];
  await expectRefused(
    http,
    note,
    bodies,
    'text is required',
    '`null` and arrays are valid JSON, just not a note: answer 400 { error: "text is required" } — on a 500, the server log says what threw',
  );
});

probe('malformed-json-400', { name: 'a body that is not JSON gets 400', weight: 2 }, async ({ http, rand, note }) => {
  const text = randomText(rand);
  const broken = rand.pick([`{"text": "${text}"`, `{text: "${text}"}`, `{"text": ${rand.word()}}`, `text=${rand.word()}`]);
  await expectRefused(
    http,
    note,
    [broken, ''],
    'invalid JSON',
    'a body that does not parse (an empty one too) is the client\'s mistake: 400 { error: "invalid JSON" }, not a 500',
    'a body that is not JSON must not be stored',
  );
});

probe('unknown-routes-404', { name: 'anything else gets 404' }, async ({ http, rand, note }) => {
  const requests: Array<[string, string]> = rand.shuffle<[string, string]>([
    ['GET', `/${rand.word(3, 8)}`],
    ['GET', `/notes/${rand.int(5000, 9999)}`],
    [rand.pick(['DELETE', 'PUT', 'PATCH']), '/notes'],
    ['GET', `/notes/${rand.word(3, 6)}`],
  ]);
  for (const [method, path] of requests.slice(0, 3)) {
    note(`${method} ${path}`);
    const data = expectJson(await http.request({ method, path }), 404, `${method} ${path}`, 'no such route or no such note answers 404');
    expect(data, 'body').toEqual({ error: 'not found' }, 'the 404 body is { error: "not found" }');
  }
});

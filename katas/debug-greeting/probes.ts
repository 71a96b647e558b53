import { probe, expect, fail } from 'katabox/probe';
import type { HttpResponse, Rand } from 'katabox/probe';

const TEXT_TYPE = /^text\/plain\s*(;|$)/i;
const ASCII_NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Radia', 'Alan', 'Hedy'];
const ACCENTED_NAMES = ['José', 'Zoë', 'Søren', 'Chloé', 'Björk', 'Dvořák', 'Łukasz', 'Núria', 'Ångström', 'Thérèse'];

/** A segment that is not 'hello'. */
function word(rand: Rand): string {
  const w = rand.word(3, 8);
  return w === 'hello' ? `${w}s` : w;
}

/** A path that is not /hello: one or two random segments. */
function otherPath(rand: Rand): string {
  return rand.pick([`/${word(rand)}`, `/${word(rand)}/${word(rand)}`, `/hello/${rand.word(3, 6)}`]);
}

function expectGreeting(res: HttpResponse, name: string, hint: string): void {
  expect(res.status, 'status').toBe(200, 'GET /hello answers 200');
  expect(res.headers['content-type'], 'Content-Type').toMatch(TEXT_TYPE, 'the greeting is plain text');
  expect(res.body, 'body').toBe(`Hello, ${name}!\n`, hint);
}

probe('greets-by-name', { name: 'GET /hello?name=… greets that name', weight: 2, visibility: 'sample' }, async ({ http, rand }) => {
  const name = rand.pick(ASCII_NAMES);
  const res = await http.get(`/hello?name=${name}`);
  expectGreeting(res, name, 'the body is "Hello, <name>!" and one newline');
});

probe('greets-the-world', { name: 'no name (or an empty one) greets the world', visibility: 'sample' }, async ({ http, rand, note }) => {
  for (const path of rand.shuffle(['/hello', '/hello?name=', `/hello?${rand.word(3, 6)}=${rand.word(3, 6)}`])) {
    note(`GET ${path}`);
    expectGreeting(await http.get(path), 'world', 'without a usable name the greeting is "Hello, world!"');
  }
});

probe('not-found', { name: 'other paths get 404 Not Found', weight: 2, visibility: 'sample' }, async ({ http, rand, note, alive, sleep }) => {
  // Two requests in a row: a server that breaks after answering the first shows it on the second.
  const paths = [otherPath(rand), `/${word(rand)}`];
  const answers: HttpResponse[] = [];
  for (const path of paths) {
    note(`GET ${path}`);
    try {
      answers.push(await http.get(path));
    } catch (err) {
      const before = answers[0];
      if (!before) throw err;
      // Give the process's exit time to be noticed, so the next probe meets a restarted server.
      for (let i = 0; i < 10 && (await alive()); i++) await sleep(100);
      fail(`${err instanceof Error ? err.message : String(err)} — right after answering GET ${paths[0]} with ${before.status} ${JSON.stringify(before.body)}, the server stopped: what runs after that answer?`);
    }
  }
  for (const [i, res] of answers.entries()) {
    expect(res.status, `status for GET ${paths[i]}`).toBe(404, 'only /hello exists; every other path is 404');
    expect(res.headers['content-type'], 'Content-Type').toMatch(TEXT_TYPE, 'the 404 is plain text too');
    expect(res.body, 'body').toBe('Not Found\n', 'the body is exactly "Not Found" and one newline');
  }
});

probe('accented-names', { name: 'names with accents arrive whole', weight: 2 }, async ({ http, rand, note }) => {
  const name = rand.pick(ACCENTED_NAMES);
  const path = `/hello?name=${encodeURIComponent(name)}`;
  note(`GET ${path} (the name is ${name})`);
  const res = await http.get(path);
  const whole = `Hello, ${name}!\n`;
  expectGreeting(
    res,
    name,
    res.body.length < whole.length && whole.startsWith(res.body)
      ? 'the greeting lost its end, and only for a name outside ASCII — the client reads as much body as the reply announces: what does that number count?'
      : 'the name arrives percent-encoded; searchParams.get decodes it, and the greeting repeats it as it is',
  );
});

probe('wrong-method-405', { name: 'other methods on /hello get 405 with Allow', weight: 2 }, async ({ http, rand, note }) => {
  for (const method of rand.shuffle(['POST', 'PUT', 'DELETE', 'PATCH']).slice(0, 2)) {
    note(`${method} /hello`);
    const res = await http.request({ method, path: '/hello', body: method === 'DELETE' ? undefined : `name=${rand.pick(ASCII_NAMES)}` });
    expect(res.status, `status for ${method} /hello`).toBe(
      405,
      'the path /hello exists and only the method is wrong — is that the status code that says so?',
    );
    expect(res.headers['allow'], 'Allow').toBe('GET', 'a 405 names the methods that would work: Allow: GET');
    expect(res.body, 'body').toBe('Method Not Allowed\n', 'the body is exactly "Method Not Allowed" and one newline');
  }
});

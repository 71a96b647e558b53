import { probe, expect, fail } from 'katabox/probe';
import type { Http, HttpResponse } from 'katabox/probe';

const ROW_MS = 200;

interface Row {
  row: number;
  total: number;
}

function rowsOf(res: HttpResponse): Row[] {
  const lines = res.body.split('\n');
  if (lines.pop() !== '') fail(`the body should end with a newline after the last row, got ${JSON.stringify(res.body.slice(-80))}`);
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as Row;
    } catch {
      fail(`line ${i + 1} of the body is not JSON: ${JSON.stringify(line.slice(0, 100))} — write one JSON object per line, each followed by "\\n"`);
    }
  });
}

/** When the chunk that completed the line of row `row` arrived, in ms since the request started. */
function arrival(res: HttpResponse, row: number): number {
  let pending = '';
  for (const chunk of res.chunks) {
    pending += chunk.text;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      try {
        if ((JSON.parse(line) as Row).row === row) return chunk.at;
      } catch {
        // rowsOf reports lines that are not JSON
      }
    }
  }
  fail(`row ${row} never arrived as a complete line`);
}

async function activeReports(http: Http): Promise<unknown> {
  const res = await http.get('/stats');
  expect(res.status, 'status of GET /stats').toBe(200, 'GET /stats answers 200 { active }');
  return (res.json() as { active?: unknown }).active;
}

probe('streams-rows', { name: 'GET /report streams every row as NDJSON', weight: 2, visibility: 'sample', timeoutMs: 8000 }, async ({ http, rand }) => {
  const rows = rand.int(3, 6);
  const res = await http.request({ path: `/report?rows=${rows}`, timeoutMs: 6000 });
  expect(res.status, 'status').toBe(200, 'a valid report answers 200');
  expect(res, 'Content-Type').toHaveContentType('application/x-ndjson', "one JSON object per line is NDJSON: 'Content-Type: application/x-ndjson'");
  expect(rowsOf(res), 'rows').toEqual(
    Array.from({ length: rows }, (_, i) => ({ row: i + 1, total: rows })),
    `rows 1 to ${rows}, each { row, total } on its own line, in order`,
  );
});

probe('rows-arrive-over-time', { name: 'each row arrives as soon as it is ready', weight: 3, visibility: 'sample', timeoutMs: 8000 }, async ({ http, rand, note }) => {
  const rows = rand.int(6, 8);
  const res = await http.request({ path: `/report?rows=${rows}`, timeoutMs: 6000 });
  expect(res.status, 'status').toBe(200, 'a valid report answers 200');
  rowsOf(res);
  const first = arrival(res, 1);
  const last = arrival(res, rows);
  note(`row 1 arrived after ${first} ms, row ${rows} after ${last} ms; the response ended after ${res.endedAt} ms`);
  expect(first, 'ms until row 1 arrived').toSatisfy(
    (at) => at <= last - (rows - 1) * ROW_MS / 2,
    `well before row ${rows} (${(rows - 1) * ROW_MS / 2} ms or more earlier)`,
    'the rows came all at once at the end: res.write() each row as soon as it is ready instead of collecting them for res.end()',
  );
});

probe('rows-validated', { name: 'a missing or bad rows gets 400' }, async ({ http, rand, note }) => {
  const bad = rand.shuffle(['', 'rows=0', `rows=${rand.int(51, 999)}`, `rows=${rand.word(2, 5)}`, 'rows=-3', 'rows=2.5']).slice(0, 3);
  for (const query of bad) {
    const path = `/report${query ? `?${query}` : ''}`;
    note(`GET ${path}`);
    const res = await http.request({ path, timeoutMs: 3000 });
    expect(res.status, `status of GET ${path}`).toBe(400, 'rows must be a whole number from 1 to 50: check it before writing the 200 head');
    expect(res, `Content-Type of GET ${path}`).toHaveContentType('application/json', 'errors are JSON');
    expect(res.json(), `body of GET ${path}`).toSatisfy((b) => typeof b?.error === 'string', 'an object with an "error" message');
  }
});

probe('disconnect-stops-work', { name: 'a client that disconnects stops its report', weight: 2, timeoutMs: 10000 }, async ({ http, rand, sleep, note }) => {
  const rows = rand.int(25, 40);
  const before = await activeReports(http);
  expect(before, 'active before').toBe(0, 'no report is running yet: { active: 0 }');
  // Whether anything arrived in those 900 ms is another probe's business: this one only leaves.
  const reading = http.request({ path: `/report?rows=${rows}`, readUntil: { ms: 900 } }).catch(() => null);
  await sleep(300);
  expect(await activeReports(http), 'active while a report streams').toBe(1, 'count a report as active from its start until it ends');
  const res = await reading;
  if (res) expect(res.endedAt, 'end of the response').toBe(null, `a ${rows}-row report takes ${rows * ROW_MS} ms: it should still have been running when the client left`);
  note(`the client waited 900 ms, then disconnected`);
  await sleep(600);
  expect(await activeReports(http), 'active 600 ms after the client disconnected').toBe(
    0,
    "the client is gone, but the report kept running: listen for res.on('close') and stop the loop (and the count) there",
  );
});

// Timed practice and the history export in a real browser: the timer counts down the kata's
// estimate, keeps going into overtime, survives a reload (the server keeps its start), and History
// shows each timed submission's time; the learner downloads their whole history as JSON.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { SqliteDatabase } from '../../apps/server/storage/sqlite-driver.js';
import { learnerWithCookie, startTestServer, type TestServer } from '../api/server.js';
import { helloCorrect, helloNoNewline } from '../api/solutions.js';
import { launchChromium, openKata as openKataAt, openPage, pasteCode } from './browser.js';

let server: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  page = await openPage(browser, pageErrors, { colorScheme: 'light' });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const openKata = () => openKataAt(page, `${server.url}/katas/hello-server`);

async function submit(code: string, status: string): Promise<void> {
  await pasteCode(page, code);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.locator(`.result[data-status="${status}"]`).waitFor();
}

const clock = () => page.getByRole('timer', { name: 'Practice time' });
const historyTimes = () => page.locator('.history tbody tr .time-taken').allInnerTexts();

describe('timed practice', () => {
  it('counts down the estimate, survives a reload, goes into overtime, and History shows the time taken', async () => {
    await openKata();
    await submit(helloNoNewline, 'failed');

    await page.getByRole('button', { name: 'Start timer' }).click();
    await clock().waitFor();
    const first = await clock().innerText();
    assert.match(first, /^(10:00|9:5\d) left$/, "hello-server's estimate is 10 minutes");
    await sleep(2100);
    const later = await clock().innerText();
    assert.match(later, /^9:5\d left$/);
    assert.notEqual(later, first, 'it counts');

    await page.reload();
    await clock().waitFor();
    const reloaded = await clock().innerText();
    assert.match(reloaded, /^9:5\d left$/, `still running after a reload, not started again: ${reloaded}`);
    assert.ok(reloaded <= later, `${reloaded} after ${later}`);

    // Eleven minutes in, as the server has it.
    const db = new SqliteDatabase(server.db);
    try {
      db.prepare('UPDATE practice_timers SET started_at = ?').run(new Date(Date.now() - 11 * 60_000).toISOString());
    } finally {
      db.close();
    }
    await page.reload();
    await page.getByRole('timer', { name: 'Practice time' }).filter({ hasText: /^\+1:0\d over$/ }).waitFor();
    assert.equal(await clock().getAttribute('data-overtime'), 'true');
    assert.equal(await page.evaluate(`getComputedStyle(document.querySelector('.practice-clock')).color`), 'rgb(154, 103, 0)', 'overtime shows in the warning colour');

    await page.getByRole('button', { name: 'Run', exact: true }).and(page.locator(':enabled')).waitFor();
    await submit(helloNoNewline, 'failed');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.history tbody tr').nth(1).waitFor();
    assert.match((await historyTimes()).join(' | '), /^11:0\d \| —$/, 'the timed submission has its time, the one before the timer none');
    assert.equal(await page.getByRole('button', { name: 'Stop timer' }).isVisible(), true, 'a failing submission does not end the practice');

    await submit(helloCorrect, 'passed');
    await page.locator('.practice-note', { hasText: /^Solved in 11:\d\d \(estimate 10 min\)\.$/ }).waitFor();
    await page.getByRole('button', { name: 'Start timer' }).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.history tbody tr').nth(2).waitFor();
    const times = await historyTimes();
    assert.match(times.join(' | '), /^11:\d\d \| 11:0\d \| —$/);
    const kataPage = (await (await page.request.get(`${server.url}/api/katas/hello-server`)).json()) as { practice: unknown };
    assert.equal(kataPage.practice, null, 'solved: the practice ended on the server too');
    await page.reload();
    await page.getByRole('button', { name: 'Start timer' }).waitFor();
  });
});

describe('history export', () => {
  it('downloads the learner\'s submissions and drafts as JSON, and nothing of another learner', async () => {
    const other = await learnerWithCookie(server.url);
    const theirs = (await other.post('/api/katas/hello-server/submissions?wait=true', { code: `${helloCorrect}// another learner's line\n` })).body;
    await other.put('/api/katas/parse-url/draft', { code: '// another learner\'s draft\n' });

    await page.goto(`${server.url}/`);
    const yourData = page.getByRole('region', { name: 'Your data' });
    const downloading = page.waitForEvent('download');
    await yourData.getByRole('link', { name: 'Download your history (JSON)' }).click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /^katabox-history-\d{4}-\d{2}-\d{2}\.json$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const data = JSON.parse(text) as { submissions: Array<{ id: string; kata: string; code: string; status: string; timeTakenSeconds: number | null; result: unknown }>; drafts: Array<{ kata: string; code: string }> };

    const history = (await (await page.request.get(`${server.url}/api/katas/hello-server/submissions`)).json()) as { submissions: Array<{ id: string }> };
    assert.deepEqual(data.submissions.map((s) => s.id), history.submissions.map((s) => s.id).reverse(), 'every submission, oldest first');
    assert.deepEqual(data.submissions.map((s) => s.status), ['failed', 'failed', 'passed']);
    assert.equal(data.submissions[2]!.code, helloCorrect);
    assert.deepEqual(data.submissions.map((s) => s.timeTakenSeconds === null), [true, false, false]);
    assert.ok(data.submissions.every((s) => s.kata === 'hello-server' && s.result !== null));
    assert.deepEqual(data.drafts.map((d) => [d.kata, d.code]), [['hello-server', helloCorrect]]);
    assert.ok(!text.includes(theirs.id), "no id of another learner's");
    assert.ok(!text.includes('another learner'), "no code of another learner's");
  });

  it('raised no script errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});

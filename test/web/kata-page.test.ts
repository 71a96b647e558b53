// The web app in a real browser: what a learner sees and does, from the catalog to a scored
// submission. One browser profile, so one learner, through the whole file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../api/server.js';
import { helloCorrect, helloNoNewline, helloSlow, helloTypeError } from '../api/solutions.js';
import { editorText as editorTextOf, hoverUntil, launchChromium, openKata as openKataAt, openPage, pasteCode as pasteInto, waitForEditor as waitForEditorOf } from './browser.js';

/** Correct, except that a query string throws, which ends the process. */
const helloCrashOnQuery = `import http from 'node:http';

// tests: a greeting server that crashes on a query string
http.createServer((req, res) => {
  if (req.url?.includes('?')) throw new Error('no queries here');
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}).listen(3000);
`;

let server: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const foreignRequests: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  page = await openPage(browser, pageErrors);
  page.on('request', (request) => {
    if (!/^(data|blob):/.test(request.url()) && !request.url().startsWith(server.url)) foreignRequests.push(request.url());
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const openKata = (slug: string) => openKataAt(page, `${server.url}/katas/${slug}`);
const waitForEditor = () => waitForEditorOf(page);
/** Replaces the editor's text the way a learner pastes a solution in. */
const pasteCode = (code: string) => pasteInto(page, code);
const editorText = () => editorTextOf(page);

describe('catalog', () => {
  it('lists the katas by track with their status, suggests one, and filters them by difficulty, tag and search', async () => {
    const shown = async (query = '') => ((await (await fetch(`${server.url}/api/katas${query}`)).json()) as { katas: unknown[] }).katas.length;
    await page.goto(`${server.url}/`);
    const cards = page.locator('.kata-card');
    await cards.first().waitFor();
    assert.equal(await cards.count(), await shown());
    const hello = await cards.filter({ hasText: 'Hello, raw Node' }).innerText();
    for (const text of ['easy', '10 min', 'http', 'Not tried']) assert.ok(hello.includes(text), `the card shows ${text}`);
    const rawHttp = page.locator('.track[data-track="raw-http"]');
    assert.match(await rawHttp.locator('h2').innerText(), /^Raw node:http 0 of \d+ solved$/);
    assert.equal(await page.locator('.track').first().getAttribute('data-track'), 'raw-http');
    assert.match(await page.locator('.next-up').innerText(), /Suggested next: Hello, raw Node/);

    await page.getByLabel('Difficulty').selectOption('hard');
    await page.waitForURL(/\?difficulty=hard$/);
    await cards.filter({ hasText: 'A tiny REST API' }).waitFor();
    assert.equal(await cards.count(), await shown('?difficulty=hard'));

    await page.getByLabel('Difficulty').selectOption('');
    await page.getByLabel('Tag').selectOption('streams');
    await page.waitForURL(/\?tag=streams$/);
    await cards.filter({ hasText: 'Read a JSON body' }).waitFor();
    assert.equal(await cards.count(), await shown('?tag=streams'));

    await page.getByLabel('Tag').selectOption('');
    await page.getByRole('searchbox', { name: 'Search katas' }).fill('json body');
    await page.waitForURL(/\?q=json\+body$/);
    await cards.filter({ hasText: 'Read a JSON body' }).waitFor();
    assert.equal(await cards.count(), await shown('?q=json+body'));
    assert.ok((await cards.allInnerTexts()).every((t) => /json/i.test(t) && /body/i.test(t)));
  });
});

describe('kata page', () => {
  it('opens from the catalog with the prompt and the starter in the editor', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('.kata-card').getByRole('link', { name: 'Hello, raw Node' }).click();
    await page.waitForURL(/\/katas\/hello-server$/);
    await waitForEditor();
    assert.equal(await page.locator('.prompt h1').innerText(), 'Hello, raw Node');
    assert.match(await editorText(), /Not implemented yet/);
    assert.equal(await page.locator('.debrief').isVisible(), false, 'no debrief before the kata is solved');
    // Hints come one at a time.
    const hints = page.locator('.hints li');
    assert.equal(await hints.count(), 0);
    await page.getByRole('button', { name: /^Show a hint \(1 of \d\)$/ }).click();
    assert.equal(await hints.count(), 1);
    await page.getByRole('button', { name: /^Show a hint \(2 of \d\)$/ }).click();
    assert.equal(await hints.count(), 2);
  });

  it('knows Node\'s types: hovering res.writeHead shows its signature, type errors are underlined', async () => {
    await pasteCode(helloCorrect);
    await hoverUntil(page, 'writeHead', 'writeHead(statusCode: number');
    await page.mouse.move(0, 0);

    await pasteCode(helloTypeError);
    await page.locator('.editor-host .squiggly-error').first().waitFor({ timeout: 20_000 });
  });

  it('submits a correct solution: score 100, listed in the history, solved in the catalog', async () => {
    await pasteCode(helloCorrect);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.verdict .score', { hasText: 'Score 100/100' }).waitFor();
    assert.match(await page.locator('.verdict').innerText(), /Passed/);
    assert.equal(await page.locator('.probe.failed').count(), 0);
    assert.ok((await page.locator('.probe', { hasText: 'hidden' }).count()) > 0, 'hidden probes are listed by name');

    await page.getByRole('tab', { name: 'History' }).click();
    const row = page.locator('.history tbody tr').first();
    await row.filter({ hasText: 'Passed' }).waitFor();
    assert.equal(await row.locator('.score').innerText(), '100');

    // Solved: the debrief shows, with the next kata of the track.
    const debrief = page.locator('.debrief');
    await debrief.waitFor();
    assert.match(await debrief.innerText(), /What an interviewer would ask next about it:\s+Questions\s+How do you build an HTTP server/);
    assert.match(await debrief.innerText(), /Next in this track: /);

    await page.goto(`${server.url}/`);
    await page.locator('.kata-card', { hasText: 'Hello, raw Node' }).filter({ hasText: 'Solved · best 100' }).waitFor();
    assert.match(await page.locator('.track[data-track="raw-http"] h2').innerText(), /1 of \d+ solved/);
    assert.doesNotMatch(await page.locator('.next-up').innerText(), /Hello, raw Node/);
  });

  it('shows the failing probe\'s message, the request sent and the response received', async () => {
    await openKata('hello-server');
    await pasteCode(helloNoNewline);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const probe = page.locator('.probe.failed[data-probe="greeting-body"]');
    await probe.waitFor();
    const text = await probe.innerText();
    assert.match(text, /Checked\s+body\s+Expected\s+"Hello from raw Node!\\n"\s+Got\s+"Hello from raw Node!"\s+Hint\s+the body must be/);
    assert.match(text, /curl -i 'http:\/\/localhost:3000\//);
    assert.match(text, /HTTP 200/);
  });

  it('keeps the draft across a reload', async () => {
    await openKata('hello-server');
    const marker = `// draft kept ${Date.now()}`;
    await pasteCode(`${marker}\n${helloNoNewline}`);
    await page.locator('.save-state[data-state="saved"]').waitFor();
    await page.reload();
    await waitForEditor();
    assert.match(await editorText(), new RegExp(marker));
  });

  it('runs on Ctrl+Enter and submits on Ctrl+Shift+Enter', async () => {
    await openKata('hello-server');
    await pasteCode(helloCorrect);
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.locator('.verdict', { hasText: 'Run (sample probes)' }).waitFor();
    await page.keyboard.press('ControlOrMeta+Shift+Enter');
    await page.locator('.verdict', { hasText: 'Submission (all probes)' }).waitFor();
  });

  it('shows the probes of a submission as they finish, then its verdict; History follows a queued row to its verdict', async () => {
    await openKata('hello-server');
    await pasteCode(helloSlow);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.locator('.live-probe.passed').first().waitFor();
    // The first probes are in while the verdict is not.
    assert.equal(await page.locator('.result').count(), 0);
    await page.getByRole('tab', { name: 'History' }).click();
    const newest = page.locator('.history tbody tr').first();
    await newest.locator('.badge.queued').waitFor();
    await newest.locator('.badge.passed').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.locator('.result[data-status="passed"]').waitFor();
  });

  it('jumps to the line of a diagnostic when it is clicked', async () => {
    await pasteCode(helloTypeError);
    // Type errors come with the stored submission, after its verdict.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const diagnostic = page.locator('.diagnostics button', { hasText: /^Line 3:/ });
    await diagnostic.waitFor();
    await page.keyboard.press('ControlOrMeta+Home');
    await diagnostic.click();
    await page.locator('.editor-host .active-line-number', { hasText: /^3$/ }).waitFor();
  });

  it('opens a past submission and compares two side by side', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const rows = page.locator('.history tbody tr');
    await rows.nth(1).waitFor();

    await rows.first().getByRole('button', { name: 'Open' }).click();
    const opened = page.locator('dialog[open]');
    await opened.locator('.monaco-editor .view-lines', { hasText: 'Hello from raw Node' }).waitFor();
    await opened.locator('.verdict').waitFor();
    await opened.getByRole('button', { name: 'Close' }).click();

    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    const diff = page.locator('dialog[open]');
    await diff.locator('.monaco-diff-editor').waitFor();
    assert.match(await diff.locator('header h2').innerText(), /^Compare #\d+ and #\d+$/);
    await diff.getByRole('button', { name: 'Close' }).click();
  });

  it('asks before resetting to the starter', async () => {
    await openKata('hello-server');
    await pasteCode(helloCorrect);
    await page.locator('.save-state[data-state="saved"]').waitFor();

    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    assert.match(await editorText(), /tests: a correct greeting server/);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    await page.locator('.save-state', { hasText: 'Starter restored' }).waitFor();
    assert.match(await editorText(), /Not implemented yet/);
    await page.reload();
    await waitForEditor();
    assert.match(await editorText(), /Not implemented yet/);
  });

  it('marks the probes that ran on a server restarted after a crash, as they come in and in the verdict', async () => {
    await openKata('hello-server');
    await pasteCode(helloCrashOnQuery);
    // The live lines give way to the verdict as soon as it comes: note each one as it is added.
    await page.evaluate(`window.liveLines = [];
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) {
    if (node instanceof HTMLElement && node.matches('.live-probe')) window.liveLines.push([node.dataset.probe, node.querySelector('.restarted')?.textContent ?? null]);
  }
}).observe(document.body, { childList: true, subtree: true });`);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.locator('.result[data-status="crashed"]').waitFor({ timeout: 30_000 });
    const lines = (await page.evaluate('window.liveLines')) as [string, string | null][];
    assert.deepEqual(lines, [
      ['status-200', null],
      ['content-type', null],
      ['greeting-body', null],
      ['any-path', null],
      ['any-method', 'after restart'],
    ]);
    const marks = page.locator('.probe .restarted');
    assert.equal(await marks.count(), 1);
    assert.equal(await page.locator('.probe[data-probe="any-method"] .restarted').innerText(), 'after restart');
    assert.match((await marks.getAttribute('title')) ?? '', /ran on a fresh server started again/);
  });

  it('loaded everything from this server and raised no script errors', () => {
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(pageErrors, []);
  });
});

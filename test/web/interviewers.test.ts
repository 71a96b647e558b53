// The interviewer's side in a real browser: signing in, accounts, assignments and their review,
// and a candidate taking an assignment through its private link.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { addUser, createAssignment, signedIn } from '../api/accounts.js';
import { helloCorrect } from '../api/solutions.js';
import { startTestServer, type TestServer } from '../api/server.js';
import { launchChromium, openPage, pasteCode as pasteInto } from './browser.js';

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  addUser(server.db, 'admin@example.test', 'admin');
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const page = await openPage(browser, pageErrors);
  page.on('dialog', (dialog) => void dialog.accept(dialog.defaultValue()));
  return page;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/interviewer`);
  await page.waitForURL(/\/login\?next=%2Finterviewer$/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/interviewer$/);
}

describe('accounts', () => {
  it('rejects a wrong password, then an admin signs in, adds an interviewer and disables them', async () => {
    const admin = await newPage();
    await admin.goto(`${server.url}/login`);
    await admin.getByLabel('Email').fill('admin@example.test');
    await admin.getByLabel('Password').fill('not the password');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();

    await signIn(admin, 'admin@example.test', 'correct horse battery');
    const accounts = admin.getByRole('region', { name: 'Accounts' });
    await accounts.locator('tr[data-email="admin@example.test"]').waitFor();
    await accounts.getByLabel('Email').fill('ivy@example.test');
    await accounts.getByLabel('Initial password').fill('ivy has a long password');
    await accounts.getByRole('button', { name: 'Add account' }).click();
    const ivyRow = accounts.locator('tr[data-email="ivy@example.test"]');
    await ivyRow.filter({ hasText: 'active' }).waitFor();

    const ivy = await newPage();
    await signIn(ivy, 'ivy@example.test', 'ivy has a long password');
    assert.equal(await ivy.getByRole('region', { name: 'Accounts' }).count(), 0, 'an interviewer manages no accounts');

    await ivyRow.getByRole('button', { name: 'Disable' }).click();
    await ivyRow.filter({ hasText: 'disabled' }).waitFor();
    await ivy.reload();
    await ivy.waitForURL(/\/login/);
    assert.deepEqual(pageErrors, []);
  });
});

/** Replaces the text of the visible editor the way a candidate pastes a solution in. */
const pasteCode = (page: Page, code: string) => pasteInto(page, code, '.take-kata:not([hidden])');

describe('an assignment', () => {
  it('is created by an interviewer, taken by a candidate through the link, and reviewed', async () => {
    const interviewer = await newPage();
    await signIn(interviewer, 'admin@example.test', 'correct horse battery');
    const form = interviewer.getByRole('region', { name: 'New assignment' });
    await form.getByLabel('Candidate name').fill('Casey Candidate');
    await form.getByLabel('Time limit (minutes)').fill('3');
    await form.getByLabel('Instructions (Markdown, optional)').fill('Write the **greeting** server.');
    await form.getByRole('checkbox', { name: /Hello, raw Node/ }).check();
    await form.getByRole('button', { name: 'Create assignment' }).click();
    const link = await form.locator('.assignment-link').innerText();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/a\/[A-Za-z0-9_-]{43}$/);
    await form.getByRole('button', { name: 'Copy link' }).click();
    await form.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await interviewer.evaluate('navigator.clipboard.readText()'), link);

    const candidate = await newPage();
    await candidate.goto(link);
    await candidate.getByRole('region', { name: 'Instructions' }).getByText('greeting').waitFor();
    assert.equal(await candidate.locator('.time-limit').innerText(), '3 min');
    await candidate.locator('.practice .monaco-editor').waitFor();
    await candidate.getByRole('button', { name: 'Start' }).click();
    const timer = candidate.getByRole('timer');
    await timer.waitFor();
    assert.match(await timer.innerText(), /^[23]:\d\d$/);

    // More time, given from the list while the candidate works: their countdown follows.
    await interviewer.reload();
    await interviewer.locator('tr[data-status="in_progress"]', { hasText: 'Casey Candidate' }).getByRole('button', { name: 'Extend' }).click();
    await candidate.getByRole('timer').filter({ hasText: /^1[23]:\d\d$/ }).waitFor({ timeout: 15_000 });
    // A reload keeps the server's deadline, not a fresh limit.
    await candidate.reload();
    await candidate.getByRole('timer').filter({ hasText: /^1[23]:\d\d$/ }).waitFor();
    await candidate.locator('.take-kata:not([hidden]) .editor-host .monaco-editor textarea').waitFor();
    await pasteCode(candidate, helloCorrect);
    await candidate.getByRole('button', { name: 'Submit' }).click();
    await candidate.locator('.take-results .score[data-score="100"]').waitFor({ timeout: 30_000 });
    const hidden = candidate.locator('.take-results .probe', { hasText: 'any path gets the greeting' });
    assert.match((await hidden.textContent())!, /A hidden probe: only its name and whether it passed are shown\./);
    assert.equal(await hidden.locator('.exchange').count(), 0);
    await candidate.getByRole('button', { name: 'Finish' }).click();
    await candidate.locator('.take-closed[data-status="finished"]').waitFor();

    await interviewer.reload();
    const row = interviewer.locator('tr[data-status="finished"]', { hasText: 'Casey Candidate' });
    await row.waitFor();
    await interviewer.getByLabel('Status').selectOption('cancelled');
    await interviewer.getByRole('cell', { name: 'No assignments match.' }).waitFor();
    await interviewer.getByLabel('Status').selectOption('finished');
    await interviewer.getByLabel('Kata').selectOption('hello-server');
    await interviewer.waitForURL(/\?status=finished&kata=hello-server$/);
    await row.waitFor();
    assert.match(await row.locator('.kata-score').innerText(), /: 100$/);
    await row.getByRole('link', { name: 'Casey Candidate' }).click();
    await interviewer.waitForURL(/\/interviewer\/assignments\/[A-Za-z0-9_-]{16}$/);
    const kata = interviewer.locator('.review-kata[data-slug="hello-server"]');
    assert.equal(await kata.locator('.kata-best').innerText(), 'best score 100');
    await kata.locator('.replay-code .monaco-editor').waitFor();
    assert.ok((await kata.locator('.replay-marks .mark-paste').count()) >= 1, 'the paste is on the timeline');
    const slider = kata.getByRole('slider', { name: 'Replay position' });
    await slider.fill('0');
    assert.match(await kata.locator('.replay-where').innerText(), /^#1 at /);
    await kata.getByRole('button', { name: 'Play' }).click();
    await kata.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
    assert.match(await kata.locator('.replay-where').innerText(), /Submit$/, 'played to the end');
    assert.match((await kata.locator('.replay-code .view-lines').innerText()).replaceAll('\u00a0', ' '), /Hello from raw Node/);

    await kata.getByLabel('Diff from').selectOption('0');
    await kata.getByRole('button', { name: 'Show diff' }).click();
    const diff = interviewer.getByRole('dialog', { name: /^Diff: #1 at / });
    await diff.locator('.monaco-diff-editor').waitFor();
    await diff.getByRole('button', { name: 'Close' }).click();

    await kata.locator('tr[data-kind="submit"]').getByRole('button', { name: 'Re-run' }).click();
    const rerun = interviewer.getByRole('dialog', { name: 'Re-run' });
    await rerun.locator('.score[data-score="100"]').waitFor({ timeout: 30_000 });
    assert.ok((await rerun.locator('.probe', { hasText: 'any path gets the greeting' }).locator('.exchange').count()) > 0, "the reviewer sees a hidden probe's exchanges");
    await rerun.getByRole('button', { name: 'Close' }).click();

    const review = interviewer.getByRole('region', { name: 'Review' });
    await review.getByLabel('Notes').fill('Clean solution, first try.');
    await review.getByLabel('Rating (1–4)').selectOption('4');
    await review.getByLabel('Recommendation').selectOption('strong_yes');
    await review.getByRole('button', { name: 'Save review' }).click();
    await review.getByText('Review saved').waitFor();

    const [download] = await Promise.all([interviewer.waitForEvent('download'), interviewer.locator('a.export-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    assert.match(csv, /^assignment,candidate,/);
    assert.match(csv, /,Casey Candidate,,finished,admin@example\.test,3,/);
    assert.match(csv, /,4,strong_yes,"?Clean solution, first try\."?,hello-server,100,passed,/);
    assert.deepEqual(pageErrors, []);
  });

  it('submits the draft a candidate left when the deadline passes with the browser closed', async () => {
    const admin = await signedIn(server.url, 'admin@example.test');
    const { id, token } = await createAssignment(admin, { candidateName: 'Gone Early', minutes: 0.25 });
    const candidate = await newPage();
    await candidate.goto(`${server.url}/a/${token}`);
    await candidate.getByRole('button', { name: 'Start' }).click();
    await candidate.locator('.take-kata:not([hidden]) .editor-host .monaco-editor textarea').waitFor();
    await pasteCode(candidate, helloCorrect);
    await candidate.locator('.take-kata:not([hidden]) .save-state', { hasText: /^Saved$/ }).waitFor();
    await candidate.context().close();

    let summary: { status: string; katas: Array<{ score: number | null }> } | undefined;
    for (let i = 0; i < 200 && !(summary?.status === 'finished' && summary.katas[0]!.score !== null); i++) {
      await sleep(250);
      summary = (await admin.get('/api/assignments')).body.assignments.find((a: { id: string }) => a.id === id);
    }
    assert.equal(summary?.status, 'finished');
    assert.equal(summary?.katas[0]!.score, 100, 'the draft was submitted at the deadline and scored');
  });

  it('warns the candidate at 5 minutes and at 1 minute left', async () => {
    const admin = await signedIn(server.url, 'admin@example.test');
    for (const [minutes, warning] of [[5.1, '5 minutes left.'], [1.1, '1 minute left.']] as const) {
      const { token } = await createAssignment(admin, { candidateName: `Warned at ${warning}`, minutes });
      const candidate = await newPage();
      await candidate.goto(`${server.url}/a/${token}`);
      await candidate.getByRole('button', { name: 'Start' }).click();
      await candidate.getByRole('timer').waitFor();
      assert.equal(await candidate.getByRole('alert').filter({ hasText: 'left.' }).count(), 0, 'no warning before its time');
      await candidate.getByRole('alert').filter({ hasText: warning }).waitFor({ timeout: 20_000 });
      await candidate.context().close();
    }
  });

  it('ends the take in an open page at the deadline: the link then says finished', async () => {
    const admin = await signedIn(server.url, 'admin@example.test');
    const { token } = await createAssignment(admin, { candidateName: 'Stays Till The End', minutes: 0.15 });
    const candidate = await newPage();
    await candidate.goto(`${server.url}/a/${token}`);
    await candidate.getByRole('button', { name: 'Start' }).click();
    await candidate.locator('.take-kata:not([hidden]) .editor-host .monaco-editor textarea').waitFor();
    await candidate.locator('.take-closed[data-status="finished"]').waitFor({ timeout: 30_000 });
    await candidate.reload();
    await candidate.locator('.take-closed[data-status="finished"]').waitFor();
    assert.equal(await candidate.getByRole('button', { name: 'Start' }).count(), 0);
    await candidate.context().close();
  });
});

// Learner accounts in a real browser: work done without an account, sign-up, then the same draft
// and history on a second browser (another context: its own cookies), sign-out back to a fresh start.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../api/server.js';
import { helloCorrect } from '../api/solutions.js';
import { editorText, launchChromium, openKata as openKataAt, openPage, pasteCode, seriousAxeViolations as seriousViolations } from './browser.js';

const EMAIL = 'lee@example.test';
const PASSWORD = 'learner long password';
const DRAFT = `${helloCorrect}// still polishing this one\n`;

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const newPage = () => openPage(browser, pageErrors);
const openKata = (page: Page, slug: string) => openKataAt(page, `${server.url}/katas/${slug}`);

/** Replaces the editor's text the way a learner pastes code in, and waits until the draft is saved. */
async function pasteDraft(page: Page, code: string): Promise<void> {
  await pasteCode(page, code);
  await page.locator('.save-state[data-state="saved"]').waitFor();
}

describe('a learner account', () => {
  let laptop: Page;

  it('starts from work done without an account, kept by sign-up on the kata page', async () => {
    laptop = await newPage();
    await openKata(laptop, 'hello-server');
    await pasteDraft(laptop, helloCorrect);
    await laptop.getByRole('button', { name: 'Submit', exact: true }).click();
    await laptop.locator('.verdict .score', { hasText: 'Score 100/100' }).waitFor();
    await pasteDraft(laptop, DRAFT);

    await laptop.getByRole('button', { name: 'Sign up', exact: true }).click();
    const dialog = laptop.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Sign up' }).waitFor();
    assert.equal(await dialog.getByLabel('Password').getAttribute('autocomplete'), 'new-password');
    assert.deepEqual(await seriousViolations(laptop), [], 'the sign-up form passes axe-core');
    await dialog.getByLabel('Email').fill(EMAIL);
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Create account' }).click();

    await laptop.locator('.account-who', { hasText: `Signed in as ${EMAIL}` }).waitFor();
    await laptop.getByRole('status').filter({ hasText: '1 draft and 1 submission from this browser are now in your account.' }).waitFor();
    await laptop.locator('.editor-host .monaco-editor textarea').waitFor();
    assert.match(await editorText(laptop), /still polishing this one/);
  });

  it('shows the same draft and history on a second browser once signed in there', async () => {
    const phone = await newPage();
    await phone.goto(`${server.url}/`);
    await phone.locator('.kata-card', { hasText: 'Hello, raw Node' }).filter({ hasText: 'Not tried' }).waitFor();
    await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByLabel('Email').fill(EMAIL);
    await dialog.getByLabel('Password').fill('not the password');
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    // A wrong password: the form says so and keeps the email.
    await dialog.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    assert.equal(await dialog.getByLabel('Email').inputValue(), EMAIL);
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await phone.locator('.account-who', { hasText: `Signed in as ${EMAIL}` }).waitFor();
    await phone.locator('.kata-card', { hasText: 'Hello, raw Node' }).filter({ hasText: 'Solved · best 100' }).waitFor();
    assert.deepEqual(await seriousViolations(phone), [], 'the catalog, signed in, passes axe-core');

    await openKata(phone, 'hello-server');
    assert.match(await editorText(phone), /still polishing this one/);
    await phone.getByRole('tab', { name: 'History' }).click();
    const row = phone.locator('.history tbody tr').first();
    await row.filter({ hasText: 'Passed' }).waitFor();
    assert.equal(await row.locator('.score').innerText(), '100');

    // Autosave from here goes into the account (with the session's CSRF token): the laptop sees it.
    await pasteDraft(phone, `${helloCorrect}// finished on the phone\n`);
    await openKata(laptop, 'hello-server');
    assert.match(await editorText(laptop), /finished on the phone/);

    // Sign out: a fresh learner, with the starter and no history.
    await phone.getByRole('button', { name: 'Sign out' }).click();
    await phone.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await phone.locator('.editor-host .monaco-editor textarea').waitFor();
    assert.doesNotMatch(await editorText(phone), /finished on the phone/);
    await phone.getByRole('tab', { name: 'History' }).click();
    await phone.locator('.history', { hasText: 'No submissions yet' }).waitFor();
    assert.deepEqual(pageErrors, []);
  });
});

// The interviewer's side in a real browser: signing in, accounts, assignments and their review,
// and a candidate taking an assignment through its private link.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addUser } from '../api/accounts.js';
import { startTestServer, type TestServer } from '../api/server.js';
import { launchChromium } from './browser.js';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
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
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('dialog', (dialog) => void dialog.accept());
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

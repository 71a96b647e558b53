// The learner's settings in a real browser: the theme (system, light, dark) in real computed
// colours, the editor's font size and word wrap on every editor, and vim keybindings that are
// fetched only once turned on. One browser profile, so the settings carry from test to test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addUser, createAssignment, signedIn } from '../api/accounts.js';
import { startTestServer, type TestServer } from '../api/server.js';
import { helloCorrect } from '../api/solutions.js';
import { editorText as editorTextOf, launchChromium, openKata as openKataAt, openPage, pasteCode as pasteInto } from './browser.js';

let server: TestServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  addUser(server.db, 'ivy@example.test', 'interviewer');
  browser = await launchChromium();
  page = await openPage(browser, pageErrors, { colorScheme: 'light' });
  // The context's requests include workers' scripts, which the page's own miss.
  page.context().on('request', (request) => void requests.push(request.url()));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const vimChunk = /\/assets\/vim-mode-[\w-]+\.js$/;

/** A CSS property of the first element matching `selector`, as the browser computed it. */
const computed = (selector: string, property: string) => page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`) as Promise<string>;

/** True when an rgb() colour is dark (a low sum of its channels). */
function isDarkColour(rgb: string): boolean {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
  assert.ok(b !== undefined, `a colour: ${rgb}`);
  return r! + g! + b < 3 * 100;
}

async function openSettings(): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).waitFor();
}

async function closeSettings(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'detached' });
}

const openKata = () => openKataAt(page, `${server.url}/katas/hello-server`);
const pasteCode = (code: string) => pasteInto(page, code);
const editorText = () => editorTextOf(page);
const activeText = () => page.evaluate('document.activeElement?.textContent') as Promise<string>;

describe('settings', () => {
  it('theme: follows the system as it changes, or holds light or dark; kept across a reload, Monaco too', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('.kata-card').first().waitFor();
    const background = () => computed('body', 'backgroundColor');
    assert.equal(await background(), 'rgb(247, 247, 248)', 'light, as the system is');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await background(), 'rgb(22, 24, 28)', '"system" follows the system at once');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await background(), 'rgb(247, 247, 248)');

    await openSettings();
    assert.equal(await page.getByRole('radio', { name: 'System (follows your device)' }).isChecked(), true);
    assert.equal(await page.evaluate('document.activeElement?.value'), 'system', 'the focus starts on the chosen theme');
    await page.getByRole('radio', { name: 'Dark' }).check();
    assert.equal(await background(), 'rgb(22, 24, 28)');
    assert.equal(await computed('dialog', 'backgroundColor'), 'rgb(30, 33, 38)', 'the dialog too');
    await closeSettings();
    assert.equal(await activeText(), 'Settings', 'Escape puts the focus back on the button');

    await page.reload();
    await page.locator('.kata-card').first().waitFor();
    assert.equal(await background(), 'rgb(22, 24, 28)', 'kept');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await background(), 'rgb(22, 24, 28)', 'dark holds whatever the system says');

    await openKata();
    assert.ok(isDarkColour(await computed('.editor-host .monaco-editor', 'backgroundColor')), 'Monaco is dark');
    assert.ok(isDarkColour(await computed('.topbar', 'backgroundColor')));
    await openSettings();
    await page.getByRole('radio', { name: 'Light' }).check();
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await background(), 'rgb(247, 247, 248)', 'light holds whatever the system says');
    assert.ok(!isDarkColour(await computed('.editor-host .monaco-editor', 'backgroundColor')), 'Monaco turns light at once');

    await page.getByRole('radio', { name: 'System (follows your device)' }).check();
    assert.equal(await background(), 'rgb(22, 24, 28)');
    assert.ok(isDarkColour(await computed('.editor-host .monaco-editor', 'backgroundColor')));
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await background(), 'rgb(247, 247, 248)');
    await page.locator('.editor-host .monaco-editor.vs').waitFor();
    assert.ok(!isDarkColour(await computed('.editor-host .monaco-editor', 'backgroundColor')), 'Monaco follows the system too');
    await page.getByRole('button', { name: 'Close' }).click();
    assert.equal(await activeText(), 'Settings', 'Close puts the focus back on the button');
  });

  it('font size and word wrap change the editor at once, are kept, and reach the other editors', async () => {
    await openKata();
    assert.equal(await computed('.editor-host .view-lines', 'fontSize'), '14px');
    await pasteCode(`// ${'a long comment '.repeat(60)}\n${helloCorrect}`);
    const lines = () => page.locator('.editor-host .view-lines .view-line').count();
    const unwrapped = await lines();

    await openSettings();
    await page.getByLabel(/Editor font size/).fill('20');
    assert.equal(await computed('.editor-host .view-lines', 'fontSize'), '20px');
    await page.getByRole('checkbox', { name: 'Wrap long lines' }).check();
    await closeSettings();
    assert.ok((await lines()) >= unwrapped + 5, `the long line wraps: ${unwrapped} lines, then ${await lines()}`);

    await page.locator('.save-state[data-state="saved"]').waitFor();
    await page.reload();
    await page.locator('.editor-host .monaco-editor textarea').waitFor();
    assert.equal(await computed('.editor-host .view-lines', 'fontSize'), '20px', 'kept');
    assert.ok((await lines()) >= unwrapped + 5, 'still wrapped');

    // A past submission's code, read-only in History, follows the same settings.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.locator('.result[data-status="passed"]').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.history tbody tr').first().getByRole('button', { name: 'Open' }).click();
    await page.locator('dialog[open] .monaco-editor .view-lines', { hasText: 'a long comment' }).waitFor();
    assert.equal(await computed('dialog[open] .monaco-editor .view-lines', 'fontSize'), '20px');
    await page.getByRole('button', { name: 'Close' }).click();

    // So does a candidate's editor on an assignment's page, which has the Settings button too.
    const ivy = await signedIn(server.url, 'ivy@example.test');
    const { token } = await createAssignment(ivy);
    await page.goto(`${server.url}/a/${token}`);
    await page.locator('.practice .monaco-editor textarea').waitFor();
    assert.equal(await computed('.practice .view-lines', 'fontSize'), '20px');
    await openSettings();
    await page.getByLabel(/Editor font size/).fill('16');
    assert.equal(await computed('.practice .view-lines', 'fontSize'), '16px');
    await page.getByRole('checkbox', { name: 'Wrap long lines' }).uncheck();
    await closeSettings();
  });

  it('vim keybindings: not fetched while off; once on, a status line and vim keys (dd deletes a line)', async () => {
    await openKata();
    await pasteCode('const first = 1;\nconst second = 2;\nconst third = 3;\n');
    await page.locator('.save-state[data-state="saved"]').waitFor();
    await page.reload();
    await page.locator('.editor-host .monaco-editor textarea').waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok(requests.length > 10, 'requests are being seen');
    assert.deepEqual(requests.filter((url) => vimChunk.test(url)), [], 'vim was never on: its code was never fetched');
    const status = page.locator('.editor-host .vim-status');
    assert.equal(await status.isVisible(), false);

    await openSettings();
    const fetched = page.waitForRequest(vimChunk);
    await page.getByRole('checkbox', { name: 'Vim keybindings' }).check();
    await fetched;
    await status.filter({ hasText: '--NORMAL--' }).waitFor();
    await closeSettings();

    await page.locator('.editor-host .view-lines').click();
    await page.keyboard.press('Escape');
    await page.keyboard.type('ggdd');
    await page.locator('.editor-host .view-lines', { hasNotText: 'const first' }).waitFor();
    assert.match(await editorText(), /^const second = 2;\nconst third = 3;/);
    await page.keyboard.type('i');
    await status.filter({ hasText: '--INSERT--' }).waitFor();
    await page.keyboard.type('// ');
    await page.keyboard.press('Escape');
    await status.filter({ hasText: '--NORMAL--' }).waitFor();
    assert.match(await editorText(), /^\/\/ const second = 2;/);

    // Kept across a reload: on from the start.
    await page.locator('.save-state[data-state="saved"]').waitFor();
    await page.reload();
    await status.filter({ hasText: '--NORMAL--' }).waitFor();
    await page.locator('.editor-host .view-lines').click();
    await page.keyboard.type('ggdd');
    await page.locator('.editor-host .view-lines', { hasNotText: 'second' }).waitFor();

    // Off again: no status line, and "dd" is text.
    await openSettings();
    await page.getByRole('checkbox', { name: 'Vim keybindings' }).uncheck();
    await closeSettings();
    assert.equal(await status.isVisible(), false);
    await page.locator('.editor-host .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('dd');
    await page.locator('.editor-host .view-lines', { hasText: 'ddconst third' }).waitFor();
  });

  it('raised no script errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});

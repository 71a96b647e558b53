// The learner's page as it is used on a phone (390×844) and a desktop (1280×800), light and dark:
// a layout that fits the screen, splits that follow the mouse and the keys and are remembered, an
// outdated marker over results of code since edited, tabs and the editor's way out by keyboard,
// an accessibility check with axe-core, and probe messages under labels that say what they are.
// Set KATABOX_SHOTS to a folder to keep screenshots of the pages at both sizes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { addUser, createAssignment, signedIn } from '../api/accounts.js';
import { startTestServer, type TestServer } from '../api/server.js';
import { helloCorrect } from '../api/solutions.js';
import { launchChromium, openKata as openKataAt, openPage, pasteCode, seriousAxeViolations as axeViolations, waitForEditor } from './browser.js';

const shots = process.env.KATABOX_SHOTS;

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
type Scheme = 'light' | 'dark';

/** Answers 201 where every probe of hello-server wants 200. */
const helloCreated = helloCorrect.replace('200', '201');
/** Starts no server at all. */
const neverListens = `import http from 'node:http';

http.createServer((req, res) => res.end('never reached'));
`;

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

/** A new learner (own context: own cookie, own localStorage) on a page of this size and scheme. */
async function learner(viewport: { width: number; height: number }, colorScheme: Scheme = 'light'): Promise<Page> {
  const page = await openPage(browser, pageErrors, { viewport, colorScheme });
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

const openKata = (page: Page, slug = 'hello-server') => openKataAt(page, `${server.url}/katas/${slug}`);

async function box(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await page.locator(selector).first().boundingBox();
  assert.ok(found, `${selector} is on the page`);
  return found;
}

const pageWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

/** Each button's box lies wholly inside the viewport. */
async function assertInReach(page: Page, names: string[], where: string): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const name of names) {
    const b = await page.getByRole('button', { name, exact: true }).boundingBox();
    assert.ok(b, `${name} is shown (${where})`);
    assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width && b.y + b.height <= viewport.height, `${name} is on screen (${where}): ${JSON.stringify(b)}`);
    assert.ok(b.width >= 40 && b.height >= 32, `${name} is big enough to tap (${where}): ${JSON.stringify(b)}`);
  }
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });
}

describe('on a phone (390×844)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`stacks prompt, editor and results within the screen, with Reset, Run and Submit always in reach (${scheme})`, async () => {
      const page = await learner(phone, scheme);
      await openKata(page);
      assert.equal(await pageWidth(page), phone.width, 'the page is no wider than the screen');
      const title = await box(page, '.topbar h1');
      assert.ok(title.width >= 150 && title.height >= 18 && title.y >= 0, `the title is readable, at the top: ${JSON.stringify(title)}`);
      assert.equal(await page.evaluate('window.scrollY'), 0, 'the page opens at its top, not scrolled to the editor');
      assert.ok(Number.parseFloat((await page.evaluate(`getComputedStyle(document.querySelector('.topbar h1')).fontSize`)) as string) >= 16);
      const [prompt, editor, tabs] = [await box(page, '.prompt'), await box(page, '.editor-area'), await box(page, '[role=tablist]')];
      assert.ok(prompt.y + prompt.height <= editor.y + 1 && editor.y + editor.height <= tabs.y + 1, 'prompt, then editor, then the result tabs');
      for (const part of [prompt, editor, tabs]) assert.ok(part.width >= phone.width - 2, `each part takes the whole width: ${JSON.stringify(part)}`);
      assert.ok(editor.height >= 300, `the editor has room: ${editor.height}`);
      assert.equal(await page.locator('[role=separator]:visible').count(), 0, 'no splits to drag on a phone');
      await shot(page, `kata-390-${scheme}`);

      const buttons = ['Reset to starter', 'Run', 'Submit'];
      await assertInReach(page, buttons, 'at the top');
      await page.locator('.editor-area').scrollIntoViewIfNeeded();
      await assertInReach(page, buttons, 'at the editor');
      await pasteCode(page, helloCreated);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.locator('.result').waitFor();
      await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      await assertInReach(page, buttons, 'at the bottom, under the results');
      assert.equal(await pageWidth(page), phone.width, 'the results, curl lines included, fit the screen');
      // Nothing the page keeps at the bottom hides the last result.
      const bar = await box(page, '.kata-actions');
      const last = await box(page, '.probe:last-of-type');
      assert.ok(last.y + last.height <= bar.y + 1, 'the last probe ends above the action bar');
      await shot(page, `kata-390-${scheme}-results`);
      await page.context().close();
    });
  }

  it('shows the catalog within the screen', async () => {
    const page = await learner(phone);
    await page.goto(`${server.url}/`);
    await page.locator('.kata-card').first().waitFor();
    assert.equal(await pageWidth(page), phone.width);
    const card = await box(page, '.kata-card');
    assert.ok(card.x >= 0 && card.x + card.width <= phone.width);
    await shot(page, 'catalog-390-light');
    await page.context().close();
  });

  it('gives a candidate the same layout: the take fits the screen, Run and Submit stay in reach, the katas are tabs', async () => {
    const staff = await signedIn(server.url, 'admin@example.test');
    const { token } = await createAssignment(staff, { katas: ['hello-server', 'parse-url'] });
    const page = await learner(phone);
    await page.goto(`${server.url}/a/${token}`);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('timer').waitFor();
    await page.locator('.take-kata:not([hidden]) .editor-host .monaco-editor textarea').waitFor();
    assert.equal(await pageWidth(page), phone.width);
    await assertInReach(page, ['Run', 'Submit'], 'at the top of the take');
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await assertInReach(page, ['Run', 'Submit'], 'at the bottom of the take');

    await pasteCode(page, helloCreated, '.take-kata:not([hidden])');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const probe = page.locator('.take-kata:not([hidden]) .probe[data-probe="status-200"]');
    await probe.waitFor();
    assert.deepEqual(await probe.locator('dl.check dt').allInnerTexts(), ['Checked', 'Expected', 'Got', 'Hint']);
    assert.equal(await pageWidth(page), phone.width);
    await shot(page, 'take-390-light');

    // The katas are tabs: the arrow keys go from one to the next.
    const tabs = page.getByRole('tablist', { name: 'Katas' }).getByRole('tab');
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('.take-kata[data-slug="parse-url"]').isVisible(), true);
    assert.equal(await page.locator('.take-kata[data-slug="hello-server"]').isVisible(), false);
    await page.context().close();
  });

  it("fits the interviewer's dashboard and review on the screen", async () => {
    const staff = await signedIn(server.url, 'admin@example.test');
    const { id } = await createAssignment(staff);
    const page = await learner(phone);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill('admin@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/interviewer$/);
    await page.getByRole('region', { name: 'New assignment' }).waitFor();
    await page.locator('tr', { hasText: 'Casey Candidate' }).first().waitFor();
    assert.equal(await pageWidth(page), phone.width, 'the dashboard fits');
    await page.goto(`${server.url}/interviewer/assignments/${id}`);
    await page.getByRole('region', { name: 'Review' }).waitFor();
    assert.equal(await pageWidth(page), phone.width, 'the review fits');
    await page.context().close();
  });
});

describe('on a desktop (1280×800)', () => {
  it('moves the prompt | editor split with the mouse, and keeps it after a reload', async () => {
    const page = await learner(desktop);
    await openKata(page);
    const separator = page.getByRole('separator', { name: 'Resize the prompt and the editor' });
    assert.equal(await separator.getAttribute('aria-orientation'), 'vertical');
    const before = await box(page, '.prompt');
    const editorBefore = await box(page, '.editor-host .monaco-editor');
    const handle = (await separator.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 200);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 100, handle.y + 200, { steps: 4 });
    await page.mouse.move(handle.x + handle.width / 2 + 200, handle.y + 200, { steps: 4 });
    await page.mouse.up();
    const after = await box(page, '.prompt');
    assert.ok(Math.abs(after.width - before.width - 200) <= 6, `the prompt is 200 px wider: ${before.width} → ${after.width}`);
    // Monaco lays itself out again in the room left.
    const editorWidth = () => page.evaluate(`document.querySelector('.editor-host .monaco-editor').getBoundingClientRect().width`) as Promise<number>;
    const until = Date.now() + 5000;
    while ((await editorWidth()) > editorBefore.width - 190 && Date.now() < until) await sleep(50);
    assert.ok((await editorWidth()) <= editorBefore.width - 190, `the editor is narrower: ${editorBefore.width} → ${await editorWidth()}`);
    const share = Number(await separator.getAttribute('aria-valuenow'));
    assert.equal(share, Math.round((after.width / desktop.width) * 100));

    await page.reload();
    await waitForEditor(page);
    const reloaded = await box(page, '.prompt');
    assert.ok(Math.abs(reloaded.width - after.width) <= 2, `the width is remembered: ${after.width} → ${reloaded.width}`);
    assert.equal(Number(await separator.getAttribute('aria-valuenow')), share);
    await page.context().close();
  });

  it('moves the editor / results split with the arrow keys, Home and End, and keeps it after a reload', async () => {
    const page = await learner(desktop);
    await openKata(page);
    const separator = page.getByRole('separator', { name: 'Resize the editor and the results' });
    assert.equal(await separator.getAttribute('aria-orientation'), 'horizontal');
    assert.equal(await separator.getAttribute('aria-valuenow'), '60');
    const work = await box(page, '.work');
    const before = await box(page, '.editor-area');
    await separator.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await separator.getAttribute('aria-valuenow'), '50');
    const smaller = await box(page, '.editor-area');
    assert.ok(Math.abs(before.height - smaller.height - work.height * 0.1) <= 2, `the editor gave a tenth of the height to the results: ${before.height} → ${smaller.height}`);
    await page.keyboard.press('End');
    assert.equal(await separator.getAttribute('aria-valuenow'), await separator.getAttribute('aria-valuemax'));
    await page.keyboard.press('Home');
    assert.equal(await separator.getAttribute('aria-valuenow'), await separator.getAttribute('aria-valuemin'));
    await page.keyboard.press('ArrowDown');
    const kept = await box(page, '.editor-area');
    const results = await box(page, '.panel');
    assert.ok(results.height > work.height * 0.7, `the results have most of the height: ${results.height} of ${work.height}`);

    await page.reload();
    await waitForEditor(page);
    assert.equal(await separator.getAttribute('aria-valuenow'), '25');
    assert.ok(Math.abs((await box(page, '.editor-area')).height - kept.height) <= 2, 'the height is remembered');
    await page.context().close();
  });

  it('marks a result outdated once the code is edited, until the next run', async () => {
    const page = await learner(desktop);
    await openKata(page);
    await pasteCode(page, helloCorrect);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.locator('.verdict .score', { hasText: 'Score 100/100' }).waitFor();
    const marker = page.locator('.outdated');
    assert.equal(await marker.count(), 0, 'a fresh result is not outdated');

    await page.locator('.editor-host .view-lines').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\n// one more line');
    await page.getByRole('tabpanel', { name: 'Results' }).locator('.outdated').filter({ hasText: 'Outdated: the code has changed since this result' }).waitFor();
    assert.equal(await page.locator('.verdict .score').innerText(), 'Score 100/100', 'the old result stays readable');
    await page.getByRole('tab', { name: 'Output' }).click();
    assert.equal(await page.getByRole('tabpanel', { name: 'Output' }).locator('.outdated').isVisible(), true, 'the output is of the old code too');
    await shot(page, 'kata-1280-light-outdated');

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.verdict', { hasText: 'Run (sample probes)' }).waitFor();
    assert.equal(await marker.count(), 0, 'the next run clears the marker');
    await page.context().close();
  });

  it('moves between the result tabs with the arrow keys, Home and End', async () => {
    const page = await learner(desktop);
    await openKata(page);
    const tablist = page.getByRole('tablist', { name: 'Results, output and history' });
    const tab = (name: string) => tablist.getByRole('tab', { name });
    const focused = () => page.evaluate('document.activeElement.textContent') as Promise<string>;
    const selected = async () => (await tablist.locator('[aria-selected=true]').allInnerTexts()).join();
    await tab('Results').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'Output');
    assert.equal(await selected(), 'Output');
    assert.equal(await page.getByRole('tabpanel', { name: 'Output' }).isVisible(), true);
    assert.equal(await page.getByRole('tabpanel', { name: 'Results' }).count(), 0, 'the other panels are hidden');
    const names = await tablist.getByRole('tab').allInnerTexts();
    assert.deepEqual(names.slice(0, 3), ['Results', 'Output', 'History']);
    const lastTab = names.at(-1)!;
    await page.keyboard.press('End');
    assert.equal(await focused(), lastTab);
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'Results', 'the arrows wrap around');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await selected(), lastTab);
    await page.keyboard.press('Home');
    assert.equal(await selected(), 'Results');
    // One tab in the Tab order: Tab goes on to the panel.
    assert.deepEqual(await page.evaluate(`[...document.querySelectorAll('.panel [role=tab]')].map((t) => t.tabIndex)`), names.map((_, i) => (i === 0 ? 0 : -1)));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.getAttribute("role")'), 'tabpanel');
    assert.equal(await page.evaluate('document.activeElement.getAttribute("aria-labelledby")'), await tab('Results').getAttribute('id'));
    await page.context().close();
  });

  it('indents with Tab in the editor, and says under it how to leave with Ctrl+M', async () => {
    const page = await learner(desktop);
    await openKata(page);
    const hint = page.locator('.editor-keys');
    assert.match(await hint.innerText(), /Tab indents\. To leave the editor with the keyboard, press Ctrl\+M, then Tab\./);
    await page.locator('.editor-host .view-lines').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('x');
    await page.locator('.editor-host .view-line', { hasText: /^\s+x$/ }).waitFor();
    assert.equal(await page.evaluate(`!!document.activeElement.closest('.monaco-editor')`), true, 'Tab stayed in the editor');

    await page.keyboard.press('Control+M');
    await hint.filter({ hasText: 'Tab now moves the focus out of the editor. Ctrl+M makes it indent again.' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(`!!document.activeElement.closest('.monaco-editor')`), false, 'Tab left the editor');
    assert.equal(await page.evaluate('document.activeElement.getAttribute("aria-label")'), 'Resize the editor and the results');
    await page.context().close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe-core findings on the catalog and the kata page (${scheme})`, async () => {
      const page = await learner(desktop, scheme);
      await page.goto(`${server.url}/`);
      await page.locator('.kata-card').first().waitFor();
      assert.deepEqual(await axeViolations(page), [], 'catalog');
      await shot(page, `catalog-1280-${scheme}`);

      await openKata(page);
      await pasteCode(page, helloCreated);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.locator('.result').waitFor();
      await page.locator('.editor-host .view-lines').click();
      await page.keyboard.type('// edited');
      await page.locator('.outdated').first().waitFor();
      assert.deepEqual(await axeViolations(page), [], 'kata page with a result');
      await shot(page, `kata-1280-${scheme}`);
      await page.getByRole('tab', { name: 'History' }).click();
      assert.deepEqual(await axeViolations(page), [], 'kata page, History');

      await page.setViewportSize(phone);
      assert.deepEqual(await axeViolations(page), [], 'kata page on a phone');
      await page.context().close();
    });
  }
});

describe('probe messages', () => {
  it('says "Not run" for probes of a server that never listened, and Expected only for a comparison', async () => {
    const page = await learner(desktop);
    await openKata(page);
    await pasteCode(page, neverListens);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.result[data-status="did_not_listen"]').waitFor({ timeout: 30_000 });
    const notRun = page.locator('.probe[data-probe="status-200"] .probe-why');
    assert.equal(await notRun.innerText(), 'Not run: the server never listened');
    assert.equal(await page.locator('.result', { hasText: 'Expected' }).count(), 0, 'nothing was compared');

    await pasteCode(page, helloCreated);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.result[data-status="failed"]').waitFor();
    const check = page.locator('.probe[data-probe="status-200"] dl.check');
    assert.deepEqual((await check.locator('dt').allInnerTexts()).slice(0, 3), ['Checked', 'Expected', 'Got']);
    assert.deepEqual((await check.locator('dd').allInnerTexts()).slice(0, 3), ['status', '200', '201']);
    assert.doesNotMatch(await page.locator('.result').innerText(), /Expected:? status/);
    await page.context().close();
  });

  it('raised no script errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});

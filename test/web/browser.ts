// Debian's Chromium, headless, driven by playwright-core; no browser is ever downloaded. And what
// every browser test does with it: open a learner's page, wait for the editor, paste code, ask axe.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const chromiumPath = process.env.KATABOX_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A page in a context of its own (its own cookie and storage), 1280×800 unless told otherwise,
 * allowed the clipboard that pasting code needs; its uncaught errors go into `errors`.
 */
export async function openPage(browser: Browser, errors: string[], options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'], ...options });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  return page;
}

/** Waits until the (first) editor takes typing and Run can be pressed. */
export async function waitForEditor(page: Page): Promise<void> {
  await page.locator('.editor-host .monaco-editor textarea').first().waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).and(page.locator(':enabled')).first().waitFor();
}

/** Opens a kata page and waits for its editor. */
export async function openKata(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForEditor(page);
}

/** Replaces the editor's text the way a learner pastes code in; `scope` picks one editor among several. */
export async function pasteCode(page: Page, code: string, scope = ''): Promise<void> {
  await page.locator(`${scope} .editor-host .view-lines`.trim()).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(code)})`);
  await page.keyboard.press('ControlOrMeta+V');
}

/** The editor's text as shown, with Monaco's non-breaking spaces as spaces. */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-host .view-lines').innerText()).replaceAll('\u00a0', ' ');
}

/** axe-core's script, for `page.evaluate`. */
export const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a script tag, which the page's Content-Security-Policy rightly refuses.
  await page.evaluate(axeSource);
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('; ')}`);
}

/** Moves the mouse onto the first occurrence of a word in the kata page's editor. */
async function hoverWord(page: Page, word: string): Promise<void> {
  // Runs in the page; a string, because this code is compiled without the DOM's types.
  const point = (await page.evaluate(`(() => {
    const walker = document.createTreeWalker(document.querySelector('.editor-host .view-lines'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(${JSON.stringify(word)});
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + ${word.length});
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
  })()`)) as { x: number; y: number } | undefined;
  if (!point) throw new Error(`"${word}" is not in the editor`);
  await page.mouse.move(point.x, point.y);
}

/**
 * Hovers a word in the editor until its hover shows `expected`. A hover asked before the
 * TypeScript worker has Node's typings says `any` and stays so, hence the moving away and back.
 */
export async function hoverUntil(page: Page, word: string, expected: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    await page.mouse.move(0, 0);
    await hoverWord(page, word);
    const shown = await page
      .locator('.monaco-hover', { hasText: expected })
      .first()
      .waitFor({ timeout: 500 })
      .then(() => true, () => false);
    if (shown) return;
    if (performance.now() > deadline) throw new Error(`hovering "${word}" never showed "${expected}"`);
  }
}

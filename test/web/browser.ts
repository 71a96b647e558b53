// Debian's Chromium, headless, driven by playwright-core; no browser is ever downloaded.
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.KATABOX_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
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

// Page weight and editor readiness of the web app, as a learner on a cold cache gets them:
// response bytes for the catalog and for a kata page (as served: brotli; and what a gzip-only
// client would get; headers add about half a kB a request), and the time from navigation until
// the editor accepts typing and until IntelliSense knows Node's types. Headless Debian Chromium, the real server, a temporary database.
// Usage: npm run build && npm run bench:web [-- --runs N]
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../test/api/server.js';
import { hoverUntil, launchChromium } from '../test/web/browser.js';
import { median } from './measure.js';

/** Opens a page in a fresh context (empty cache); what it fetched until `ready` and the network is idle. */
async function coldLoad(browser: Browser, url: string, ready: (page: Page) => Promise<void>): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const urls: string[] = [];
  // Context events include the workers' script requests, which the page's own events miss.
  context.on('requestfinished', (request) => void urls.push(request.url()));
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  await context.close();
  return urls;
}

/** Body bytes of those responses in one encoding, as this server sends them (assets are precompressed). */
async function bodyBytes(urls: string[], encoding: 'br' | 'gzip'): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const res = await fetch(url, { headers: { 'accept-encoding': encoding } });
    const length = res.headers.get('content-length');
    total += length === null ? (await res.arrayBuffer()).byteLength : Number(length);
    if (length !== null) await res.body?.cancel();
  }
  return total;
}

async function weight(name: string, urls: string[]): Promise<string> {
  return `${name}: ${urls.length} requests, ${kB(await bodyBytes(urls, 'br'))} with brotli (what Chromium gets), ${kB(await bodyBytes(urls, 'gzip'))} with gzip`;
}

async function editorReadiness(browser: Browser, url: string): Promise<{ typingMs: number; nodeTypesMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url);
  await page.locator('.editor-host .monaco-editor textarea').waitFor();
  // Typing works once a keystroke shows up in the editor (on a line of its own, at the end).
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n//typed');
  await page.locator('.editor-host .view-lines', { hasText: '//typed' }).waitFor();
  const typingMs = performance.now() - started;
  // IntelliSense knows Node once hovering a Node API shows its declaration.
  await hoverUntil(page, 'statusCode', 'ServerResponse', 60_000);
  const nodeTypesMs = performance.now() - started;
  await context.close();
  return { typingMs, nodeTypesMs };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const ms = (values: number[]) => `median ${Math.round(median(values))} ms (min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))})`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    const catalog = await coldLoad(browser, `${server.url}/`, (p) => p.locator('.kata-card').first().waitFor());
    const kata = await coldLoad(browser, `${server.url}/katas/hello-server`, (p) => p.locator('.editor-host .monaco-editor textarea').waitFor());
    console.log(await weight('catalog page', catalog));
    console.log(`${await weight('kata page', kata)} (Monaco, its TypeScript worker and Node's typings included)`);

    const typing: number[] = [];
    const nodeTypes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await editorReadiness(browser, `${server.url}/katas/hello-server`);
      typing.push(r.typingMs);
      nodeTypes.push(r.nodeTypesMs);
    }
    console.log(`editor accepts typing (cold cache, ${runs} runs): ${ms(typing)}`);
    console.log(`hover knows Node's types (cold cache, ${runs} runs): ${ms(nodeTypes)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();

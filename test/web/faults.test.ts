// The server goes away under a learner's page: a Run says so plainly and offers to try again; a
// submission under way when the server is killed gets its verdict once the server is back,
// without a reload; History says when it cannot load and recovers.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { helloCorrect, helloSlow } from '../api/solutions.js';
import { launchChromium, openKata, openPage, pasteCode as pasteInto } from './browser.js';
import { tempDir } from '../support/temp.js';

const bin = fileURLToPath(new URL('../../../bin/katabox.js', import.meta.url));
const dir = tempDir('faults');
let port: number;
let server: ChildProcess | undefined;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

/** `katabox serve` on the same port and database each time, until it answers. */
async function startServer(): Promise<void> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--db', path.join(dir, 'katabox.db'), '--allow-weak-isolation'], { stdio: 'ignore' });
  server = child;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`katabox serve exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('katabox serve did not answer');
}

async function killServer(): Promise<void> {
  const child = server!;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Pastes the code in and waits until its draft is saved. */
async function pasteCode(code: string): Promise<void> {
  await pasteInto(page, code);
  await page.locator('.save-state[data-state="saved"]').waitFor();
}

before(async () => {
  port = await freePort();
  await startServer();
  browser = await launchChromium();
  page = await openPage(browser, pageErrors);
  await openKata(page, `http://127.0.0.1:${port}/katas/hello-server`);
});
after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) await killServer();
});

describe('when the server goes away', () => {
  it('says a Run did not reach the server, and runs again once it is back', async () => {
    await pasteCode(helloCorrect);
    await killServer();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const alert = page.getByRole('tabpanel', { name: 'Results' }).getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /could not be reached.*not run/s);
    await startServer();
    await page.getByRole('button', { name: 'Run again' }).click();
    await page.locator('.result[data-status="passed"]').waitFor();
  });

  it('shows the verdict of a submission cut short by a hard kill once the server is back', async () => {
    await pasteCode(helloSlow);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.locator('.live-probe').first().waitFor();
    await killServer();
    await page.getByText(/Connection lost — reconnecting/).waitFor();
    await startServer();
    // The server runs what was left queued again (same seed); the page hears of it by itself.
    await page.locator('.result[data-status="passed"]').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.history tbody tr').first().locator('.badge.passed').waitFor();
  });

  it('says when History cannot load, and loads it on request once the server is back', async () => {
    await killServer();
    await page.reload().catch(() => undefined);
    await startServer();
    await page.goto(`http://127.0.0.1:${port}/katas/hello-server`);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.history tbody tr').first().waitFor();
    assert.deepEqual(pageErrors, []);
  });
});

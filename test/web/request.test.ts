// The Request tab in a real browser: a learner writes a request (or pastes a curl command), sends
// it to the server their code starts, and reads the raw response.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addUser, createAssignment, signedIn } from '../api/accounts.js';
import { startTestServer, type TestServer } from '../api/server.js';
import { axeSource, launchChromium, openKata, openPage, pasteCode } from './browser.js';

/** Answers with what it received, and headers that show order, spelling and repeats. */
const echoServer = `import http from 'node:http';

http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    console.log('got ' + req.method + ' ' + req.url);
    if (req.url === '/logo.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
    }
    res.writeHead(201, 'Made It', ['X-Zebra', '1', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2']);
    res.end('<b>' + req.method + ' ' + req.url + ' ' + (req.headers['x-trace'] ?? '') + ' ' + body + '</b>');
  });
}).listen(3000);
`;

let server: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  page = await openPage(browser, pageErrors);
  await openKata(page, `${server.url}/katas/hello-server`);
  // The learner's code, pasted into the editor.
  await pasteCode(page, echoServer);
  await page.getByRole('tab', { name: 'Request' }).click();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const panel = () => page.getByRole('tabpanel', { name: 'Request' });
const field = (label: string) => panel().getByLabel(label, { exact: true });

async function sendAndRead(): Promise<string> {
  await panel().getByRole('button', { name: 'Send' }).click();
  const response = panel().locator('.request-result');
  await response.waitFor({ timeout: 30_000 });
  return response.innerText();
}

describe('the Request tab', () => {
  it('sends the request the learner typed and shows the raw response, as text', async () => {
    await field('Method').fill('POST');
    await field('Path').fill('/items?x=1');
    await field('Headers, one per line').fill('X-Trace: typed\nContent-Type: text/plain');
    await field('Body').fill('hello body');
    const shown = await sendAndRead();
    assert.match(shown, /Answered/);
    const raw = await panel().getByLabel('Raw response').innerText();
    assert.match(raw, /^HTTP\/1\.1 201 Made It\nX-Zebra: 1\nSet-Cookie: a=1\nSet-Cookie: b=2\n/);
    assert.match(raw, /\n\n<b>POST \/items\?x=1 typed hello body<\/b>$/, 'the body as text, not as markup');
    assert.equal(await panel().locator('.raw-response b').count(), 0);
    await panel().getByText('Request sent').click();
    assert.match(await panel().locator('.raw-request').innerText(), /^POST \/items\?x=1 HTTP\/1\.1\nHost: localhost:3000\nX-Trace: typed\nContent-Type: text\/plain\nContent-Length: 10\nConnection: close\n\nhello body$/);
    assert.match(await panel().locator('.output').innerText(), /got POST \/items\?x=1/);
  });

  it('has no serious accessibility violations, answer shown (axe-core)', async () => {
    // Evaluated through the browser's debugging protocol: the page's CSP rightly refuses inline scripts.
    await page.evaluate(axeSource);
    const { passes, violations } = (await page.evaluate(`axe.run(document.getElementById(document.querySelector('[role=tab][aria-selected=true]').getAttribute('aria-controls'))).then((r) => ({
      passes: r.passes.length,
      violations: r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')),
    }))`)) as { passes: number; violations: string[] };
    assert.ok(passes > 10, 'axe checked the panel');
    assert.deepEqual(violations, []);
  });

  it('fills the form from a pasted curl command, and sends it', async () => {
    const curl = `curl -X PUT 'http://localhost:3000/things/7?y=2' \\\n  -H 'X-Trace: pasted' \\\n  --data-raw 'from curl'`;
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(curl)})`);
    await field('Paste curl').click();
    await page.keyboard.press('ControlOrMeta+V');
    await panel().getByText('Filled in from the curl command').waitFor();
    assert.equal(await field('Method').inputValue(), 'PUT');
    assert.equal(await field('Path').inputValue(), '/things/7?y=2');
    assert.equal(await field('Headers, one per line').inputValue(), 'X-Trace: pasted\nContent-Type: application/x-www-form-urlencoded');
    assert.equal(await field('Body').inputValue(), 'from curl');
    // Ctrl/Cmd+Enter in the form sends the request (and does not start a Run).
    await field('Body').press('ControlOrMeta+Enter');
    await panel().locator('.request-result').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole('tabpanel', { name: 'Request' }).isVisible(), true);
    assert.match(await panel().getByLabel('Raw response').innerText(), /<b>PUT \/things\/7\?y=2 pasted from curl<\/b>$/);
  });

  it('says what is wrong with a curl command it cannot read, leaving the form as it was', async () => {
    await field('Paste curl').fill('curl -F file=@x.png http://localhost:3000/upload');
    await panel().getByRole('button', { name: 'Fill in from curl' }).click();
    assert.match(await panel().locator('.curl-message').innerText(), /Could not read the curl command: the curl option -F is not supported here/);
    assert.equal(await field('Path').inputValue(), '/things/7?y=2');
  });

  it("shows the server's refusal of a bad request, and a binary body as bytes", async () => {
    await field('Path').fill('things');
    await panel().getByRole('button', { name: 'Send' }).click();
    assert.match(await panel().getByRole('alert').innerText(), /The request cannot be sent: the path must start with \//);
    await field('Method').fill('GET');
    await field('Path').fill('/logo.png');
    await field('Headers, one per line').fill('');
    await field('Body').fill('');
    await sendAndRead();
    const raw = await panel().getByLabel('Raw response').innerText();
    assert.match(raw, /\n\n00000000 {2}89 50 4e 47 0d 0a 1a 0a 00 {23}\.PNG\.\.\.\.\.$/);
    assert.match(await panel().innerText(), /The body is not UTF-8 text: shown as bytes \(9\)\./);
    assert.deepEqual(pageErrors, []);
  });
});

describe('on a timed assignment', () => {
  it("lets the candidate send a request to their kata's server", async () => {
    addUser(server.db, 'ivy@example.test', 'interviewer');
    const { token } = await createAssignment(await signedIn(server.url, 'ivy@example.test'), { minutes: 20 });
    const candidate = await browser.newPage();
    await candidate.goto(`${server.url}/a/${token}`);
    await candidate.getByRole('button', { name: 'Start' }).click();
    const kata = candidate.locator('.take-kata:not([hidden])');
    await kata.locator('.editor-host .monaco-editor textarea').waitFor();
    await kata.getByText('Send your own request').click();
    await kata.getByLabel('Path', { exact: true }).fill('/from-the-take');
    await kata.getByRole('button', { name: 'Send' }).click();
    await kata.locator('.request-result').waitFor({ timeout: 30_000 });
    // The starter's answer: the candidate's own code, not the reference.
    assert.match(await kata.getByLabel('Raw response').innerText(), /^HTTP\/1\.1 501 Not Implemented\n[\s\S]*\n\nNot implemented yet\n?$/);
    await candidate.close();
  });
});

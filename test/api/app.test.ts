// The app's surface: health, OpenAPI, pages, the bundle, and errors as { error, message }.
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { after, before, describe, it } from 'node:test';
import { Learner, startTestServer, type TestServer } from './server.js';

let server: TestServer;
let learner: Learner;
before(async () => {
  server = await startTestServer();
  learner = new Learner(server.url);
});
after(() => server.close());

describe('operations', () => {
  it('answers GET /api/health', async () => {
    const res = await learner.get('/api/health');
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
    assert.ok(['full', 'partial'].includes(res.body.isolation));
  });

  it('describes the API in OpenAPI at /api/docs', async () => {
    const res = await learner.get('/api/docs');
    assert.equal(res.status, 200);
    assert.match(res.body.openapi, /^3\./);
    for (const route of ['/api/katas', '/api/katas/{slug}', '/api/katas/{slug}/draft', '/api/katas/{slug}/run', '/api/katas/{slug}/submissions', '/api/submissions/{id}', '/api/health']) {
      assert.ok(res.body.paths[route], `documents ${route}`);
    }
    assert.ok(res.body.paths['/api/katas/{slug}/run'].post.requestBody, 'with request schemas');
  });

  it('is a valid OpenAPI document in which every operation has a unique camelCase operationId', async () => {
    const doc = (await learner.get('/api/docs')).body;
    const checked = await new Validator().validate(doc);
    assert.equal(checked.valid, true, JSON.stringify(checked.errors, null, 2));
    const operations = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ at: `${method.toUpperCase()} ${route}`, id: op.operationId })),
    );
    for (const { at, id } of operations) assert.match(id ?? '', /^[a-z][A-Za-z0-9]*$/, `${at} has no camelCase operationId`);
    const ids = operations.map((o) => o.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate operationIds: ${ids.join(', ')}`);
    for (const id of ['submitSolution', 'getSubmission', 'streamSubmissionEvents', 'rerunSubmission', 'runSamples', 'listKatas']) assert.ok(ids.includes(id), `has ${id}`);
  });
});

describe('pages and bundle', () => {
  it('serves the catalog and kata pages with a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/katas/hello-server']) {
      const res = await learner.get(path);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/html/);
      assert.match(res.text, /<div id="app">/);
      const csp = res.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /worker-src 'self' blob:/);
    }
    assert.equal((await learner.get('/katas/no-such-kata')).status, 404);
  });

  it('serves hashed assets pre-compressed and cached for good, all from this server', async () => {
    const html = (await learner.get('/')).text;
    const scripts = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => u !== 'data:,');
    assert.ok(scripts.length > 0);
    for (const url of scripts) assert.match(url, /^\/assets\//, 'nothing from another origin');
    const res = await fetch(`${server.url}${scripts[0]}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.match(res.headers.get('cache-control')!, /immutable/);
  });
});

describe('errors', () => {
  it('are JSON { error, message } with the fitting status', async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ['GET', '/api/nothing-here', undefined, 404, 'not_found'],
      ['GET', '/api/katas/no-such-kata', undefined, 404, 'not_found'],
      ['GET', '/api/katas/Not%20A%20Slug', undefined, 400, 'bad_request'],
      ['GET', '/api/katas?difficulty=impossible', undefined, 400, 'bad_request'],
      ['GET', '/api/submissions/abc', undefined, 400, 'bad_request'],
      ['PUT', '/api/katas/hello-server/draft', {}, 400, 'bad_request'],
      ['PUT', '/api/katas/hello-server/draft', { code: 'x'.repeat(100_001) }, 400, 'bad_request'],
      ['PUT', '/api/katas/hello-server/draft', { code: 'x'.repeat(600_000) }, 413, 'payload_too_large'],
      ['POST', '/api/katas/no-such-kata/run', { code: '' }, 404, 'not_found'],
    ];
    for (const [method, path, body, status, error] of cases) {
      const res = await learner.request(method, path, body);
      assert.equal(res.status, status, `${method} ${path}`);
      assert.equal(res.body.error, error, `${method} ${path}`);
      assert.equal(typeof res.body.message, 'string');
      assert.ok(res.body.message.length > 0);
    }
    const xml = await learner.request('PUT', '/api/katas/hello-server/draft', '<code/>', { 'content-type': 'application/xml' });
    assert.equal(xml.status, 415);
    assert.equal(xml.body.error, 'unsupported_media_type');
  });
});

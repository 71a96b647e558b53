// The built web UI (dist/web): content-hashed assets, cached for good and sent pre-compressed,
// and index.html for the page routes, where the browser-side code takes over.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, onRequestAsyncHookHandler } from 'fastify';
import { HttpError } from './errors.js';
import type { KataIndex } from './katas.js';
import { KataParams } from '../contract/index.js';

/** Where `npm run build` puts the bundle: dist/web, beside this file's dist/apps. */
export const defaultWebRoot = fileURLToPath(new URL('../../web', import.meta.url));

export async function webRoutes(app: FastifyInstance, options: { root: string; katas: KataIndex; identifyLearner: onRequestAsyncHookHandler }): Promise<void> {
  const { identifyLearner } = options;
  const indexFile = path.join(options.root, 'index.html');
  const html = fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : undefined;
  if (!html) app.log.warn(`the web UI is not built (${indexFile} is missing): run \`npm run build\``);

  const assets = path.join(options.root, 'assets');
  if (fs.existsSync(assets)) {
    await app.register(fastifyStatic, { root: assets, prefix: '/assets/', preCompressed: true, index: false, immutable: true, maxAge: '365d', schemaHide: true });
  }

  const sendPage = (reply: FastifyReply, status: number) => {
    if (!html) throw new HttpError(503, 'not_built', 'The web UI is not built on this server: run `npm run build`.');
    return reply.code(status).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };
  // Pages set the learner cookie, so the page's first API calls already share one identity.
  app.get('/', { schema: { hide: true }, onRequest: identifyLearner }, (_request, reply) => sendPage(reply, 200));
  // The interviewer's pages ask the API who is signed in; they carry no learner identity.
  for (const page of ['/login', '/interviewer', '/interviewer/assignments/:id', '/a/:token']) app.get(page, { schema: { hide: true } }, (_request, reply) => sendPage(reply, 200));
  app.get<{ Params: { slug: string } }>('/katas/:slug', { schema: { hide: true, params: KataParams }, onRequest: identifyLearner }, (request, reply) =>
    sendPage(reply, options.katas.find(request.params.slug) ? 200 : 404),
  );
}

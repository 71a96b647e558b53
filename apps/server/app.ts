// The Fastify app: plugins, error handling, the API and the web UI. Everything it runs against
// (storage, runner, katas) is handed in, so tests build the same app on a temporary database.
import fastifyCookie from '@fastify/cookie';
import sseModule from '@fastify/sse';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { handleClientError, handleError, handleFrameworkError, handleNotFound } from './errors.js';
import { parseJsonBody } from './json-body.js';
import { learnerIdentifier } from './learner.js';
import { ProgressHub } from './progress.js';
import type { RouteContext } from './routes/context.js';
import { accountRoutes, accountScope, sessionSupport } from './routes/accounts.js';
import { assignmentRoutes } from './routes/assignments.js';
import { reviewRoutes } from './routes/reviews.js';
import { Takes } from './assignments/takes.js';
import { healthRoutes } from './routes/health.js';
import { historyExportRoutes } from './routes/history-export.js';
import { kataRoutes } from './routes/katas.js';
import { practiceRoutes } from './routes/practice.js';
import { runRoutes } from './routes/runs.js';
import { submissionRoutes } from './routes/submissions.js';
import { takeRoutes } from './routes/takes.js';
import { addSecurityHeaders } from './security-headers.js';
import { LocalSubmitter, type Submitter } from './submitter.js';
import { QueuedSubmitter } from './queue/queued-submitter.js';
import type { RunQueue } from './queue/run-queue.js';
import { validationError, validatorCompiler } from './validation.js';
import { webRoutes } from './web.js';

export interface AppOptions extends Omit<RouteContext, 'submitter' | 'progress'> {
  /** Runs go through this queue to runner workers; without it, through `runner` in this process. */
  queue?: RunQueue;
  /** Signs learner cookies. */
  secret: string;
  webRoot: string;
  logger: FastifyServerOptions['logger'];
}

// The plugin is CommonJS whose types declare an ES default export: at run time the default
// import is the plugin itself.
const fastifySse = sseModule as unknown as typeof sseModule.default;

/** Request bodies carry at most one file of code (100 000 characters) and some JSON around it. */
const BODY_LIMIT_BYTES = 512 * 1024;

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger,
    // A line per request (and per static file) drowns what matters; failures are logged in handleError.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
    schemaErrorFormatter: validationError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
  app.decorateRequest('learner', '');
  app.decorateRequest('newLearner', false);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.addHook('onSend', addSecurityHeaders);
  const progress = new ProgressHub();
  const submitter: Submitter = options.queue
    ? new QueuedSubmitter(options.store, options.queue, progress, app.log)
    : new LocalSubmitter(options.store, options.runner, options.typeChecker, progress, app.log);
  const context: RouteContext = { ...options, submitter, progress };
  const takes = new Takes(options.store, options.katas, submitter, app.log);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Katabox API', version: '1', description: 'Katas, drafts, runs and submissions of the learner: the signed-in account, or else the one the katabox_learner cookie names.' },
      components: {
        securitySchemes: {
          learnerCookie: { type: 'apiKey', in: 'cookie', name: 'katabox_learner' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'katabox_session', description: 'any account, after login or sign-up; changes also need the x-csrf-token header' },
        },
      },
      security: [{ learnerCookie: [] }, { sessionCookie: [] }],
    },
  });
  await app.register(fastifySse);
  await app.register(fastifyCookie, { secret: options.secret });
  const sessions = await sessionSupport(app, options);
  const identifyLearner = learnerIdentifier(options.store, options.rateLimits.identity, sessions);

  await app.register(healthRoutes, context);
  await app.register(async (learnerScope) => {
    learnerScope.addHook('onRequest', identifyLearner);
    // A signed-in learner's changes need the session's CSRF token, as every account's changes do.
    learnerScope.addHook('preHandler', (request, reply, done) => {
      if (!request.account || request.method === 'GET' || request.method === 'HEAD') return done();
      app.csrfProtection(request, reply, done);
    });
    await learnerScope.register(kataRoutes, context);
    await learnerScope.register(runRoutes, context);
    await learnerScope.register(submissionRoutes, context);
    await learnerScope.register(practiceRoutes, context);
    await learnerScope.register(historyExportRoutes, context);
  });
  await app.register(async (scope) => {
    accountScope(scope);
    await scope.register(accountRoutes, { ...context, sessions });
    await scope.register(assignmentRoutes, { ...context, sessions, takes });
    await scope.register(reviewRoutes, { ...context, sessions, takes });
  });
  await app.register(takeRoutes, { ...context, takes });
  await app.register(webRoutes, { root: options.webRoot, katas: options.katas, identifyLearner });
  return { app, submitter, takes };
}

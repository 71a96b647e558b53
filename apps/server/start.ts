// Starting and stopping the whole server: storage, runner, katas, app, and the re-run of
// submissions a previous process left unfinished.
import { detectCapabilities, installedBundles, loadCatalog, RunPool, TypeChecker, type RunPoolOptions } from '../../sandbox/index.js';
import { buildApp } from './app.js';
import { KataIndex } from './katas.js';
import type { Quotas } from './quotas.js';
import type { RateLimits } from './routes/context.js';
import { RunQueue } from './queue/run-queue.js';
import { openStore } from './storage/open.js';
import { defaultWebRoot } from './web.js';

export interface ServerOptions {
  port: number;
  host?: string;
  /** A SQLite file (created on first start) or a postgres:// URL; migrated at start-up. */
  db: string;
  /** A redis:// URL: runs go on its queue, to `katabox runner` workers, instead of an in-process pool. */
  queue?: string;
  /** Serve even when the host cannot jail candidates in namespaces. */
  allowWeakIsolation: boolean;
  katasDir?: string;
  webRoot?: string;
  runner?: Pick<RunPoolOptions, 'concurrency' | 'queueLimit'>;
  rateLimits?: Partial<RateLimits>;
  quotas?: Partial<Quotas>;
  /** Signs learner cookies; by default a secret made on first start and kept in the database. */
  secret?: string;
  /** How long a stopping server lets runs in flight finish (default 10 s). */
  drainMs?: number;
  /** Fastify's logger option; false in tests. */
  logger?: boolean | { level: string };
}

export interface RunningServer {
  url: string;
  port: number;
  isolation: 'full' | 'partial';
  /** Runs go to runner workers through a queue. */
  queue: boolean;
  /** Katas that failed to load, with the reasons. */
  broken: string[];
  close(): Promise<void>;
}

export class WeakIsolationError extends Error {}

/** How long a stopping server waits for the runs in flight. */
const DRAIN_MS = 10_000;

const defaultRateLimits: RateLimits = {
  run: { max: 30, windowMs: 60_000 },
  submit: { max: 10, windowMs: 60_000 },
  // Autosave fires at most every 0.7 s while typing, about 85 a minute.
  draft: { max: 120, windowMs: 60_000 },
  // A classroom behind one address opens the site at once; a script minting ids does not get far.
  identity: { max: 30, windowMs: 10 * 60_000 },
  login: { max: 10, windowMs: 15 * 60_000 },
  // Enough for a classroom behind one address within the hour; too few to probe which emails exist.
  signUp: { max: 20, windowMs: 60 * 60_000 },
  export: { max: 5, windowMs: 10 * 60_000 },
};

const defaultQuotas: Quotas = { drafts: 100, submissionsPerKataPerDay: 200, bytes: 20_000_000 };

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const isolation = detectCapabilities().bwrap ? 'full' : 'partial';
  if (isolation === 'partial' && !options.allowWeakIsolation) {
    throw new WeakIsolationError(
      'this host cannot jail candidate code in namespaces of its own (see `katabox doctor`), so it will not serve untrusted code. ' +
        'Pass --allow-weak-isolation (or set KATABOX_ALLOW_WEAK_ISOLATION=1) to serve anyway.',
    );
  }
  const catalog = loadCatalog(options.katasDir);
  const katas = new KataIndex(catalog.katas, catalog.tracks);
  const store = await openStore(options.db);
  const installed = installedBundles(catalog.katas);
  let queue: RunQueue | undefined;
  try {
    queue = options.queue === undefined ? undefined : await RunQueue.open(options.queue);
  } catch (err) {
    await store.close();
    throw err;
  }
  // Runners on other machines read the kata versions this server asks for from the store.
  if (queue) for (const kata of catalog.katas) await store.keepKataVersion(kata.bundle);
  // An old submission re-runs against the version it met, kept in the store since it first ran.
  const pool = queue ? undefined : new RunPool({ bundles: async (slug, version) => (await installed(slug, version)) ?? store.kataVersion(slug, version), ...options.runner });
  const runner = queue ?? pool!;
  const typeChecker = new TypeChecker();
  try {
    const { app, submitter, takes } = await buildApp({
      store,
      runner,
      queue,
      typeChecker,
      katas,
      isolation,
      rateLimits: { ...defaultRateLimits, ...options.rateLimits },
      quotas: { ...defaultQuotas, ...options.quotas },
      secret: options.secret ?? (await store.signingSecret()),
      webRoot: options.webRoot ?? defaultWebRoot,
      logger: options.logger ?? { level: 'info' },
    });
    // No address in Fastify's line: `katabox serve` prints the one a person clicks.
    await app.listen({ port: options.port, host: options.host ?? '127.0.0.1', listenTextResolver: () => 'listening' });
    // The first run would otherwise also pay for starting the runner and its type checker.
    void pool?.warm().catch((err: Error) => app.log.error({ err }, 'the runner did not start'));
    submitter.resumeUnfinished();
    takes.resume();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`,
      port,
      isolation,
      queue: queue !== undefined,
      broken: catalog.broken.map((e) => e.message),
      async close() {
        // Runs in flight get a moment to finish and be recorded; what is cut short after that
        // stays queued, with its seed, and runs again on the next start.
        takes.close();
        await submitter.drain(options.drainMs ?? DRAIN_MS);
        // Checks still going are dropped, which ends the event streams waiting for them.
        await typeChecker.close();
        await app.close(); // lets requests in flight finish
        await runner.close();
        await submitter.idle();
        await store.close();
      },
    };
  } catch (err) {
    await runner.close();
    await typeChecker.close();
    await store.close();
    throw err;
  }
}

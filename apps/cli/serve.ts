// `katabox serve`: the web app. Flags win over environment variables, which win over defaults.
import { parseArgs } from 'node:util';
import { detectCapabilities } from '../../sandbox/index.js';
import { redisOptions } from '../server/queue/names.js';
import { startServer, WeakIsolationError } from '../server/start.js';
import { stopOnSignal, weakIsolationAllowed } from './lifetime.js';
import { red } from './report.js';

function portFrom(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw Object.assign(new Error(`invalid port "${text}"`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
  return port;
}

/** An operator's own cookie-signing secret must be hard to guess. */
function secretFrom(text: string | undefined): string | undefined {
  if (text !== undefined && text.length < 32) throw Object.assign(new Error('KATABOX_SECRET must be at least 32 characters long'), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
  return text;
}

function queueFrom(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    redisOptions(text);
  } catch (err) {
    throw Object.assign(err as Error, { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
  }
  return text;
}

/** Says which isolation layers are off; loud, because it is about running strangers' code. */
function warnAboutIsolation(): void {
  const off = detectCapabilities().layers.filter((l) => !l.active);
  const banner = '!'.repeat(78);
  console.error(red(`${banner}\n!! PARTIAL ISOLATION: candidate code is NOT jailed in namespaces on this host.`));
  for (const layer of off) console.error(red(`!!   off: ${layer.name} — ${layer.detail}`));
  console.error(red(`!! Serving anyway because the operator allowed weak isolation.\n${banner}`));
}

export async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      queue: { type: 'string' },
      'allow-weak-isolation': { type: 'boolean' },
    },
  });
  const allowWeakIsolation = weakIsolationAllowed(values['allow-weak-isolation']);
  const untilStopped = stopOnSignal('requests');
  let server;
  try {
    server = await startServer({
      port: portFrom(values.port ?? process.env.PORT ?? '3000'),
      host: values.host ?? process.env.KATABOX_HOST,
      db: values.db ?? process.env.KATABOX_DB ?? 'katabox.db',
      queue: queueFrom(values.queue ?? process.env.KATABOX_QUEUE),
      allowWeakIsolation,
      secret: secretFrom(process.env.KATABOX_SECRET),
    });
  } catch (err) {
    if (!(err instanceof WeakIsolationError)) throw err;
    console.error(red(`katabox serve: ${err.message}`));
    return 1;
  }
  if (server.isolation === 'partial') warnAboutIsolation();
  for (const problem of server.broken) console.error(red(problem));
  console.error(`Katabox is serving on ${server.url} (isolation: ${server.isolation}; katabox doctor lists the layers)${server.queue ? '; runs go to the runners on the queue' : ''}`);

  await untilStopped(() => server.close());
  return 0;
}

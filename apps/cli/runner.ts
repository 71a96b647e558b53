// `katabox runner`: a worker that takes runs from the queue. It says first what `katabox doctor`
// says of this host, and refuses to run strangers' code with weak isolation unless told to.
import { parseArgs } from 'node:util';
import { startRunnerWorker } from '../runner/worker.js';
import { redisOptions } from '../server/queue/names.js';
import { doctor } from './doctor.js';
import { stopOnSignal, weakIsolationAllowed } from './lifetime.js';
import { red } from './report.js';
import { UsageError } from './usage-error.js';

function positiveInteger(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number of at least 1, not "${text}"`);
  return n;
}

export async function runner(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { queue: { type: 'string' }, db: { type: 'string' }, concurrency: { type: 'string' }, 'allow-weak-isolation': { type: 'boolean' } },
  });
  const queue = values.queue ?? process.env.KATABOX_QUEUE;
  if (!queue) throw new UsageError('runner needs the queue: --queue redis://host:6379 (or KATABOX_QUEUE)');
  try {
    redisOptions(queue);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const db = values.db ?? process.env.KATABOX_DB ?? 'katabox.db';
  const concurrency = positiveInteger(values.concurrency ?? process.env.KATABOX_CONCURRENCY, '--concurrency');
  // How long a silent worker's runs stay with it before another worker takes them.
  const lockMs = positiveInteger(process.env.KATABOX_QUEUE_LOCK_MS, 'KATABOX_QUEUE_LOCK_MS');
  const full = doctor() === 0;
  if (!full && !weakIsolationAllowed(values['allow-weak-isolation'])) {
    console.error(red('katabox runner: this host cannot jail candidate code (see above), so it will not run untrusted code. Pass --allow-weak-isolation (or set KATABOX_ALLOW_WEAK_ISOLATION=1) to run anyway.'));
    return 1;
  }
  const untilStopped = stopOnSignal('runs');
  const worker = await startRunnerWorker({ queue, db, concurrency, lockMs });
  console.error(`Katabox runner ${worker.id} takes runs from the queue (concurrency ${worker.concurrency}, isolation: ${full ? 'full' : 'PARTIAL'})`);
  await untilStopped(() => worker.close());
  return 0;
}

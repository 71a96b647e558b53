// Where the web processes and the runner workers meet in Redis: one BullMQ queue of runs, one
// pub/sub channel of progress events, and the workers' heartbeats.
import type { RedisOptions } from 'bullmq';

export const QUEUE_NAME = 'katabox-runs';
export const PROGRESS_CHANNEL = `${QUEUE_NAME}:progress`;
/** The ids of workers that have beaten; each one's own key says whether it is alive. */
export const WORKERS_KEY = `${QUEUE_NAME}:workers`;
export const workerKey = (id: string) => `${QUEUE_NAME}:worker:${id}`;

/** Connection options from a redis:// or rediss:// URL, or a clear error. */
export function redisOptions(text: string): RedisOptions {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`the queue must be a redis:// URL, not "${text}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`the queue must be a redis:// (or rediss://) URL, not "${text}"`);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`the queue URL names no database number: "${url.pathname}"`);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

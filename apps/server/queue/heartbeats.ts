// Runner workers say they are alive every second; a worker silent for five is counted out. Each
// worker's key expires on its own, so no clock is compared across machines.
import type { Redis } from 'ioredis';
import { WORKERS_KEY, workerKey } from './names.js';

const BEAT_MS = 1000;
const ALIVE_MS = 5000;

export interface LiveWorkers {
  workers: number;
  /** Runs they take at once, together. */
  slots: number;
}

/** Beats for a worker with `slots` runs at once until stopped; stopping says it is gone. */
export function beat(redis: Redis, id: string, slots: number): { stop(): Promise<void> } {
  const once = () => redis.multi().set(workerKey(id), String(slots), 'PX', ALIVE_MS).sadd(WORKERS_KEY, id).exec().catch(() => undefined);
  void once();
  const timer = setInterval(once, BEAT_MS);
  return {
    async stop() {
      clearInterval(timer);
      await redis.multi().del(workerKey(id)).srem(WORKERS_KEY, id).exec().catch(() => undefined);
    },
  };
}

export async function liveWorkers(redis: Redis): Promise<LiveWorkers> {
  const ids = await redis.smembers(WORKERS_KEY);
  if (ids.length === 0) return { workers: 0, slots: 0 };
  const slots = await redis.mget(ids.map(workerKey));
  const gone = ids.filter((_, i) => slots[i] === null);
  if (gone.length > 0) await redis.srem(WORKERS_KEY, ...gone);
  const alive = slots.filter((s): s is string => s !== null).map(Number);
  return { workers: alive.length, slots: alive.reduce((a, b) => a + b, 0) };
}

/**
 * Atomic counters with an expiry, for the rate limits: a read-then-write through keyv would let a
 * burst of simultaneous messages all read the same count. In memory, increments are synchronous;
 * on Redis, INCR is atomic for every instance. A counter that fails or is slow counts nothing, so a
 * question is never refused because Redis is down.
 */
import type KeyvRedis from '@keyv/redis';

export interface Counter {
  /** Adds one to `key` (created with a lifetime of `ttlMs`) and returns the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
}

export function createMemoryCounter(now: () => number = Date.now): Counter {
  const counts = new Map<string, { n: number; expires: number }>();
  return {
    async increment(key, ttlMs) {
      const t = now();
      if (counts.size > 10_000) for (const [k, v] of counts) if (v.expires <= t) counts.delete(k);
      const current = counts.get(key);
      const entry = current && current.expires > t ? current : { n: 0, expires: t + ttlMs };
      entry.n += 1;
      counts.set(key, entry);
      return entry.n;
    },
  };
}

export function createRedisCounter(
  redis: KeyvRedis<unknown>,
  options: { namespace: string; budgetMs?: number; onError?: (error: unknown) => void },
): Counter {
  const budget = options.budgetMs ?? 50;
  return {
    async increment(key, ttlMs) {
      const full = `${options.namespace}:${key}`;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`counter call took longer than ${budget} ms`)), budget);
      });
      try {
        const work = (async () => {
          const client = await redis.getClient();
          const n = Number(await client.incr(full));
          if (n === 1) await client.pExpire(full, ttlMs);
          return n;
        })();
        return await Promise.race([work, late]);
      } catch (error) {
        options.onError?.(error);
        return 0;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * The keyv store behind the cache: in memory when CACHE_URL is empty, Redis (shared by every
 * instance) when it is a redis:// URL. The Redis client and keyv are loaded only for Redis.
 */
import type Keyv from 'keyv';
import { type Counter, createMemoryCounter, createRedisCounter } from './counter.js';
import { createMemoryStore } from './memory-store.js';

export { createMemoryStore, MemoryStore } from './memory-store.js';

/** The shared state: the keyv store of the answer cache, and the counters of the rate limits. */
export interface Stores {
  store: Keyv;
  counter: Counter;
}

export interface StoresOptions {
  /** Budget of the in-memory store, in bytes (no effect with Redis). */
  memoryBytes?: number;
  onError?: (error: unknown) => void;
}

export async function createStores(cacheUrl: string | undefined, options: StoresOptions = {}): Promise<Stores> {
  if (!cacheUrl) return { store: createMemoryStore(options.memoryBytes), counter: createMemoryCounter() };
  const { default: KeyvRedis } = await import('@keyv/redis');
  const { default: Keyv } = await import('keyv');
  // A Redis that is down must not hold answers back: fail calls fast and keep reconnecting.
  const redis = new KeyvRedis(
    {
      url: cacheUrl,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(retries * 200, 5000) },
    },
    { throwOnConnectError: false, throwOnErrors: false },
  );
  const { onError } = options;
  return {
    store: new Keyv({ store: redis, useKeyPrefix: false }),
    counter: createRedisCounter(redis, { namespace: 'rate', ...(onError ? { onError } : {}) }),
  };
}

/** The keyv store alone (benchmarks, tests). */
export async function createStore(cacheUrl: string | undefined): Promise<Keyv> {
  return (await createStores(cacheUrl)).store;
}

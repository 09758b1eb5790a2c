/**
 * The keyv store behind the cache: in memory when CACHE_URL is empty, Redis (shared by every
 * instance) when it is a redis:// URL.
 */
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import QuickLRU from 'quick-lru';
import { type Counter, createMemoryCounter, createRedisCounter } from './counter.js';

/** Entries kept by the in-memory store: the least recently used go first, so memory stays bounded. */
export const MEMORY_ENTRIES = 10_000;

/**
 * In memory: a bounded LRU map, and values kept as objects (no JSON round trip on every hit, which
 * only a shared store needs).
 */
export function createMemoryStore(max = MEMORY_ENTRIES): Keyv {
  return new Keyv({
    store: new QuickLRU<string, unknown>({ maxSize: max }),
    serialize: undefined,
    deserialize: undefined,
  });
}

/** The shared state: the keyv store of the answer cache, and the counters of the rate limits. */
export interface Stores {
  store: Keyv;
  counter: Counter;
}

export function createStores(cacheUrl: string | undefined, onError?: (error: unknown) => void): Stores {
  if (!cacheUrl) return { store: createMemoryStore(), counter: createMemoryCounter() };
  // A Redis that is down must not hold answers back: fail calls fast and keep reconnecting.
  const redis = new KeyvRedis(
    {
      url: cacheUrl,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(retries * 200, 5000) },
    },
    { throwOnConnectError: false, throwOnErrors: false },
  );
  return {
    store: new Keyv({ store: redis, useKeyPrefix: false }),
    counter: createRedisCounter(redis, { namespace: 'rate', ...(onError ? { onError } : {}) }),
  };
}

/** The keyv store alone (benchmarks, tests). */
export function createStore(cacheUrl: string | undefined): Keyv {
  return createStores(cacheUrl).store;
}

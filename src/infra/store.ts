/**
 * The keyv store behind the cache: in memory when CACHE_URL is empty, Redis (shared by every
 * instance) when it is a redis:// URL.
 */
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import { type Counter, createMemoryCounter, createRedisCounter } from './counter.js';
import { estimateBytes } from './size.js';

/** Memory the in-memory store may hold when nothing else is said (`CACHE_MEMORY_MB`). */
const DEFAULT_MEMORY_BYTES = 64 * 2 ** 20;

/**
 * keyv's store interface on an LRU map bounded by bytes: the least recently used entries go first once
 * the estimated bytes of keys and values pass `maxBytes`, so memory stays bounded whatever they hold.
 */
export class MemoryStore {
  readonly lru: LRUCache<string, object>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, object>({
      maxSize: maxBytes,
      sizeCalculation: (value, key) => estimateBytes(key) + estimateBytes(value),
    });
  }

  get(key: string): object | undefined {
    return this.lru.get(key);
  }

  /** keyv passes its TTL too, which lru-cache would take for options: keyv checks expiry itself. */
  set(key: string, value: object): boolean {
    this.lru.set(key, value);
    return true;
  }

  delete(key: string): boolean {
    return this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}

/** In memory: values kept as objects (no JSON round trip on every hit, which only a shared store needs). */
export function createMemoryStore(maxBytes = DEFAULT_MEMORY_BYTES): Keyv {
  return new Keyv({ store: new MemoryStore(maxBytes), serialize: undefined, deserialize: undefined });
}

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

export function createStores(cacheUrl: string | undefined, options: StoresOptions = {}): Stores {
  if (!cacheUrl) return { store: createMemoryStore(options.memoryBytes), counter: createMemoryCounter() };
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
export function createStore(cacheUrl: string | undefined): Keyv {
  return createStores(cacheUrl).store;
}

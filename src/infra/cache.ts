/**
 * The answer cache: keyv (in memory by default), keyed by data version. A cache is a speed-up, never
 * a dependency: every call has a time budget, and a failure or a timeout behaves as a miss.
 */
import type Keyv from 'keyv';
import { createMemoryStore } from './memory-store.js';

export interface CacheOptions {
  /** Prefix of every key: changes with the data, so stale answers are never served. */
  namespace: string;
  /** Time to live of an entry, in ms. */
  ttlMs: number;
  /** Longest wait for any cache call, in ms, before it counts as a miss. */
  budgetMs?: number;
  /** A keyv store (a bounded in-memory one when absent). */
  store?: Keyv;
  /** Called when a call fails or runs out of time. */
  onError?: (error: unknown) => void;
}

export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a value for the cache's TTL, or for `ttlMs` when given. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Whether the last call reached the store (false after an error or a timeout). */
  readonly healthy: boolean;
  close(): Promise<void>;
}

class CacheTimeout extends Error {
  constructor(ms: number) {
    super(`cache call took longer than ${ms} ms`);
  }
}

function withBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheTimeout(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createCache(options: CacheOptions): Cache {
  const budget = options.budgetMs ?? 50;
  const store = options.store ?? createMemoryStore();
  // keyv emits 'error' for store failures; unhandled, an EventEmitter error would crash the process.
  store.on('error', (error: unknown) => options.onError?.(error));
  let healthy = true;
  const key = (k: string) => `${options.namespace}:${k}`;

  async function guarded<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const result = await withBudget(work(), budget);
      healthy = true;
      return result;
    } catch (error) {
      healthy = false;
      options.onError?.(error);
      return fallback;
    }
  }

  return {
    get: <T>(k: string) => guarded(() => store.get<T>(key(k)), undefined),
    set: async (k, value, ttlMs) => {
      await guarded(() => store.set(key(k), value, ttlMs ?? options.ttlMs), false);
    },
    delete: async (k) => {
      await guarded(() => store.delete(key(k)), false);
    },
    get healthy() {
      return healthy;
    },
    close: () => guarded(() => store.disconnect(), undefined),
  };
}

/**
 * The in-memory keyv store (the default, with CACHE_URL empty): apart from the Redis one in
 * `store.ts`, so that an instance without Redis never loads the Redis client.
 */
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
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

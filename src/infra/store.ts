/**
 * The keyv store behind the cache: in memory when CACHE_URL is empty, Redis (shared by every
 * instance) when it is a redis:// URL.
 */
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';

export function createStore(cacheUrl: string | undefined): Keyv {
  if (!cacheUrl) return new Keyv();
  // A Redis that is down must not hold answers back: fail calls fast and keep reconnecting.
  const redis = new KeyvRedis(
    {
      url: cacheUrl,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(retries * 200, 5000) },
    },
    { throwOnConnectError: false, throwOnErrors: false },
  );
  return new Keyv({ store: redis, useKeyPrefix: false });
}

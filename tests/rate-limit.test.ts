import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryCounter } from '../src/infra/counter.js';
import { RateLimiter } from '../src/infra/rate-limit.js';
import { createStores } from '../src/infra/store.js';
import { type RedisServer, redisAvailable, startRedis } from './support/redis.js';

describe('rate limits', () => {
  test('ten questions a minute pass, the eleventh gets one notice, then silence until the window ends', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(
      createMemoryCounter(() => now),
      { limit: 10, windowMs: 60_000 },
      () => now,
    );
    const verdicts = [];
    for (let i = 0; i < 13; i++) verdicts.push(await limiter.check('telegram', '42'));
    expect(verdicts).toEqual([...Array(10).fill('allow'), 'notice', 'silent', 'silent']);
    expect(await limiter.check('telegram', '43')).toBe('allow');
    expect(await limiter.check('discord', '42')).toBe('allow');
    now += 60_000;
    expect(await limiter.check('telegram', '42')).toBe('allow');
  });

  test('two instances sharing a store share the count', async () => {
    const counter = createMemoryCounter();
    const a = new RateLimiter(counter, { limit: 2, windowMs: 60_000 });
    const b = new RateLimiter(counter, { limit: 2, windowMs: 60_000 });
    expect([await a.check('discord', '7'), await b.check('discord', '7'), await a.check('discord', '7')]).toEqual([
      'allow',
      'allow',
      'notice',
    ]);
  });

  test('twenty questions sent at once: exactly the limit pass, one notice, the rest silent', async () => {
    const limiter = new RateLimiter(createMemoryCounter(), { limit: 3, windowMs: 60_000 });
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => limiter.check('telegram', '42')));
    expect(verdicts.filter((v) => v === 'allow')).toHaveLength(3);
    expect(verdicts.filter((v) => v === 'notice')).toHaveLength(1);
    expect(verdicts.filter((v) => v === 'silent')).toHaveLength(16);
  });
});

describe.skipIf(!redisAvailable())('rate limits on Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  test('two instances counting at once on one Redis never let more than the limit through', async () => {
    const a = new RateLimiter((await createStores(redis.url)).counter, { limit: 3, windowMs: 60_000 });
    const b = new RateLimiter((await createStores(redis.url)).counter, { limit: 3, windowMs: 60_000 });
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).check('discord', `user-${redis.url}`)),
    );
    expect(verdicts.filter((v) => v === 'allow')).toHaveLength(3);
    expect(verdicts.filter((v) => v === 'notice')).toHaveLength(1);
  });

  test('with Redis down, questions are let through', async () => {
    const limiter = new RateLimiter((await createStores('redis://127.0.0.1:1')).counter, {
      limit: 1,
      windowMs: 60_000,
    });
    expect([await limiter.check('telegram', '1'), await limiter.check('telegram', '1')]).toEqual(['allow', 'allow']);
  });
});

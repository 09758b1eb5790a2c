import { describe, expect, test } from 'vitest';
import { createCache } from '../src/infra/cache.js';
import { RateLimiter } from '../src/infra/rate-limit.js';

describe('rate limits', () => {
  test('ten questions a minute pass, the eleventh gets one notice, then silence until the window ends', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(
      createCache({ namespace: 'rl', ttlMs: 60_000 }),
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
    const cache = createCache({ namespace: 'rl', ttlMs: 60_000 });
    const a = new RateLimiter(cache, { limit: 2, windowMs: 60_000 });
    const b = new RateLimiter(cache, { limit: 2, windowMs: 60_000 });
    expect([await a.check('discord', '7'), await b.check('discord', '7'), await a.check('discord', '7')]).toEqual([
      'allow',
      'allow',
      'notice',
    ]);
  });
});

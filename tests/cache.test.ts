/**
 * The answer cache, in memory and on a real Redis server: shared between instances, and never a
 * reason for an answer to fail.
 */
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { createMemoryStore, createStore } from '../src/infra/store.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Answers } from '../src/service/answers.js';
import { type RedisServer, redisAvailable, startRedis } from './support/redis.js';

const core = createCore(loadKnowledge());
const render = (a: { title: string }) => `<b>${a.title}</b>`;
const who = { chat: 1, user: 1 };

describe('memory cache', () => {
  test('a repeated question is served from the cache, with the same answer', async () => {
    const answers = new Answers(core, createCache({ namespace: 't', ttlMs: 60_000 }));
    const first = await answers.ask('test', who, 'Is Morocco allowed?', undefined, render);
    const second = await answers.ask('test', who, 'is  MOROCCO allowed ?', undefined, render);
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.rendered).toBe(first.rendered);
  });

  test('questions that differ only in flags, codes or case are different questions', async () => {
    const answers = new Answers(core, createCache({ namespace: 'flags', ttlMs: 60_000 }));
    const titles = [];
    for (const q of ['🇲🇦', '🇮🇳', '🇫🇷 ?', 'MA', 'ma'])
      titles.push((await answers.ask('test', who, q, undefined, render)).answer.title);
    expect(titles.slice(0, 4)).toEqual([
      expect.stringContaining('Morocco'),
      expect.stringContaining('India'),
      expect.stringContaining('France'),
      expect.stringContaining('Morocco'),
    ]);
    expect(titles[4]).not.toContain('Morocco');
  });

  test('a store that throws or hangs costs a recompute, not an answer', async () => {
    const broken = new Keyv({
      store: {
        get: () => Promise.reject(new Error('boom')),
        set: () => new Promise(() => undefined),
        delete: () => Promise.resolve(true),
        clear: () => Promise.resolve(),
      } as never,
    });
    const errors: unknown[] = [];
    const cache = createCache({
      namespace: 't',
      ttlMs: 1000,
      budgetMs: 20,
      store: broken,
      onError: (e) => errors.push(e),
    });
    const answers = new Answers(core, cache);
    const result = await answers.ask('test', who, 'Maroc ?', undefined, render);
    expect(result.rendered).toContain('Maroc');
    expect(result.cached).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    expect(cache.healthy).toBe(false);
  });
});

describe('conversation memory', () => {
  test('kept apart from the answers: a cache full of answers does not push out what a user asked', async () => {
    const answers = new Answers(
      core,
      createCache({ namespace: 'small', ttlMs: 60_000, store: createMemoryStore(40_000) }),
      {
        memory: createCache({ namespace: 'talk', ttlMs: 60_000, store: createMemoryStore(40_000) }),
      },
    );
    const alice = { chat: 'c', user: 'alice' };
    await answers.ask('test', alice, 'Is Morocco allowed?', 'en', render);
    for (const country of ['India', 'France', 'Spain', 'Japan', 'Chile', 'Peru', 'Iran', 'Laos', 'Mali', 'Chad']) {
      await answers.ask('test', { chat: 'c', user: 'bob' }, `Is ${country} allowed?`, 'en', render);
    }
    expect((await answers.ask('test', alice, 'why?', 'en', render)).query.countries).toEqual(['MA']);
  });
});

describe.skipIf(!redisAvailable())('redis cache', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  const answersOn = async () => {
    const cache = createCache({
      namespace: 'answers:test',
      ttlMs: 60_000,
      budgetMs: 200,
      store: await createStore(redis.url),
    });
    return { cache, answers: new Answers(core, cache) };
  };

  test('a conversation started on one instance continues on the other', async () => {
    const a = await answersOn();
    const b = await answersOn();
    const alice = { chat: 'group', user: 'alice' };
    await a.answers.ask('telegram', alice, 'Is Morocco allowed?', 'en', render);
    const why = await b.answers.ask('telegram', alice, 'why?', 'en', render);
    expect(why.query).toMatchObject({ countries: ['MA'], aspect: 'why', followUp: 'why' });
    const other = await b.answers.ask('telegram', { chat: 'group', user: 'bob' }, 'why?', 'en', render);
    expect(other.query.countries).toEqual([]);
    await Promise.all([a.cache.close(), b.cache.close()]);
  });

  test('two instances share cached answers', async () => {
    const a = await answersOn();
    const b = await answersOn();
    expect((await a.answers.ask('telegram', who, 'Is India allowed?', undefined, render)).cached).toBe(false);
    expect((await b.answers.ask('telegram', who, 'Is India allowed?', undefined, render)).cached).toBe(true);
    await Promise.all([a.cache.close(), b.cache.close()]);
  });

  test('Redis killed mid-run: answers go on; Redis back: caching resumes', async () => {
    const { cache, answers } = await answersOn();
    await answers.ask('telegram', who, 'Is Spain allowed?', undefined, render);
    await redis.stop();
    const during = await answers.ask('telegram', who, 'Is Japan allowed?', undefined, render);
    expect(during.rendered).toContain('Japan');
    expect(cache.healthy).toBe(false);
    await redis.start();
    // The client reconnects by itself; ask until a miss is followed by a hit.
    let hit = false;
    for (let i = 0; i < 50 && !hit; i++) {
      await answers.ask('telegram', who, 'Is Canada allowed?', undefined, render);
      hit = (await answers.ask('telegram', who, 'Is Canada allowed?', undefined, render)).cached;
      if (!hit) await new Promise((r) => setTimeout(r, 100));
    }
    expect(hit).toBe(true);
    expect(cache.healthy).toBe(true);
    await cache.close();
  });
});

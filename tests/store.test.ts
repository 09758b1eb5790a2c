/**
 * The in-memory store holds at most its byte budget, whatever the entries hold, and the size estimate
 * behind it errs high.
 */
import type Keyv from 'keyv';
import { describe, expect, test } from 'vitest';
import { buildCorpus } from '../bench/corpus.js';
import { telegramRender } from '../src/adapters/telegram/send.js';
import { createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { estimateBytes } from '../src/infra/size.js';
import { createMemoryStore, type MemoryStore } from '../src/infra/store.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Answers } from '../src/service/answers.js';

const core = createCore(loadKnowledge());
const renderTelegram = telegramRender(core);
const who = { chat: 1, user: 1 };
const KB = 1024;

/** The LRU map under the keyv store, to read what it holds. */
const lruOf = (store: Keyv) => (store.store as MemoryStore).lru;

describe('in-memory store', () => {
  test('past its byte budget, the oldest answers go first and the total stays within budget', async () => {
    const budget = 200 * KB;
    const store = createMemoryStore(budget);
    const answers = new Answers(core, createCache({ namespace: 'budget', ttlMs: 60_000, store }));
    // One question a meaning: the cache keys answers by meaning.
    const byMeaning = new Map(buildCorpus().map((q) => [core.encode(core.understand(q)), q]));
    const questions = [...byMeaning.values()].slice(0, 60);
    expect(questions).toHaveLength(60);
    for (const q of questions) await answers.ask('telegram', who, q, undefined, renderTelegram);

    const lru = lruOf(store);
    expect(lru.size).toBeGreaterThan(0);
    expect(lru.size).toBeLessThan(questions.length);
    expect(lru.calculatedSize).toBeLessThanOrEqual(budget);
    expect((await answers.ask('telegram', who, questions.at(-1) ?? '', undefined, renderTelegram)).cached).toBe(true);
    expect((await answers.ask('telegram', who, questions[0] ?? '', undefined, renderTelegram)).cached).toBe(false);
  });

  test('a Buffer counts for its bytes', async () => {
    const store = createMemoryStore(512 * KB);
    for (let i = 0; i < 10; i++) await store.set(`png${i}`, Buffer.alloc(100 * KB));
    expect(lruOf(store).size).toBe(5);
    expect(await store.get('png0')).toBeUndefined();
    expect(await store.get('png9')).toBeInstanceOf(Buffer);
  });
});

describe('estimateBytes', () => {
  test('never below the JSON text of a cached answer', () => {
    for (const question of buildCorpus()) {
      const query = core.understand(question);
      const answer = core.answer(query);
      const entry = { value: { answer, rendered: renderTelegram(answer, query) }, expires: Date.now() };
      expect(estimateBytes(entry)).toBeGreaterThanOrEqual(JSON.stringify(entry).length);
    }
  });
});

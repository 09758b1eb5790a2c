/**
 * The answer cache through `Answers` (conversation read and written, core, cache, rendering), in
 * memory and on a real Redis (started here when `redis-server` is installed): every question of the
 * first pass has a meaning of its own (each a miss), the second pass asks them again in another order
 * (each a hit, parse included); each answer is binned by whether the cache served it. Also what sizing
 * an entry for the memory budget costs, beside measuring it as JSON.
 *
 * @example
 * npx tsx bench/cache.ts
 */

import { telegramRender } from '../src/adapters/telegram/send.js';
import { type Core, createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { estimateBytes } from '../src/infra/size.js';
import { createStore } from '../src/infra/store.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Answers } from '../src/service/answers.js';
import { redisAvailable, startRedis } from '../tests/support/redis.js';
import { buildCorpus } from './corpus.js';
import { percentile } from './rounds.js';

export interface CacheFigures {
  /** Questions, each a meaning of its own, asked once (misses) then again (hits). */
  meanings: number;
  /** Answers binned by whether the cache served them (a hit that missed would show here). */
  hits: number;
  misses: number;
  hitP50us: number;
  hitP99us: number;
  missP50us: number;
  missP99us: number;
  hitsPerSec: number;
  missesPerSec: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

const TEMPLATES = {
  en: [(c: string) => `Is ${c} allowed?`, (c: string) => `Why is ${c} on the list?`, (c: string) => `since when ${c}`],
  fr: [(c: string) => `Est-ce que ${c} est autorisé ?`, (c: string) => `Pourquoi ${c} ?`],
};

/** Questions with distinct meanings (cache keys): every country, in both languages, several aspects. */
function distinctMeanings(core: Core): string[] {
  const kb = loadKnowledge();
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of Object.values(kb.names)) {
    const asked = [
      ...TEMPLATES.en.flatMap((t) => name.en.slice(0, 1).map(t)),
      ...TEMPLATES.fr.flatMap((t) => name.fr.slice(0, 1).map(t)),
    ];
    for (const question of asked) {
      const query = core.understand(question);
      const key = `${core.encode(query)}|${query.unknownWord ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(question);
      }
    }
  }
  return out;
}

async function measure(cacheUrl: string | undefined): Promise<CacheFigures> {
  const core = createCore(loadKnowledge());
  const questions = distinctMeanings(createCore(loadKnowledge()));
  const store = await createStore(cacheUrl);
  const cache = createCache({ namespace: `bench:${Date.now()}`, ttlMs: 60_000, budgetMs: 1000, store });
  const answers = new Answers(core, cache);
  const render = telegramRender(core);
  // Warm-up on questions of the corpus (JIT), in a namespace of their own: none of the meanings above.
  const warm = new Answers(core, createCache({ namespace: `warm:${Date.now()}`, ttlMs: 60_000, store }));
  for (const [i, q] of buildCorpus().entries()) await warm.ask('warm', { chat: i, user: i }, q, undefined, render);
  let user = 0;
  const pass = async (list: readonly string[], hits: number[], misses: number[]) => {
    const started = performance.now();
    for (const q of list) {
      user++;
      const t0 = performance.now();
      const { cached } = await answers.ask('bench', { chat: user, user }, q, undefined, render);
      (cached ? hits : misses).push((performance.now() - t0) * 1000);
    }
    return performance.now() - started;
  };
  const hits: number[] = [];
  const misses: number[] = [];
  const missMs = await pass(questions, hits, misses);
  const again = questions.map((_q, i) => questions[(i * 7919) % questions.length] as string);
  const hitMs = await pass(again, hits, misses);
  await cache.close();
  hits.sort((a, b) => a - b);
  misses.sort((a, b) => a - b);
  return {
    meanings: questions.length,
    hits: hits.length,
    misses: misses.length,
    hitP50us: round(percentile(hits, 50)),
    hitP99us: round(percentile(hits, 99)),
    missP50us: round(percentile(misses, 50)),
    missP99us: round(percentile(misses, 99)),
    hitsPerSec: Math.round((questions.length / hitMs) * 1000),
    missesPerSec: Math.round((questions.length / missMs) * 1000),
  };
}

export interface SizeFigures {
  /** Mean µs to size one cached entry (answer and Telegram message) with `estimateBytes`. */
  estimateUs: number;
  /** The same with `JSON.stringify(entry).length`. */
  jsonUs: number;
  /** Mean estimate and JSON length of an entry, in bytes and characters. */
  estimateBytes: number;
  jsonChars: number;
}

function measureSizing(): SizeFigures {
  const core = createCore(loadKnowledge());
  const render = telegramRender(core);
  const entries = buildCorpus().map((q) => {
    const query = core.understand(q);
    const answer = core.answer(query);
    return { value: { answer, rendered: render(answer, query) }, expires: Date.now() };
  });
  const perEntry = (size: (entry: unknown) => number) => {
    for (let pass = 0; pass < 3; pass++) for (const entry of entries) size(entry); // warm-up: JIT
    let total = 0;
    const started = performance.now();
    for (let pass = 0; pass < 20; pass++) for (const entry of entries) total += size(entry);
    return { us: ((performance.now() - started) * 1000) / (20 * entries.length), mean: total / (20 * entries.length) };
  };
  const estimate = perEntry(estimateBytes);
  const json = perEntry((entry) => JSON.stringify(entry).length);
  return {
    estimateUs: Math.round(estimate.us * 100) / 100,
    jsonUs: Math.round(json.us * 100) / 100,
    estimateBytes: Math.round(estimate.mean),
    jsonChars: Math.round(json.mean),
  };
}

export async function benchCache(): Promise<{
  memory: CacheFigures;
  redis: CacheFigures | 'redis-server not installed';
  sizing: SizeFigures;
}> {
  const memory = await measure(undefined);
  const sizing = measureSizing();
  if (!redisAvailable()) return { memory, redis: 'redis-server not installed', sizing };
  const redis = await startRedis();
  try {
    return { memory, redis: await measure(redis.url), sizing };
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchCache(), null, 2));
  process.exit(0);
}

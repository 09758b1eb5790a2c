/**
 * The answer cache: latency of a hit and of a miss through `Answers` (core + cache + rendering), and
 * throughput over the question corpus, in memory and on a real Redis (started here when
 * `redis-server` is installed); and what sizing an entry for the memory budget costs, beside
 * measuring it as JSON.
 *
 * @example
 * npx tsx bench/cache.ts
 */

import { telegramRender } from '../src/adapters/telegram/send.js';
import { createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { estimateBytes } from '../src/infra/size.js';
import { createStore } from '../src/infra/store.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Answers } from '../src/service/answers.js';
import { redisAvailable, startRedis } from '../tests/support/redis.js';
import { buildCorpus } from './corpus.js';

export interface CacheFigures {
  hitP50us: number;
  missP50us: number;
  answersPerSec: number;
}

const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function measure(cacheUrl: string | undefined): Promise<CacheFigures> {
  const core = createCore(loadKnowledge());
  const store = createStore(cacheUrl);
  const cache = createCache({ namespace: `bench:${Date.now()}`, ttlMs: 60_000, budgetMs: 1000, store });
  const answers = new Answers(core, cache);
  const render = telegramRender(core);
  const time = async (question: string) => {
    const started = performance.now();
    await answers.ask('bench', { chat: 1, user: 1 }, question, undefined, render);
    return (performance.now() - started) * 1000;
  };
  // Misses: a question never seen (the number makes a new cache key, not a new kind of answer).
  const misses: number[] = [];
  for (let i = 0; i < 500; i++) misses.push(await time(`Is Morocco allowed? ${i}`));
  const hits: number[] = [];
  for (let i = 0; i < 500; i++) hits.push(await time('Is Morocco allowed? 1'));
  const corpus = buildCorpus();
  const started = performance.now();
  for (let pass = 0; pass < 3; pass++)
    for (const [i, q] of corpus.entries()) await answers.ask('bench', { chat: i, user: i }, q, undefined, render);
  const perSec = (corpus.length * 3) / ((performance.now() - started) / 1000);
  await cache.close();
  return { hitP50us: round(median(hits)), missP50us: round(median(misses)), answersPerSec: Math.round(perSec) };
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

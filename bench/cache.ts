/**
 * The answer cache: latency of a hit and of a miss through `Answers` (core + cache + rendering), and
 * throughput over the question corpus, in memory and on a real Redis (started here when
 * `redis-server` is installed).
 *
 * @example
 * npx tsx bench/cache.ts
 */

import { telegramRender } from '../src/adapters/telegram/send.js';
import { createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
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

export async function benchCache(): Promise<{
  memory: CacheFigures;
  redis: CacheFigures | 'redis-server not installed';
}> {
  const memory = await measure(undefined);
  if (!redisAvailable()) return { memory, redis: 'redis-server not installed' };
  const redis = await startRedis();
  try {
    return { memory, redis: await measure(redis.url) };
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchCache(), null, 2));
  process.exit(0);
}

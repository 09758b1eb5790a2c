/**
 * `npm run bench [-- --json] [-- --core-only]`: the speed of the core (answers per second, p50/p99 in
 * microseconds), the knowledge load time and memory, then the cache (hit/miss, memory/Redis) and the
 * platform round trips beside echo bots (Telegram with the memory cache and with Redis).
 */
import { parseArgs } from 'node:util';
// As main.ts does: the young generation held at its initial size while the core loads, then released.
import { releaseYoungGeneration } from '../src/infra/young-generation.js';
import { buildCorpus } from './corpus.js';
import { SYLLABLES } from './questions.js';
import { percentile } from './rounds.js';
import { benchStart, ensureBuilt } from './start.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, 'core-only': { type: 'boolean' } } });

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The core as production runs it: the build's bundle (`dist/core.js`) with the build's knowledge
 * snapshot (`dist/knowledge.js`), not the TypeScript sources through tsx.
 */
async function benchCore() {
  await ensureBuilt();
  const { createCore } = (await import(
    new URL('../dist/core.js', import.meta.url).href
  )) as typeof import('../src/core/index.js');
  const { readKnowledge } = (await import(
    new URL('../dist/knowledge.js', import.meta.url).href
  )) as typeof import('../src/knowledge/snapshot.js');
  const started = performance.now();
  const core = createCore(await readKnowledge());
  const loadMs = performance.now() - started;
  releaseYoungGeneration();
  const corpus = buildCorpus();
  // First pass on a fresh core: every meaning composed for the first time (the memo is empty).
  const first = performance.now();
  for (const q of corpus) core.ask(q);
  const firstPassPerSec = Math.round(corpus.length / ((performance.now() - first) / 1000));
  for (let i = 0; i < 3; i++) for (const q of corpus) core.ask(q); // warm-up: JIT and memo tables
  const samples: number[] = [];
  const passes = 20;
  const t0 = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const q of corpus) {
      const s = performance.now();
      core.ask(q);
      samples.push((performance.now() - s) * 1000);
    }
  }
  const totalMs = performance.now() - t0;
  samples.sort((a, b) => a - b);
  // Places nobody asked about before: each word is new to the typo matcher and the suggestions.
  const unknown: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const word = [i % 12, Math.floor(i / 12) % 12, Math.floor(i / 144) % 12].map((k) => SYLLABLES[k]).join('');
    const s = performance.now();
    core.ask(`Is ${word.charAt(0).toUpperCase()}${word.slice(1)} allowed?`);
    unknown.push((performance.now() - s) * 1000);
  }
  unknown.sort((a, b) => a - b);
  return {
    corpus: corpus.length,
    core: {
      answersPerSec: Math.round((samples.length / totalMs) * 1000),
      firstPassPerSec,
      p50us: round(percentile(samples, 50)),
      p99us: round(percentile(samples, 99)),
      unknownWordP50us: round(percentile(unknown, 50)),
      unknownWordP99us: round(percentile(unknown, 99)),
    },
    loadMs: round(loadMs),
    loadRssMb: round(process.memoryUsage().rss / 2 ** 20),
  };
}

/** Round trips through the platform emulators, and the cache in memory and on Redis. */
async function benchService(): Promise<Record<string, unknown>> {
  // Loaded only now, so that the core's figures (RSS above all) do not include the platform clients.
  const { benchCache } = await import('./cache.js');
  const { benchTelegram } = await import('./telegram.js');
  const { benchDiscord } = await import('./discord.js');
  const { redisAvailable, startRedis } = await import('../tests/support/redis.js');
  const { benchMaps } = await import('./maps.js');
  // The round trips first, while the heap is small: the cache and map benchmarks grow it.
  const out: Record<string, unknown> = { telegram: await benchTelegram(7) };
  if (redisAvailable()) {
    const redis = await startRedis();
    try {
      out.telegramRedis = await benchTelegram(7, redis.url);
    } finally {
      await redis.stop();
    }
  }
  out.discord = await benchDiscord(7);
  out.cache = await benchCache();
  out.maps = await benchMaps();
  return out;
}

const result = { ...(await benchCore()), ...(values['core-only'] ? {} : await benchService()) };
if (!values['core-only']) {
  // The production start (bench/start.ts): spawn of `node dist/main.js` to its first answer, and its memory then.
  const start = await benchStart();
  Object.assign(result, { startMs: start.startMs, rssMb: start.rssMb, start });
}
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const c = result.core;
  process.stdout.write(
    [
      `core: ${c.answersPerSec} answers/s over ${result.corpus} questions, p50 ${c.p50us} µs, p99 ${c.p99us} µs (first pass, nothing composed yet: ${c.firstPassPerSec}/s; a new unknown place: p50 ${c.unknownWordP50us} µs, p99 ${c.unknownWordP99us} µs)`,
      `knowledge load: ${result.loadMs} ms, RSS ${result.loadRssMb} MB`,
      ...Object.entries(result)
        .filter(([k]) => !['corpus', 'core', 'loadMs', 'loadRssMb'].includes(k))
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
    ]
      .map((line) => `${line}\n`)
      .join(''),
  );
}
process.exit(0);

/**
 * `npm run bench [-- --json] [-- --core-only]`: the speed of the core (answers per second, p50/p99 in
 * microseconds), the knowledge load time and memory, then the platform round trips when present.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCore } from '../src/core/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildCorpus } from './corpus.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, 'core-only': { type: 'boolean' } } });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function benchCore() {
  const started = performance.now();
  const core = createCore(loadKnowledge());
  const loadMs = performance.now() - started;
  const corpus = buildCorpus();
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
  return {
    corpus: corpus.length,
    core: {
      answersPerSec: Math.round((samples.length / totalMs) * 1000),
      p50us: round(percentile(samples, 50)),
      p99us: round(percentile(samples, 99)),
    },
    loadMs: round(loadMs),
    rssMb: round(process.memoryUsage().rss / 2 ** 20),
  };
}

/** Platform benchmarks live beside this file once their adapters exist. */
async function benchPlatforms(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const here = new URL('.', import.meta.url);
  if (existsSync(new URL('telegram.ts', here))) {
    const { benchTelegram } = await import('./telegram.js');
    out.telegram = await benchTelegram(300);
  }
  if (existsSync(new URL('discord.ts', here))) {
    const { benchDiscord } = await import('./discord.js');
    out.discord = await benchDiscord(300);
  }
  return out;
}

const result = { ...benchCore(), ...(values['core-only'] ? {} : await benchPlatforms()) };
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const c = result.core;
  process.stdout.write(
    [
      `core: ${c.answersPerSec} answers/s over ${result.corpus} questions, p50 ${c.p50us} µs, p99 ${c.p99us} µs`,
      `knowledge load: ${result.loadMs} ms, RSS ${result.rssMb} MB`,
      ...Object.entries(result)
        .filter(([k]) => k === 'telegram' || k === 'discord')
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
    ]
      .map((line) => `${line}\n`)
      .join(''),
  );
}
process.exit(0);

/**
 * The service as `npm start` builds it, for the round-trip benchmarks: the answer cache (memory or
 * Redis), conversations, Prometheus metrics, per-user rate limits, and logs at the production level
 * (info) written synchronously to a file, as `createLogger` writes them to stdout.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { createLogger, type Logger } from '../src/infra/log.js';
import { createMetrics, type Metrics } from '../src/infra/metrics.js';
import { RateLimiter } from '../src/infra/rate-limit.js';
import { createMemoryStore, createStores } from '../src/infra/store.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Answers } from '../src/service/answers.js';
import { CONVERSATION_TTL_MS } from '../src/service/conversations.js';

const MB = 2 ** 20;

export interface Production {
  answers: Answers;
  log: Logger;
  metrics: Metrics;
  /** Where the log lines go. */
  logFile: string;
  /** Share of answers served from the cache so far. */
  hitRate(): Promise<number>;
  close(): Promise<void>;
}

/** Defaults of `.env.example`: 64 MB of cache, 10 questions a minute per user, info logs. */
export async function production(cacheUrl?: string): Promise<Production> {
  const core = createCore(loadKnowledge());
  const logFile = join(mkdtempSync(join(tmpdir(), 'cyberexport-bench-')), 'bot.log');
  const log = createLogger({ level: 'info', destination: pino.destination({ dest: logFile, sync: true }) });
  const metrics = createMetrics();
  const { store, counter } = await createStores(cacheUrl, { memoryBytes: 64 * MB });
  const namespace = `bench:${process.pid}:${Date.now()}`;
  const cache = createCache({ namespace: `answers:${namespace}`, ttlMs: 3600_000, store });
  const memory = createCache({
    namespace: `conversations:${namespace}`,
    ttlMs: CONVERSATION_TTL_MS,
    store: cacheUrl ? store : createMemoryStore(8 * MB),
  });
  const answers = new Answers(core, cache, {
    memory,
    counter,
    metrics,
    limits: {
      ask: new RateLimiter(counter, { limit: 10, windowMs: 60_000 }),
      inline: new RateLimiter(counter, { limit: 60, windowMs: 60_000 }),
    },
  });
  return {
    answers,
    log,
    metrics,
    logFile,
    async hitRate() {
      const values = (await metrics.cache.get()).values;
      const count = (result: string) => values.find((v) => v.labels.result === result)?.value ?? 0;
      const total = count('hit') + count('miss');
      return total === 0 ? 0 : Math.round((count('hit') / total) * 100) / 100;
    },
    close: () => cache.close(),
  };
}

/**
 * Starts what the configuration asks for: the Telegram bot, the Discord bot, both, or, with no token,
 * a terminal chat over the same core. SIGINT/SIGTERM stop everything cleanly.
 *
 * With DISCORD_SHARD_PROCESSES=1 this process manages the Discord shards, each started from this same
 * entry in a process of its own (`adapters/discord/shards.ts`); a shard process runs Discord only.
 */

// First, for its effect: V8's young generation held at its initial size while the rest loads.
import './infra/young-generation.js';

import type { ClientOptions } from 'discord.js';
import {
  SHARD_STOPPED_EXIT,
  type ShardOfProcess,
  shardConfig,
  shardOfProcess,
  stopWithManager,
} from './adapters/discord/shard-process.js';
import { exitQuietlyWhenOutputCloses } from './cli/stdout.js';
import { type Core, createCore } from './core/index.js';
import { type Config, loadConfig } from './infra/config.js';
import type { CheckResult } from './infra/http.js';
import { releaseYoungGeneration } from './infra/young-generation.js';
import type { Knowledge } from './knowledge/schema.js';
import { readKnowledge } from './knowledge/snapshot.js';

/** A cache warning is logged at most this often, however many calls fail. */
const CACHE_WARNING_EVERY_MS = 60_000;
const MINUTE = 60_000;
const MB = 2 ** 20;
/** Conversations kept in memory: a few hundred bytes each, so tens of thousands of them. */
const CONVERSATION_MEMORY_BYTES = 8 * MB;
/** A shutdown ends the process after this long, finished or not. */
const SHUTDOWN_DEADLINE_MS = 15_000;

exitQuietlyWhenOutputCloses();

/** The Discord shard this process runs, when a shard manager started it. */
const shard = shardOfProcess();
/** A shard process that stops for good says so, so that its manager does not start it again. */
const FAILED_EXIT = shard ? SHARD_STOPPED_EXIT : 1;

async function main(): Promise<void> {
  const config = shard ? shardConfig(loadConfig(), shard) : loadConfig();
  const kb = await readKnowledge();
  const core = createCore(kb);
  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_TOKEN) await chat(core, kb);
  else await bots(config, core, kb, shard);
}

/**
 * The terminal chat loads only what it uses: no logger, metrics, cache, HTTP server or platform
 * client, and the map renderer at the first map asked.
 */
async function chat(core: Core, kb: Knowledge): Promise<void> {
  const { runChat } = await import('./adapters/console/chat.js');
  await runChat(core, async (answer) => (await import('./maps/index.js')).mapWriter(kb)(answer));
}

async function bots(config: Config, core: Core, kb: Knowledge, shard: ShardOfProcess | undefined): Promise<void> {
  // Loaded only for the bots; each platform's client only when its token is set, the Redis client only
  // with CACHE_URL, and the map renderer only on the map threads, started at the first map.
  const { createLogger } = await import('./infra/log.js');
  const { createMetrics } = await import('./infra/metrics.js');
  const { createCache } = await import('./infra/cache.js');
  const { createMemoryStore, createStores } = await import('./infra/store.js');
  const { RateLimiter } = await import('./infra/rate-limit.js');
  const { createMapPool } = await import('./maps/pool.js');
  const { Answers } = await import('./service/answers.js');
  const { CONVERSATION_TTL_MS } = await import('./service/conversations.js');
  const processLog = createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.DISCORD_TOKEN, config.TELEGRAM_WEBHOOK_SECRET],
  });
  // A shard's lines and series say which shard: they share the output and the Prometheus job.
  const log = shard ? processLog.child({ shard: shard.id }) : processLog;
  let lastWarning = 0;
  const metrics = createMetrics();
  if (shard) metrics.registry.setDefaultLabels({ shard: String(shard.id) });
  // One update must never take the process down: a stray rejection or throw is logged and counted.
  process.on('unhandledRejection', (reason) => {
    metrics.errors.inc({ platform: 'process' });
    log.error({ err: reason }, 'unhandled rejection');
  });
  process.on('uncaughtException', (error) => {
    metrics.errors.inc({ platform: 'process' });
    log.error({ err: error }, 'uncaught exception');
  });
  const onError = (error: unknown) => {
    metrics.cache.inc({ result: 'error' });
    if (Date.now() - lastWarning < CACHE_WARNING_EVERY_MS) return;
    lastWarning = Date.now();
    log.warn({ err: error }, 'cache unavailable: answering without it');
  };
  const { store, counter } = await createStores(config.CACHE_URL, {
    memoryBytes: config.CACHE_MEMORY_MB * MB,
    onError,
  });
  const cache = createCache({
    namespace: `answers:${core.version}`,
    ttlMs: config.CACHE_TTL_SECONDS * 1000,
    store,
    onError,
  });
  // Threads start at the first map asked: an instance that never draws one never runs one.
  const maps = createMapPool(kb, {
    maxBytes: config.MAP_CACHE_MB * MB,
    onError: (error) => log.error({ err: error }, 'map thread failed'),
  });
  // Rate counts live in the same Redis as the cache, so that every instance shares them.
  // Conversations get a budget of their own in memory: answers filling the cache must not push out
  // what a user asked two minutes ago. With Redis, both live there.
  const memory = createCache({
    namespace: `conversations:${core.version}`,
    ttlMs: CONVERSATION_TTL_MS,
    store: config.CACHE_URL ? store : createMemoryStore(CONVERSATION_MEMORY_BYTES),
    onError,
  });
  const answers = new Answers(core, cache, {
    memory,
    counter,
    metrics,
    maps: maps.render,
    ...(config.LOG_QUESTIONS ? { unansweredLog: log } : {}),
    limits: {
      ask: new RateLimiter(counter, { limit: config.RATE_LIMIT_PER_MINUTE, windowMs: MINUTE }),
      inline: new RateLimiter(counter, { limit: config.RATE_LIMIT_INLINE_PER_MINUTE, windowMs: MINUTE }),
    },
  });
  // One HTTP server for the process: /healthz, /readyz, /metrics, and the Telegram webhook.
  const ready: Record<string, () => boolean> = {};
  const { cacheReadiness, createHttpServer } = await import('./infra/http.js');
  const http =
    config.HTTP_PORT === undefined
      ? undefined
      : createHttpServer({
          metrics,
          log,
          readiness: {
            cache: cacheReadiness(cache),
            ...(config.TELEGRAM_BOT_TOKEN ? { telegram: () => connected(ready.telegram) } : {}),
            ...(config.DISCORD_TOKEN ? { discord: () => connected(ready.discord) } : {}),
          },
        });
  if (http && config.HTTP_PORT !== undefined) await http.listen(config.HTTP_PORT);

  const stops: (() => Promise<void>)[] = [];
  const shutdownSignal = new AbortController();
  let stopping = false;
  let alive = 0;
  /** A platform that stops for good is logged and marked unready; with none left, the process exits 1. */
  const lost = (platform: string, error: unknown) => {
    ready[platform] = () => false;
    // A start-up cut short by a shutdown is no failure.
    if (stopping) return;
    log.fatal({ err: error, platform }, `${platform} stopped: ${(error as Error).message}`);
    if (--alive <= 0) {
      log.flush();
      process.exit(FAILED_EXIT);
    }
  };
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    shutdownSignal.abort();
    log.info({ signal }, 'shutting down: finishing the answers in progress');
    // Whatever happens, the process ends: an adapter that hangs cannot keep it alive.
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    await Promise.allSettled(stops.map((stop) => stop()));
    await maps.close();
    await http?.close();
    await cache.close();
    log.info('stopped');
    log.flush();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  if (shard) stopWithManager(() => void shutdown('manager gone'), log);
  else process.once('SIGINT', () => void shutdown('SIGINT'));
  /** Starts one platform; it counts as ready until its handle says it stopped. */
  const launch = (platform: string, start: () => Promise<PlatformHandle>) => {
    alive++;
    ready[platform] = () => false;
    return start()
      .then((handle) => {
        let up = true;
        ready[platform] = () => up && (handle.isReady?.() ?? true);
        stops.push(() => handle.stop());
        handle.done.then(
          () => {
            up = false;
          },
          (error: unknown) => {
            up = false;
            lost(platform, error);
          },
        );
      })
      .catch((error: unknown) => lost(platform, error));
  };
  const signal = shutdownSignal.signal;
  const starting: Promise<void>[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    starting.push(
      launch('telegram', async () => {
        const { startTelegram } = await import('./adapters/telegram/bot.js');
        return startTelegram({ config, answers, log, signal, ...(http ? { http } : {}) });
      }),
    );
  }
  if (config.DISCORD_TOKEN) {
    starting.push(
      launch('discord', async () => {
        if (config.DISCORD_SHARD_PROCESSES) {
          const { startShardManager } = await import('./adapters/discord/shards.js');
          return startShardManager({ config, log, metrics, signal });
        }
        const { startDiscord } = await import('./adapters/discord/bot.js');
        const clientOptions = shard
          ? { shards: [shard.id], shardCount: shard.count }
          : shardOptions(config.DISCORD_SHARDS);
        return startDiscord({ config, answers, log, signal, clientOptions });
      }),
    );
  }
  await Promise.all(starting);
  // Started: from now on V8 sizes the young generation by the load (the terminal chat keeps it small).
  releaseYoungGeneration();
  log.info({ data: core.version, cache: config.CACHE_URL ? 'redis' : 'memory' }, 'cyberexport-bot started');
}

/** What main needs of a running platform. */
interface PlatformHandle {
  /** Resolves when stopped; rejects, saying what to fix, when the platform stops the bot for good. */
  done: Promise<void>;
  stop(): Promise<void>;
  isReady?: () => boolean;
}

function connected(check: (() => boolean) | undefined): CheckResult {
  return check?.() ? { ok: true } : { ok: false, reason: 'not connected' };
}

/** DISCORD_SHARDS: "auto" asks Discord how many shards to run; a number runs that many, all here. */
function shardOptions(shards: string | undefined): Partial<ClientOptions> {
  if (shards === undefined) return {};
  if (shards === 'auto') return { shards: 'auto' };
  const count = Number(shards);
  return { shards: [...Array(count).keys()], shardCount: count };
}

main().catch((error: unknown) => {
  process.stderr.write(`cyberexport-bot: ${(error as Error).message}\n`);
  process.exit(FAILED_EXIT);
});

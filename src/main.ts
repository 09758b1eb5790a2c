/**
 * Starts what the configuration asks for: the Telegram bot, the Discord bot, both, or, with no token,
 * a terminal chat over the same core. SIGINT/SIGTERM stop everything cleanly.
 */

import type { ClientOptions } from 'discord.js';
import { Answers } from './adapters/answers.js';
import { runChat } from './adapters/console/chat.js';
import { exitQuietlyWhenOutputCloses } from './cli/stdout.js';
import { createCore } from './core/index.js';
import { createCache } from './infra/cache.js';
import { loadConfig } from './infra/config.js';
import { type CheckResult, cacheReadiness, createHttpServer } from './infra/http.js';
import { createLogger } from './infra/log.js';
import { createMetrics } from './infra/metrics.js';
import { RateLimiter } from './infra/rate-limit.js';
import { createStores } from './infra/store.js';
import { loadKnowledge } from './knowledge/load.js';
import { createMapPool, mapWriter } from './maps/index.js';

/** A cache warning is logged at most this often, however many calls fail. */
const CACHE_WARNING_EVERY_MS = 60_000;
const MINUTE = 60_000;
const MB = 2 ** 20;
/** A shutdown ends the process after this long, finished or not. */
const SHUTDOWN_DEADLINE_MS = 15_000;

exitQuietlyWhenOutputCloses();

async function main(): Promise<void> {
  const config = loadConfig();
  const kb = loadKnowledge();
  const core = createCore(kb);
  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_TOKEN) {
    await runChat(core, mapWriter(kb));
    return;
  }

  const log = createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.DISCORD_TOKEN, config.TELEGRAM_WEBHOOK_SECRET],
  });
  let lastWarning = 0;
  const metrics = createMetrics();
  const onError = (error: unknown) => {
    metrics.cache.inc({ result: 'error' });
    if (Date.now() - lastWarning < CACHE_WARNING_EVERY_MS) return;
    lastWarning = Date.now();
    log.warn({ err: error }, 'cache unavailable: answering without it');
  };
  const { store, counter } = createStores(config.CACHE_URL, { memoryBytes: config.CACHE_MEMORY_MB * MB, onError });
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
  const answers = new Answers(core, cache, {
    metrics,
    maps: maps.render,
    limits: {
      ask: new RateLimiter(counter, { limit: config.RATE_LIMIT_PER_MINUTE, windowMs: MINUTE }),
      inline: new RateLimiter(counter, { limit: config.RATE_LIMIT_INLINE_PER_MINUTE, windowMs: MINUTE }),
    },
  });
  // One HTTP server for the process: /healthz, /readyz, /metrics, and the Telegram webhook.
  const ready: Record<string, () => boolean> = {};
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
  const running: Promise<void>[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const { startTelegram } = await import('./adapters/telegram/bot.js');
    const telegram = await startTelegram({ config, answers, log, ...(http ? { http } : {}) });
    let up = true;
    void telegram.done
      .catch(() => undefined)
      .finally(() => {
        up = false;
      });
    ready.telegram = () => up;
    stops.push(() => telegram.stop('shutdown'));
    running.push(telegram.done);
  }
  if (config.DISCORD_TOKEN) {
    const { startDiscord } = await import('./adapters/discord/bot.js');
    const discord = await startDiscord({ config, answers, log, clientOptions: shardOptions(config.DISCORD_SHARDS) });
    ready.discord = () => discord.client.isReady();
    stops.push(() => discord.stop());
  }
  log.info({ data: core.version, cache: config.CACHE_URL ? 'redis' : 'memory' }, 'cyberexport-bot started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
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
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // A poller that loses its token to another instance ends the process with the reason.
  await Promise.all(running);
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
  process.exit(1);
});

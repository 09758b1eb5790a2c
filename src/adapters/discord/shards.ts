/**
 * Discord shards as separate processes (`DISCORD_SHARD_PROCESSES=1`): this process becomes the
 * manager (discord.js `ShardingManager`, mode `process`) and each shard runs the same entry, `main`,
 * in a child of its own, which runs that one shard's Discord client and nothing else, with its own
 * HTTP server (`HTTP_PORT + 1 + shard id`), metrics (labelled `shard`) and cache client.
 *
 * - The shard count is Discord's recommendation (`/gateway/bot`, through `DISCORD_API_URL` when set),
 *   or `DISCORD_SHARDS` when it is a number. Shards start `max_concurrency` at a time, a batch every
 *   5.5 s, as Discord's session start limit allows.
 * - A shard process that exits is started again (discord.js `respawn`), except one whose Discord
 *   refused the bot or that could not start at all (exit code `SHARD_STOPPED_EXIT`): restarting it would
 *   only repeat the refusal, so the manager stops every shard and reports it, as a one-process bot does.
 * - `stop()` sends SIGTERM to every shard, waits for each to finish its answers and exit (SIGKILL after
 *   `SHARD_STOP_MS`), and resolves once no child is left. A shard whose manager dies (its IPC channel
 *   closes) stops on its own: no orphan keeps answering.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { type APIGatewayBotInfo, REST, Routes, type Shard, ShardingManager } from 'discord.js';
import { Counter, Gauge } from 'prom-client';
import type { Config } from '../../infra/config.js';
import type { Logger } from '../../infra/log.js';
import type { Metrics } from '../../infra/metrics.js';
import { retry } from '../../infra/retry.js';
import { atRoot, BUILT } from '../../paths.js';
import { DiscordStopped, isTransient, stoppedByLogin } from './failures.js';
import { SHARD_STOPPED_EXIT, shardHttpPort } from './shard-process.js';

/** How long a shard may take from its start to a connected client before the manager carries on. */
export const SHARD_SPAWN_TIMEOUT_MS = 60_000;
/** How long a stopping shard may take to finish its answers and exit (it gives itself 10 s) before SIGKILL. */
export const SHARD_STOP_MS = 12_000;
/** Discord's session start limit: one batch of `max_concurrency` IDENTIFYs per 5 s (discord.js waits 5.5 s). */
const IDENTIFY_WINDOW_MS = 5500;
/**
 * A shard process that exits is started again after 1 s, and twice as long each time it exits again
 * within a minute of starting, up to 5 minutes: one that keeps failing (out of memory, say) cannot
 * spend Discord's daily session starts in a loop.
 */
const RESTART_FIRST_MS = 1000;
const RESTART_MAX_MS = 300_000;
const RESTART_STABLE_MS = 60_000;

export interface ShardManagerOptions {
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_SHARDS' | 'HTTP_PORT'>;
  log: Logger;
  metrics: Pick<Metrics, 'registry'>;
  /** Aborting it (a shutdown) ends the retries of the first call to Discord. */
  signal?: AbortSignal;
  /** The script each shard runs, and node's options for it (default: this process's own). */
  file?: string;
  execArgv?: string[];
}

export interface ShardManagerHandle {
  /** How many shards run, one process each. */
  count: number;
  /** Every shard process started and its client connected. */
  isReady(): boolean;
  /** Stops every shard process and resolves once all have exited. */
  stop(): Promise<void>;
  /** Resolves after `stop`; rejects when a shard stopped for good (Discord refused it, or it could not start). */
  done: Promise<void>;
}

/** What Discord says about starting this bot: the recommended shard count and how many may start together. */
async function gatewayInfo(options: ShardManagerOptions, token: string): Promise<APIGatewayBotInfo> {
  const { config, log } = options;
  // No sweeper timers: this client makes one call.
  const rest = new REST({
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
  }).setToken(token);
  try {
    return (await retry(() => rest.get(Routes.gatewayBot()), {
      label: 'discord gateway info',
      log,
      transient: isTransient,
      ...(options.signal ? { signal: options.signal } : {}),
    })) as APIGatewayBotInfo;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw stoppedByLogin(error);
  }
}

/** Starts the shard processes; resolves once the count is known and the first batch is starting. */
export async function startShardManager(options: ShardManagerOptions): Promise<ShardManagerHandle> {
  const { config, log } = options;
  const token = config.DISCORD_TOKEN;
  if (!token)
    throw new DiscordStopped('DISCORD_TOKEN is not set: copy the bot token from the Discord Developer Portal');
  const info = await gatewayInfo(options, token);
  const count =
    config.DISCORD_SHARDS === undefined || config.DISCORD_SHARDS === 'auto'
      ? Math.max(1, info.shards)
      : Number(config.DISCORD_SHARDS);
  const lastPort = shardHttpPort(config.HTTP_PORT, count - 1);
  if (lastPort !== undefined && lastPort > 65_535) {
    throw new DiscordStopped(
      `HTTP_PORT ${config.HTTP_PORT} leaves no room for the ports of ${count} shards (HTTP_PORT + 1 + shard id): choose a lower one`,
    );
  }
  const batch = Math.max(1, info.session_start_limit.max_concurrency);
  // The entry itself: from the build, dist/main.js (not `npm start`'s scripts/start.mjs, which would
  // check and perhaps rebuild dist/ in every shard); from the sources, the script node was given.
  const file = options.file ?? (BUILT ? atRoot('main.js') : process.argv[1]);
  if (!file) throw new Error('discord shards: no script to start the shards with');

  const manager = new ShardingManager(file, {
    token,
    totalShards: count,
    shardList: [...Array(count).keys()],
    mode: 'process',
    // Restarted here, with a delay (`RESTART_FIRST_MS`): discord.js would start it again at once.
    respawn: false,
    execArgv: options.execArgv ?? process.execArgv,
  });

  let stopping: Promise<void> | undefined;
  let failed = false;
  const spawning = new AbortController();
  let settle: { resolve(): void; reject(error: Error): void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  done.catch(() => undefined);

  new Gauge({
    name: 'cyberexport_discord_shard_up',
    help: 'Whether each Discord shard process runs with its client connected (1) or not (0)',
    labelNames: ['shard'] as const,
    registers: [options.metrics.registry],
    collect() {
      for (const [id, shard] of manager.shards) this.set({ shard: String(id) }, shard.ready ? 1 : 0);
    },
  });
  const restarts = new Counter({
    name: 'cyberexport_discord_shard_restarts_total',
    help: 'Discord shard processes started again after they exited',
    labelNames: ['shard'] as const,
    registers: [options.metrics.registry],
  });

  /** SIGTERM, then the wait for the exit; SIGKILL when it takes too long. */
  const stopShard = async (shard: Shard) => {
    const child = shard.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // discord.js skips its own exit handling; ours sees `stopping` (or `failed`) and starts nothing.
    shard.kill();
    const timer = setTimeout(() => {
      log.warn({ shard: shard.id, shardPid: child.pid }, 'discord shard did not stop in time: killed');
      child.kill('SIGKILL');
    }, SHARD_STOP_MS);
    await exited;
    clearTimeout(timer);
  };
  const stopAll = () => Promise.all([...manager.shards.values()].map(stopShard));

  /** Per shard: when its process last started, and the delay before its last restart. */
  const lives = new Map<number, { startedAt: number; delayMs: number }>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  const cancelRestarts = () => {
    for (const timer of pendingRestarts) clearTimeout(timer);
    pendingRestarts.clear();
  };

  /** A shard that stopped for good stops them all: the bot cannot answer the servers it owned. */
  const fail = (id: number) => {
    if (failed || stopping) return;
    failed = true;
    cancelRestarts();
    spawning.abort();
    const error = new DiscordStopped(
      `discord shard ${id} stopped for good (exit code ${SHARD_STOPPED_EXIT}): its log above says what to fix`,
    );
    void stopAll().finally(() => settle?.reject(error));
  };

  const watch = (shard: Shard) => {
    shard.on('spawn', (spawned) => {
      const child = spawned as ChildProcess;
      const life = lives.get(shard.id);
      lives.set(shard.id, { startedAt: Date.now(), delayMs: life?.delayMs ?? 0 });
      log.info({ shard: shard.id, shardPid: child.pid }, 'discord shard process started');
      child.once('exit', (code, signal) => {
        if (stopping || failed) return;
        if (code === SHARD_STOPPED_EXIT) return fail(shard.id);
        const last = lives.get(shard.id);
        const stable = !last || Date.now() - last.startedAt >= RESTART_STABLE_MS;
        const delayMs = stable
          ? RESTART_FIRST_MS
          : Math.min(RESTART_MAX_MS, Math.max(RESTART_FIRST_MS, 2 * (last?.delayMs ?? 0)));
        lives.set(shard.id, { startedAt: last?.startedAt ?? 0, delayMs });
        restarts.inc({ shard: String(shard.id) });
        log.error({ shard: shard.id, code, signal, inMs: delayMs }, 'discord shard process exited: starting it again');
        const timer = setTimeout(() => {
          pendingRestarts.delete(timer);
          if (stopping || failed) return;
          shard.spawn(SHARD_SPAWN_TIMEOUT_MS).catch((error: unknown) => {
            if (!stopping && !failed) log.warn({ err: error, shard: shard.id }, 'discord shard did not get ready');
          });
        }, delayMs);
        pendingRestarts.add(timer);
      });
    });
    shard.on('ready', () => log.info({ shard: shard.id }, 'discord shard ready'));
    shard.on('disconnect', () => log.warn({ shard: shard.id }, 'discord shard disconnected'));
    shard.on('error', (error) => log.warn({ err: error, shard: shard.id }, 'discord shard did not start'));
  };

  const spawnAll = async () => {
    for (let first = 0; first < count && !spawning.signal.aborted; first += batch) {
      const ids = [...Array(Math.min(batch, count - first)).keys()].map((i) => first + i);
      const started = ids.map(async (id) => {
        const shard = manager.createShard(id);
        watch(shard);
        try {
          await shard.spawn(SHARD_SPAWN_TIMEOUT_MS);
        } catch (error) {
          if (!spawning.signal.aborted) log.warn({ err: error, shard: id }, 'discord shard did not get ready');
        }
      });
      const last = first + batch >= count;
      await Promise.all([
        ...started,
        last ? undefined : sleep(IDENTIFY_WINDOW_MS, undefined, { signal: spawning.signal }),
      ]);
    }
  };
  log.info({ shards: count, maxConcurrency: batch }, 'discord shards starting, one process each');
  spawnAll().catch((error: unknown) => {
    if (!spawning.signal.aborted) log.error({ err: error }, 'discord shards: starting them failed');
  });

  return {
    count,
    isReady: () =>
      !stopping && !failed && manager.shards.size === count && [...manager.shards.values()].every((s) => s.ready),
    stop() {
      stopping ??= (async () => {
        spawning.abort();
        cancelRestarts();
        await stopAll();
        log.info({ shards: manager.shards.size }, 'discord shards stopped');
        settle?.resolve();
      })();
      return stopping;
    },
    done,
  };
}

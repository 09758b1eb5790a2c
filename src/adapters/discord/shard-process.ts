/**
 * What a shard process (`DISCORD_SHARD_PROCESSES=1`, see `shards.ts`) needs to know about itself
 * before anything heavy loads: which shard it runs, the settings that differ from its manager's, and
 * the exit code that tells the manager not to start it again.
 */
import type { Config } from '../../infra/config.js';
import type { Logger } from '../../infra/log.js';

/**
 * The exit code of a shard process that must not be started again: Discord refused the bot, or the
 * process could not start (a bad setting, its port taken). 78 is EX_CONFIG of sysexits.h.
 */
export const SHARD_STOPPED_EXIT = 78;

/** The shard a process runs, when a shard manager started it. */
export interface ShardOfProcess {
  id: number;
  count: number;
}

/**
 * The shard this process was started to run, from what discord.js's `Shard` sets (`SHARDING_MANAGER`,
 * `SHARDS`, `SHARD_COUNT`) and an IPC channel to the manager; undefined for any other process.
 */
export function shardOfProcess(
  env: NodeJS.ProcessEnv = process.env,
  hasIpc = process.send !== undefined,
): ShardOfProcess | undefined {
  if (!hasIpc || env.SHARDING_MANAGER !== 'true') return undefined;
  const id = env.SHARDS ?? '';
  const count = env.SHARD_COUNT ?? '';
  if (!/^\d{1,4}$/.test(id) || !/^\d{1,4}$/.test(count) || Number(id) >= Number(count)) return undefined;
  return { id: Number(id), count: Number(count) };
}

/** The HTTP port of shard `id`: the one after the manager's, plus the shard id; none without HTTP_PORT. */
export function shardHttpPort(httpPort: number | undefined, id: number): number | undefined {
  return httpPort === undefined ? undefined : httpPort + 1 + id;
}

/**
 * A shard's settings: Discord only (Telegram stays with the manager), on its own HTTP port, the
 * shard given by the manager rather than DISCORD_SHARDS.
 */
export function shardConfig(config: Config, shard: ShardOfProcess): Config {
  const { TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET, DISCORD_SHARDS, HTTP_PORT, ...rest } =
    config;
  const port = shardHttpPort(HTTP_PORT, shard.id);
  return { ...rest, DISCORD_SHARD_PROCESSES: false, ...(port === undefined ? {} : { HTTP_PORT: port }) };
}

/**
 * A shard process's signals: it stops when its manager goes (even killed: no orphan keeps answering),
 * and leaves Ctrl+C, which reaches the whole process group, to the manager, which stops it with SIGTERM.
 */
export function stopWithManager(shutdown: () => void, log: Logger): void {
  process.on('SIGINT', () => undefined);
  process.once('disconnect', shutdown);
  // discord.js tells the manager when the client disconnects: with the manager gone, nobody to tell.
  process.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ERR_IPC_CHANNEL_CLOSED') log.debug('shard manager gone: status not sent');
    else log.error({ err: error }, 'shard manager channel failed');
  });
}

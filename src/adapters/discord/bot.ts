/**
 * The Discord adapter: slash commands, autocomplete, buttons, mentions and DMs in; rendered answers
 * out, every event through one dispatcher (`dispatch.ts`). This file connects: a login that retries
 * what is worth retrying, and a handle whose `done` says when Discord has stopped the bot for good.
 *
 * @example
 * const discord = await startDiscord({ config, answers, log });
 * readiness.discord = discord.isReady;
 * process.once('SIGTERM', () => void discord.stop());
 * await discord.done; // rejects with what to fix if Discord refuses the bot later (token revoked: 4004)
 */
import { Client, type ClientOptions, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Config } from '../../infra/config.js';
import { InFlight } from '../../infra/in-flight.js';
import type { Logger } from '../../infra/log.js';
import { type RetryOptions, retry } from '../../infra/retry.js';
import type { Answers } from '../../service/answers.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { DiscordStopped, isTransient, stoppedByClose, stoppedByLogin } from './failures.js';
import { CommandMentions } from './mentions.js';
import { NO_MENTIONS } from './render.js';

/** Discord allows 3 s to acknowledge an interaction; past this, defer and edit the reply later. */
export const DEFER_AFTER_MS = 2000;
/** How long a shutdown waits for answers in progress. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface DiscordOptions {
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>;
  answers: Answers;
  log: Logger;
  /** Merged over the defaults (tests shorten REST time-outs, for instance). */
  clientOptions?: Partial<ClientOptions>;
  /** How long an answer may take before the reply is deferred. */
  deferAfterMs?: number;
  /** The backoff between login attempts (tests shorten it). */
  loginBackoff?: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>;
  /** Aborting it (a shutdown) ends the login retries. */
  signal?: AbortSignal;
}

export interface DiscordBot {
  /** The logged-in client. */
  client: Client<true>;
  /** Connected and answering: false once Discord has refused the bot or `stop` has begun. */
  isReady(): boolean;
  /**
   * Stops taking new events, lets the ones being answered finish (at most `graceMs`), then closes
   * the gateway connection. Calling it again returns the same promise.
   */
  stop(graceMs?: number): Promise<void>;
  /**
   * Settles when the bot stops for good: resolves after `stop()`; rejects with a `DiscordStopped`
   * that says what to fix when Discord closes the gateway and will not take the bot back (4004 token,
   * 4013/4014 intents, 4010–4012 sharding or version). The bot is then already disconnected.
   */
  done: Promise<void>;
}

function createClient(options: DiscordOptions, dispatch: Dispatch, inFlight: InFlight): Client {
  const { config, log } = options;
  const client = new Client({
    // MessageContent is privileged: the bot only reads messages that mention it and DMs.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ],
    // DM channels are not cached before their first message: without this, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    ...options.clientOptions,
    rest: { ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}), ...options.clientOptions?.rest },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (inFlight.accepting) inFlight.track(dispatch.interaction(interaction));
  });
  client.on(Events.MessageCreate, (message) => {
    if (inFlight.accepting) inFlight.track(dispatch.message(message));
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (warning) => log.warn({ warning }, 'discord client warning'));
  client.on(Events.ShardError, (error, shardId) => log.warn({ err: error, shardId }, 'discord gateway error'));
  return client;
}

/**
 * One login on a fresh client (a destroyed discord.js client cannot log in again). A gateway close
 * that discord.js gives up on becomes the explained `DiscordStopped`, whether it comes before or after
 * `login` resolves.
 */
async function connect(client: Client, token: string): Promise<Client<true>> {
  let closeCode: number | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    client.on(Events.ShardDisconnect, (event) => {
      closeCode ??= event.code;
      reject(stoppedByClose(event.code));
    });
  });
  try {
    await Promise.all([client.login(token), ready]);
    return client as Client<true>;
  } catch (error) {
    // `login` destroys the client on its own failures, not on a close that comes after it.
    await client.destroy();
    throw closeCode === undefined ? error : stoppedByClose(closeCode, error);
  }
}

export async function startDiscord(options: DiscordOptions): Promise<DiscordBot> {
  const { answers, log } = options;
  const token = options.config.DISCORD_TOKEN;
  if (!token)
    throw new DiscordStopped('DISCORD_TOKEN is not set: copy the bot token from the Discord Developer Portal');
  const mentions = new CommandMentions();
  const dispatch = createDispatch({
    answers,
    log,
    deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS,
    mentions,
  });
  // Work in progress, so that a shutdown can let it finish.
  const inFlight = new InFlight();

  let client: Client<true>;
  try {
    // Discord's 5xx and 429, the network and time-outs are retried; a refusal stops at once.
    client = await retry(() => connect(createClient(options, dispatch, inFlight), token), {
      label: 'discord login',
      log,
      transient: isTransient,
      ...options.loginBackoff,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const stopped = error instanceof DiscordStopped ? error : stoppedByLogin(error);
    log.error({ err: stopped }, stopped.message);
    throw stopped;
  }
  log.info({ user: client.user.tag, guilds: client.guilds.cache.size }, 'discord bot ready');
  await loadMentions(client, mentions, log);

  let refused = false;
  let stopping: Promise<void> | undefined;
  let settle: { resolve(): void; reject(error: Error): void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A caller that never awaits `done` must not get an unhandled rejection.
  done.catch(() => undefined);

  // discord.js emits shardDisconnect only for the closes it will not recover from; it stays "ready".
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (refused || stopping) return;
    refused = true;
    const stopped = stoppedByClose(event.code);
    log.error({ closeCode: event.code, shardId }, stopped.message);
    void client
      .destroy()
      .catch((error: unknown) => log.warn({ err: error }, 'discord client did not close cleanly'))
      .finally(() => settle?.reject(stopped));
  });

  return {
    client,
    isReady: () => !refused && stopping === undefined && client.isReady(),
    stop(graceMs = SHUTDOWN_GRACE_MS) {
      stopping ??= (async () => {
        await inFlight.drain(graceMs);
        await client.destroy();
        log.info({ unfinished: inFlight.size }, 'discord bot stopped');
        settle?.resolve();
      })();
      return stopping;
    },
    done,
  };
}

/** The ids of the deployed commands, for the help's clickable mentions; without them it names `/name`. */
async function loadMentions(client: Client<true>, mentions: CommandMentions, log: Logger): Promise<void> {
  try {
    mentions.load(await client.application.commands.fetch());
    log.info({ commands: mentions.size }, 'discord command ids loaded');
  } catch (error) {
    log.warn({ err: error }, 'discord: command ids not loaded, the help names commands without links');
  }
}

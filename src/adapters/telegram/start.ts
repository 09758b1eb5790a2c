/**
 * Start-up: who the bot is, its command menu, then long polling or a webhook. Transient failures
 * (Telegram's 5xx and 429, network errors) are retried with backoff; a refused token or a second
 * poller stops Telegram with a message saying what to fix.
 */
import type { Telegraf } from 'telegraf';
import type { Config } from '../../infra/config.js';
import type { HttpServer } from '../../infra/http.js';
import type { Logger } from '../../infra/log.js';
import { retry } from '../../infra/retry.js';
import type { Answers } from '../../service/answers.js';
import { type BotContext, explain, isTransient } from './api.js';
import { createTelegramBot, registerCommands, registerProfile } from './bot.js';
import { startPolling } from './polling.js';
import { startWebhook } from './webhook.js';

export interface TelegramHandle {
  bot: Telegraf<BotContext>;
  /** Rejects, with what to fix, if Telegram stops for good after start (another poller took over). */
  done: Promise<void>;
  stop(reason?: string): Promise<void>;
}

export interface StartOptions {
  config: Config;
  answers: Answers;
  log: Logger;
  handlerTimeoutMs?: number;
  /** The process's HTTP server, to mount the webhook on (main shares one with /healthz and /metrics). */
  http?: HttpServer;
  /** Stops start-up retries (shutdown while Telegram is unreachable). */
  signal?: AbortSignal;
}

export async function startTelegram(options: StartOptions): Promise<TelegramHandle> {
  const { config, answers, log } = options;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set: the Telegram bot cannot start.');
  const bot = createTelegramBot({
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
    answers,
    log,
    ...(options.handlerTimeoutMs ? { handlerTimeoutMs: options.handlerTimeoutMs } : {}),
  });
  const persist: Persist = <T>(label: string, work: () => Promise<T>) =>
    retry(work, {
      label: `telegram ${label}`,
      log,
      transient: isTransient,
      ...(options.signal ? { signal: options.signal } : {}),
    }).catch((error: unknown) => {
      throw explain(error);
    });
  bot.botInfo = await persist('getMe', () => bot.telegram.getMe());
  // The menu and the profile are not needed to answer: set while the bot starts taking updates,
  // rather than six round trips to Telegram before it does.
  void registerCommands(bot.telegram).catch((error: unknown) =>
    log.warn({ err: error }, 'telegram: could not register the command menu'),
  );
  void registerProfile(bot.telegram).catch((error: unknown) =>
    log.warn({ err: error }, 'telegram: could not set the bot description'),
  );
  if (config.TELEGRAM_WEBHOOK_URL) return startWebhook(bot, config, log, persist, options.http);
  return startPolling(bot, log, persist);
}

/** Runs a start-up call, retrying transient failures; a permanent one is thrown, explained. */
export type Persist = <T>(label: string, work: () => Promise<T>) => Promise<T>;

/** A stop that runs once: a second call gets the same promise. */
export function stopOnce(stop: (reason: string) => Promise<void>): (reason?: string) => Promise<void> {
  let stopping: Promise<void> | undefined;
  return (reason = 'stop') => {
    stopping ??= stop(reason);
    return stopping;
  };
}

/**
 * Long polling: refuses to start while a webhook is set (other instances run on it), checks up front
 * that no other instance polls with this token, then lets telegraf poll (it retries 5xx and 429 itself).
 */
import type { Telegraf } from 'telegraf';
import type { Logger } from '../../infra/log.js';
import { type BotApi, type BotContext, explain, isTelegramError, webhookSetError } from './api.js';
import { ALLOWED_UPDATES } from './bot.js';
import { type Persist, stopOnce, type TelegramHandle } from './start.js';

export async function startPolling(bot: Telegraf<BotContext>, log: Logger, persist: Persist): Promise<TelegramHandle> {
  const url = await persist('getWebhookInfo', () =>
    bot.telegram.getWebhookInfo().then(
      (info) => info.url,
      (error: unknown) => {
        // getMe worked with this token, so a 404 here means a Bot API server without the method.
        if (!isTelegramError(error, 404)) throw error;
        log.warn('telegram: this Bot API server has no getWebhookInfo; polling without checking for a webhook');
        return '';
      },
    ),
  );
  if (url) throw webhookSetError(url);
  // telegraf reports a conflict only by rejecting `launch` later on: ask once up front, without
  // confirming anything (no offset). Telegram ends the older of two pollers with 409, so whichever
  // instance loses stops with a message saying why.
  await persist('getUpdates', () => bot.telegram.getUpdates(0, 1, 0, [...ALLOWED_UPDATES]));
  // `launch` settles only when polling stops: the bot counts as started at its first getUpdates.
  const api = bot.telegram as BotApi;
  const started = new Promise<void>((resolve) => {
    api.onCall = (method) => {
      if (method === 'getUpdates') resolve();
    };
  });
  const polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] });
  const done = polling.catch((error: unknown) => {
    const explained = explain(error);
    log.fatal({ err: explained }, 'telegram: polling stopped');
    throw explained;
  });
  // Settled by the first poll, or by an early failure; `done` keeps the rejection for the caller.
  await Promise.race([started, done]);
  api.onCall = undefined;
  done.catch(() => undefined);
  log.info({ bot: bot.botInfo?.username }, 'telegram: long polling');
  return {
    bot,
    done,
    stop: stopOnce(async (reason) => {
      bot.stop(reason);
      await polling.catch(() => undefined);
      log.info({ reason }, 'telegram: stopped');
    }),
  };
}

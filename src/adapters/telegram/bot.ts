/**
 * The Telegram adapter: telegraf updates in, core answers out as HTML messages. Built like a grammY
 * Composer: cross-cutting work lives once, in order (read the update and log it, rate limit), then
 * one small handler per kind of update; the error boundary (`bot.catch`) turns any failure into one
 * apology. It owns Telegram's rules and nothing about export rules.
 *
 * @example
 * const telegram = await startTelegram({ config: loadConfig(), answers, log });
 * process.once('SIGTERM', () => void telegram.stop('SIGTERM'));
 */
import { Telegraf, type Telegram } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import { COMMANDS } from '../../../commands/table.js';
import { LANGS, t } from '../../i18n/index.js';
import type { Logger } from '../../infra/log.js';
import type { Answers } from '../../service/answers.js';
import { BotApi, BotContext } from './api.js';
import { onCallback } from './handlers/callback.js';
import { onInlineQuery } from './handlers/inline.js';
import { onMessage } from './handlers/message.js';
import { errorBoundary } from './middleware/boundary.js';
import { updateContext } from './middleware/context.js';
import { rateLimit } from './middleware/rate-limit.js';
import { telegramRender } from './send.js';

export { startTelegram, type TelegramHandle } from './start.js';
export { createWebhookHandler, type WebhookRoute } from './webhook.js';

export const PLATFORM = 'telegram';
/** Updates the bot handles; everything else is never fetched. */
export const ALLOWED_UPDATES = ['message', 'inline_query', 'callback_query'] as const;
const HANDLER_TIMEOUT_MS = 30_000;

export interface TelegramBotOptions {
  token: string;
  /** A Bot API server other than api.telegram.org (self-hosted, or a test emulator). */
  apiRoot?: string | undefined;
  answers: Answers;
  log: Logger;
  /** Skips `getMe` when known (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  handlerTimeoutMs?: number;
}

/** Builds the bot (middleware and handlers); `startTelegram` starts it. */
export function createTelegramBot(options: TelegramBotOptions): Telegraf<BotContext> {
  const { answers, log } = options;
  const telegramOptions = {
    // Every call goes over HTTP, so its errors reach us (a webhook reply cannot report one).
    webhookReply: false,
    ...(options.apiRoot ? { apiRoot: withSlash(options.apiRoot) } : {}),
  };
  const bot = new Telegraf<BotContext>(options.token, {
    handlerTimeout: options.handlerTimeoutMs ?? HANDLER_TIMEOUT_MS,
    contextType: BotContext,
    telegram: telegramOptions,
  });
  bot.telegram = new BotApi(options.token, bot.telegram.options);
  if (options.botInfo) bot.botInfo = options.botInfo;
  const render = telegramRender(answers.core, () => bot.botInfo?.username);

  bot.use(updateContext(log, PLATFORM));
  bot.use(rateLimit(answers, PLATFORM));
  bot.on('message', onMessage(answers, render, PLATFORM));
  bot.on('inline_query', onInlineQuery(answers, render, PLATFORM));
  bot.on('callback_query', onCallback(answers, render, PLATFORM));
  bot.catch(errorBoundary(answers, log, PLATFORM));
  return bot;
}

/** The bot's commands in English (default) and French, from the shared command table. */
export async function registerCommands(telegram: Telegram): Promise<void> {
  for (const lang of LANGS) {
    const commands = COMMANDS.map((c) => ({ command: c.name, description: c.description[lang] }));
    await telegram.setMyCommands(commands, lang === 'en' ? {} : { language_code: lang });
  }
}

/**
 * The bot's profile: its description (shown in an empty chat) and short description (its profile
 * page, shared links), English by default and French for French-speaking users.
 */
export async function registerProfile(telegram: Telegram): Promise<void> {
  for (const lang of LANGS) {
    const code = lang === 'en' ? undefined : lang;
    await telegram.setMyDescription(t(lang, 'telegram-description'), code);
    await telegram.setMyShortDescription(t(lang, 'telegram-short-description'), code);
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

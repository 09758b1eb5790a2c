/**
 * The Bot API client the bot uses everywhere (its own calls and every update's context): telegraf's
 * `Telegram`, extended through its documented seams (a subclass, and `contextType`), so that a 429
 * waits out `retry_after` instead of failing, and start-up calls can be retried when Telegram or the
 * network falters. Also: which errors are worth retrying, and what to tell the operator.
 */
import { Context, Telegram, TelegramError } from 'telegraf';
import type { Telegram as Methods, Opts, Update, UserFromGetMe } from 'telegraf/types';

/** How long one call may keep waiting out 429s in all before it gives up. */
export const FLOOD_DEADLINE_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function isTelegramError(error: unknown, code?: number): error is TelegramError {
  return error instanceof TelegramError && (code === undefined || error.code === code);
}

/** A failure worth another try: Telegram overloaded or limiting us, or the network (no HTTP answer). */
export function isTransient(error: unknown): boolean {
  if (error instanceof TelegramError) return error.code === 429 || error.code >= 500;
  return error instanceof Error;
}

/** Waits out 429s (`retry_after`) within FLOOD_DEADLINE_MS; polling's own getUpdates retries itself. */
export class BotApi extends Telegram {
  /** Called before every call: start-up watches for the first `getUpdates`. */
  onCall: ((method: string) => void) | undefined;

  override async callApi<M extends keyof Methods>(
    method: M,
    payload: Opts<M>,
    options?: Parameters<Telegram['callApi']>[2],
  ): Promise<ReturnType<Methods[M]>> {
    this.onCall?.(method);
    const deadline = Date.now() + FLOOD_DEADLINE_MS;
    for (;;) {
      try {
        return await super.callApi(method, payload, options);
      } catch (error) {
        const wait = isTelegramError(error, 429) ? (error.parameters?.retry_after ?? 1) * 1000 : undefined;
        if (wait === undefined || method === 'getUpdates' || Date.now() + wait > deadline) throw error;
        await sleep(wait);
      }
    }
  }
}

/** Every update's context talks through a `BotApi` too (telegraf makes a fresh client per update). */
export class BotContext extends Context {
  constructor(update: Update, telegram: Telegram, botInfo: UserFromGetMe) {
    super(update, new BotApi(telegram.token, telegram.options), botInfo);
  }
}

/** Errors at start-up, explained: what failed and which setting to fix. */
export function explain(error: unknown): Error {
  if (isTelegramError(error, 409)) {
    return new Error(
      'Telegram answered 409 Conflict: another instance of this bot is already polling with the same token. ' +
        'Stop the other instance, or run every instance on a webhook (set TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET and HTTP_PORT).',
    );
  }
  if (isTelegramError(error, 401) || isTelegramError(error, 404)) {
    return new Error(
      `Telegram refused TELEGRAM_BOT_TOKEN (${error.code} ${error.description}): check the token given by @BotFather.`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** A webhook is set: polling would need it deleted, which would cut off every instance running on it. */
export function webhookSetError(url: string): Error {
  return new Error(
    `A webhook is set for this bot (${url}): other instances run on it. ` +
      'Start this one with the same TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET and an HTTP_PORT, or delete the webhook to poll.',
  );
}

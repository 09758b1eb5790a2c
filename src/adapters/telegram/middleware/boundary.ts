/**
 * The error boundary: whatever a handler throws is logged and counted, and the user gets one apology
 * (an alert on a button, a message in a chat); the update counts as handled, so it is not delivered
 * again. A chat that blocked the bot (403) is only noted.
 */
import type { Context } from 'telegraf';
import { t } from '../../../i18n/index.js';
import type { Logger } from '../../../infra/log.js';
import type { Answers } from '../../../service/answers.js';
import { isTelegramError } from '../api.js';
import { renderNotice } from '../render.js';
import { acknowledge } from '../send.js';
import { stateOf } from '../state.js';

export function errorBoundary(answers: Answers, log: Logger, platform: string) {
  return async (error: unknown, ctx: Context): Promise<void> => {
    const state = stateOf(ctx);
    const updateLog = state.log ?? log.child({ platform, updateId: ctx.update.update_id });
    if (isTelegramError(error, 403)) {
      updateLog.warn({ reason: error.description }, 'telegram: blocked or kicked, dropped');
      return;
    }
    answers.failed(platform);
    updateLog.error({ err: error }, 'telegram: handler failed');
    const sorry = t(state.hint ?? 'en', 'notice-error');
    try {
      if (ctx.callbackQuery && !state.acknowledged) await acknowledge(ctx, sorry);
      else if (ctx.chat && state.incoming?.kind !== 'ignore') {
        await ctx.telegram.sendMessage(ctx.chat.id, renderNotice(sorry), { parse_mode: 'HTML' });
      }
    } catch (failure) {
      updateLog.warn({ err: failure }, 'telegram: apology not delivered');
    }
  };
}

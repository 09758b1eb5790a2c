/**
 * Per-user rate limits, applied once for every kind of update: questions and commands count against
 * `ask`, inline queries and button presses against the looser `inline`. Over the limit: one notice
 * (a message, an alert on a button, an empty inline answer), then silence until the window ends.
 */
import type { Context, MiddlewareFn } from 'telegraf';
import { t } from '../../../i18n/index.js';
import type { Answers, LimitKind } from '../../../service/answers.js';
import { renderNotice } from '../render.js';
import { acknowledge, sendMessages } from '../send.js';
import { stateOf } from '../state.js';

export function rateLimit(answers: Answers, platform: string): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const { incoming, hint, replyTo, log } = stateOf(ctx);
    if (incoming.kind === 'ignore' || !ctx.from) return next();
    const kind: LimitKind = incoming.kind === 'inline' || incoming.kind === 'press' ? 'inline' : 'ask';
    const verdict = await answers.allow(platform, ctx.from.id, kind);
    if (verdict === 'allow') return next();
    log.info({ verdict, kind }, 'rate limited');
    if (incoming.kind === 'press') await acknowledge(ctx, t(hint, 'notice-rate-limited'));
    // Not cached: the user may ask again as soon as the minute is over.
    else if (incoming.kind === 'inline') await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
    else if (verdict === 'notice')
      await sendMessages(ctx, [renderNotice(t(hint, 'notice-rate-limited'))], undefined, replyTo);
  };
}

/**
 * First middleware: reads what the update asks (`readUpdate`) and gives it a logger carrying the
 * platform, update, chat and user ids.
 */
import type { Context, MiddlewareFn } from 'telegraf';
import type { Logger } from '../../../infra/log.js';
import { readUpdate } from '../incoming.js';
import type { UpdateState } from '../state.js';

export function updateContext(log: Logger, platform: string): MiddlewareFn<Context> {
  return (ctx, next) => {
    const state: UpdateState = {
      ...readUpdate(ctx.update, ctx.botInfo),
      acknowledged: false,
      log: log.child({ platform, updateId: ctx.update.update_id, chatId: ctx.chat?.id, userId: ctx.from?.id }),
    };
    Object.assign(ctx.state, state);
    return next();
  };
}

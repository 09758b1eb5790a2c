/**
 * What the middleware leaves on each update's context for the next ones and the handlers.
 */
import type { Context } from 'telegraf';
import type { Logger } from '../../infra/log.js';
import type { Reading } from './incoming.js';

export interface UpdateState extends Reading {
  /** The logger of this update: platform, update, chat and user ids on every line. */
  log: Logger;
  /** Set once the callback query is answered: Telegram accepts one answer a query. */
  acknowledged: boolean;
}

export function stateOf(ctx: Context): UpdateState {
  return ctx.state as UpdateState;
}

/**
 * A refusal a handler throws when the user, not the bot, is the cause (an expired button): the
 * dispatcher turns it into the one short notice, neither counted nor logged as a failure.
 *
 * @example
 * if (!action) throw new UserNotice('expired');
 */
import type { NoticeKind } from './phrases.js';

export class UserNotice extends Error {
  override name = 'UserNotice';

  constructor(readonly kind: NoticeKind) {
    super(`user notice: ${kind}`);
  }
}

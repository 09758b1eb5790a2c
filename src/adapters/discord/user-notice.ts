/**
 * A refusal a handler throws when the user, not the bot, is the cause (an expired button): the
 * dispatcher turns it into the one short notice, neither counted nor logged as a failure.
 *
 * @example
 * if (!action) throw new UserNotice('expired');
 */
/** The short notices a user can get instead of an answer. */
export type NoticeKind = 'error' | 'expired' | 'rateLimited' | 'mapSent';

export class UserNotice extends Error {
  override name = 'UserNotice';

  constructor(readonly kind: NoticeKind) {
    super(`user notice: ${kind}`);
  }
}

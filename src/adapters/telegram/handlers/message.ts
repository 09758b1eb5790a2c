/**
 * Messages: a question (any text in a private chat; a mention or a reply to the bot in a group) or a
 * command from the shared table. Read with the user's conversation in this chat, answered, sent.
 */
import type { Context } from 'telegraf';
import type { Answers, Render } from '../../../service/answers.js';
import { PHRASES } from '../phrases.js';
import { renderNotice } from '../render.js';
import { sendAnswer, sendMessages, type TelegramReply } from '../send.js';
import { stateOf } from '../state.js';

export function onMessage(answers: Answers, render: Render<TelegramReply>, platform: string) {
  return async (ctx: Context): Promise<void> => {
    const { incoming, hint, replyTo } = stateOf(ctx);
    const chat = ctx.chat?.id;
    if (chat === undefined) return;
    const who = { chat, user: ctx.from?.id ?? chat };
    if (incoming.kind === 'usage') return sendMessages(ctx, [renderNotice(PHRASES[hint].usage)], undefined, replyTo);
    if (incoming.kind === 'command') {
      const result = await answers.command(platform, who, incoming.spec.intent, incoming.argument, hint, render);
      return sendAnswer(ctx, answers, result, replyTo);
    }
    if (incoming.kind === 'ask') {
      const result = await answers.ask(platform, who, incoming.text, hint, render);
      return sendAnswer(ctx, answers, result, replyTo);
    }
  };
}

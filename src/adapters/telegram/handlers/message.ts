/**
 * Messages: a question (any text in a private chat; a mention or a reply to the bot in a group) or a
 * command from the shared table. Read with the user's conversation in this chat, answered, sent.
 */
import type { Context } from 'telegraf';
import type { CommandSpec } from '../../../../commands/table.js';
import { hasPhrase, type Lang, t } from '../../../i18n/index.js';
import type { Answers, Render } from '../../../service/answers.js';
import { renderNotice } from '../render.js';
import { sendAnswer, sendMessages, type TelegramReply } from '../send.js';
import { stateOf } from '../state.js';

export function onMessage(answers: Answers, render: Render<TelegramReply>, platform: string) {
  return async (ctx: Context): Promise<void> => {
    const { incoming, hint, replyTo } = stateOf(ctx);
    const chat = ctx.chat?.id;
    if (chat === undefined) return;
    const who = { chat, user: ctx.from?.id ?? chat };
    if (incoming.kind === 'usage')
      return sendMessages(ctx, [renderNotice(usage(incoming.spec, hint))], undefined, replyTo);
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

/** "Usage: /allowed <country>, for example /allowed Morocco", for a command sent without its argument. */
export function usage(spec: CommandSpec, lang: Lang): string {
  const option = spec.options[0]?.name ?? '';
  const example = hasPhrase(lang, `help-example-${spec.name}`) ? t(lang, `help-example-${spec.name}`) : option;
  const placeholder = hasPhrase(lang, `option-${option}`) ? t(lang, `option-${option}`) : option;
  return t(lang, 'notice-usage', { command: spec.name, option: placeholder, example });
}

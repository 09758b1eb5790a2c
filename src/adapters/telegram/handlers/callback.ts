/**
 * Button presses. The data is decoded strictly into an action and its Query: anything else (an old
 * button, forged data) gets "this button has expired" and nothing more. The query is answered first
 * (the user's spinner stops), exactly once; then the language and choice buttons change the answer in
 * place, and the sources, more and map buttons send a new message under it.
 */
import type { Context } from 'telegraf';
import { TelegramError } from 'telegraf';
import type { Answers, Render, Rendered } from '../../../service/answers.js';
import { decodeAction } from '../../actions.js';
import { PHRASES } from '../phrases.js';
import { plainText } from '../render.js';
import { acknowledge, MAP_FILENAME, sendAnswer, type TelegramReply } from '../send.js';
import { stateOf } from '../state.js';

export function onCallback(answers: Answers, render: Render<TelegramReply>, platform: string) {
  return async (ctx: Context): Promise<void> => {
    const { incoming, hint } = stateOf(ctx);
    const message = ctx.callbackQuery?.message;
    const action = incoming.kind === 'press' ? decodeAction(incoming.data, answers.core) : undefined;
    if (!action || !message || !ctx.from) return acknowledge(ctx, PHRASES[hint].expired);
    await acknowledge(ctx);
    const result = await answers.press(platform, { chat: message.chat.id, user: ctx.from.id }, action.query, render);
    if (action.kind === 'lang' || action.kind === 'choice') return replaceAnswer(ctx, answers, result);
    await sendAnswer(ctx, answers, result, message.message_id);
  };
}

/** The answer in place of the one the button was under (a map's image changes too: it has words). */
async function replaceAnswer(ctx: Context, answers: Answers, result: Rendered<TelegramReply>): Promise<void> {
  const message = ctx.callbackQuery?.message;
  const { messages, caption, keyboard } = result.rendered;
  const markup = keyboard ? { reply_markup: keyboard } : {};
  if (message && 'photo' in message && caption !== undefined) {
    const png = await answers.mapImage(result.answer);
    return unlessUnchanged(
      png
        ? ctx.editMessageMedia(
            { type: 'photo', media: { source: png, filename: MAP_FILENAME }, caption, parse_mode: 'HTML' },
            markup,
          )
        : ctx.editMessageCaption(caption, { parse_mode: 'HTML', ...markup }),
    );
  }
  const [only, ...more] = messages;
  // A map picked under a text question ("map of Congo", then a button) comes as a new photo message.
  if (only === undefined || more.length > 0 || caption !== undefined || (message && 'photo' in message)) {
    return sendAnswer(ctx, answers, result, message?.message_id);
  }
  const link = { link_preview_options: { is_disabled: true }, ...markup };
  try {
    await unlessUnchanged(ctx.editMessageText(only, { parse_mode: 'HTML', ...link }));
  } catch (error) {
    if (!(error instanceof TelegramError && error.code === 400 && /can't parse entities/i.test(error.description)))
      throw error;
    await unlessUnchanged(ctx.editMessageText(plainText(only), link));
  }
}

/** Waits for an edit; a double tap asks for the same content again, which leaves nothing to change. */
async function unlessUnchanged(edit: Promise<unknown>): Promise<void> {
  try {
    await edit;
  } catch (error) {
    if (!(error instanceof TelegramError && error.description.includes('message is not modified'))) throw error;
  }
}

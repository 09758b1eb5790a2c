/**
 * Button presses. The data is decoded strictly into an action and its Query: anything else (an old
 * button, forged data, a page the answer does not have) gets "this button has expired" and nothing
 * more. The query is answered first (the user's spinner stops), exactly once.
 *
 * What a press shows, and to whom: in a private chat, the other language, "More" and its ◀ ▶ pages
 * change the message in place; in a group they come as a new message replying to the answer, so the
 * answer everyone sees stays as it was (◀ ▶ then page through that reply). A country picked among
 * several replaces the question. Sources, a suggested question and the map come as a new message
 * under the answer; the map once per answer (a second press only gets a short notice).
 */
import type { Context } from 'telegraf';
import { TelegramError } from 'telegraf';
import { t } from '../../../i18n/index.js';
import type { Answers, Render, Rendered } from '../../../service/answers.js';
import { decodeAction, type PressedAction } from '../../actions.js';
import { type InlineKeyboard, pageKeyboard, plainText, renderPage } from '../render.js';
import { acknowledge, MAP_FILENAME, sendAnswer, sendMessages, type TelegramReply } from '../send.js';
import { stateOf } from '../state.js';

export function onCallback(answers: Answers, render: Render<TelegramReply>, platform: string) {
  return async (ctx: Context): Promise<void> => {
    const { incoming, hint } = stateOf(ctx);
    const message = ctx.callbackQuery?.message;
    const action = incoming.kind === 'press' ? decodeAction(incoming.data, answers.core) : undefined;
    if (!action || !message || !ctx.from) return acknowledge(ctx, t(hint, 'notice-expired'));
    const who = { chat: message.chat.id, user: ctx.from.id };
    const inPrivate = message.chat.type === 'private';
    if (action.kind === 'more' || action.kind === 'page') {
      return showPage(ctx, answers, render, platform, action, inPrivate);
    }
    if (action.kind === 'map') {
      if (!(await answers.firstMapPress(platform, message.chat.id, message.message_id)))
        return acknowledge(ctx, t(hint, 'notice-map-sent'));
    }
    await acknowledge(ctx);
    const result = await answers.press(platform, who, action.query, render);
    const inPlace = action.kind === 'choice' || action.kind === 'back' || (action.kind === 'lang' && inPrivate);
    if (inPlace) return replaceAnswer(ctx, answers, result);
    await sendAnswer(ctx, answers, result, message.message_id);
  };
}

/** A page of the details: in place, or from an answer in a group, as a reply to it. */
async function showPage(
  ctx: Context,
  answers: Answers,
  render: Render<TelegramReply>,
  platform: string,
  action: PressedAction,
  inPrivate: boolean,
): Promise<void> {
  const { hint } = stateOf(ctx);
  const message = ctx.callbackQuery?.message;
  if (!message || !ctx.from) return;
  const { answer, query } = await answers.press(
    platform,
    { chat: message.chat.id, user: ctx.from.id },
    action.query,
    render,
  );
  if (action.page >= answer.pages.length) return acknowledge(ctx, t(hint, 'notice-expired'));
  await acknowledge(ctx);
  const html = renderPage(answer, action.page);
  const keyboard = pageKeyboard(answer, query, action.page, answers.core);
  if (action.kind === 'more' && !inPrivate) return sendMessages(ctx, [html], keyboard, message.message_id);
  if ('photo' in message) return sendMessages(ctx, [html], keyboard, message.message_id);
  return editText(ctx, html, keyboard);
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
  return editText(ctx, only, keyboard);
}

/** Edits the pressed message's text; HTML Telegram refuses goes as plain text. */
async function editText(ctx: Context, html: string, keyboard: InlineKeyboard | undefined): Promise<void> {
  const link = { link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) };
  try {
    await unlessUnchanged(ctx.editMessageText(html, { parse_mode: 'HTML', ...link }));
  } catch (error) {
    if (!(error instanceof TelegramError && error.code === 400 && /can't parse entities/i.test(error.description)))
      throw error;
    await unlessUnchanged(ctx.editMessageText(plainText(html), link));
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

/**
 * Sending answers: HTML messages (sent again as plain text if Telegram ever refuses the markup), map
 * photos with their caption, and the one answer a callback query may get.
 */
import type { Context } from 'telegraf';
import type { ReplyParameters } from 'telegraf/types';
import type { Answer, Core, Query } from '../../core/index.js';
import type { Answers, Render, Rendered } from '../../service/answers.js';
import { isTelegramError } from './api.js';
import {
  answerKeyboard,
  type InlineKeyboard,
  plainText,
  renderCaption,
  renderSources,
  renderTelegram,
} from './render.js';
import { stateOf } from './state.js';

/** The name a map photo is uploaded under. */
export const MAP_FILENAME = 'map.png';

/** An answer as Telegram shows it: its messages, its caption when it is a map, its buttons. */
export interface TelegramReply {
  messages: string[];
  caption: string | undefined;
  keyboard: InlineKeyboard | undefined;
}

/**
 * The renderer the answer cache stores for Telegram. `bot` gives the bot's username once known (the
 * help's line on inline mode names it).
 */
export function telegramRender(core: Pick<Core, 'encode'>, bot?: () => string | undefined): Render<TelegramReply> {
  return (answer: Answer, query: Query) => ({
    messages: query.aspect === 'sources' ? renderSources(answer) : renderTelegram(answer, { query, bot: bot?.() }),
    caption: answer.map ? renderCaption(answer) : undefined,
    keyboard: answerKeyboard(answer, query, core),
  });
}

function replyParameters(replyTo: number | undefined): ReplyParameters | undefined {
  return replyTo === undefined ? undefined : { message_id: replyTo, allow_sending_without_reply: true };
}

const refusedMarkup = (error: unknown) =>
  isTelegramError(error, 400) && /can't parse entities|unsupported start tag|can't find end/i.test(error.description);

/** Sends HTML messages, the keyboard under the last; a message Telegram cannot parse goes as plain text. */
export async function sendMessages(
  ctx: Context,
  messages: readonly string[],
  keyboard?: InlineKeyboard,
  replyTo?: number,
): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  for (const [i, html] of messages.entries()) {
    const extra = {
      link_preview_options: { is_disabled: true },
      ...(i === messages.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
      ...(i === 0 && replyTo !== undefined ? { reply_parameters: replyParameters(replyTo) } : {}),
    };
    try {
      await ctx.telegram.sendMessage(chatId, html, { parse_mode: 'HTML', ...extra });
    } catch (error) {
      if (!refusedMarkup(error)) throw error;
      stateOf(ctx).log.warn({ err: error }, 'telegram: HTML refused, sent as plain text');
      await ctx.telegram.sendMessage(chatId, plainText(html), extra);
    }
  }
}

/** Sends an answer: a map as a photo with its caption, anything else as messages. */
export async function sendAnswer(
  ctx: Context,
  answers: Answers,
  result: Rendered<TelegramReply>,
  replyTo?: number,
): Promise<void> {
  const { keyboard } = result.rendered;
  if (!(await sendMap(ctx, answers, result, replyTo)))
    await sendMessages(ctx, result.rendered.messages, keyboard, replyTo);
  stateOf(ctx).log.info(
    { intent: result.answer.intent, latencyMs: Math.round(result.ms * 100) / 100, cached: result.cached },
    'answered',
  );
}

/** A map answer as a photo; false when there is no image (not a map, or no renderer configured). */
async function sendMap(
  ctx: Context,
  answers: Answers,
  result: Rendered<TelegramReply>,
  replyTo: number | undefined,
): Promise<boolean> {
  const chatId = ctx.chat?.id;
  const { caption, keyboard } = result.rendered;
  if (chatId === undefined || caption === undefined) return false;
  const png = await answers.mapImage(result.answer);
  if (!png) return false;
  const reply = replyParameters(replyTo);
  await ctx.telegram.sendPhoto(
    chatId,
    { source: png, filename: MAP_FILENAME },
    {
      caption,
      parse_mode: 'HTML',
      ...(keyboard ? { reply_markup: keyboard } : {}),
      // An upload goes as multipart, where telegraf 4.16 silently drops object fields it does not
      // serialize itself (reply_markup only): Telegram reads this one as a JSON string.
      ...(reply ? { reply_parameters: JSON.stringify(reply) as unknown as ReplyParameters } : {}),
    },
  );
  return true;
}

/**
 * Answers the callback query, once: Telegram refuses a second answer. Only a courtesy (the spinner
 * stops): when Telegram refuses it ("query is too old" after a backlog), the answer still goes out.
 */
export async function acknowledge(ctx: Context, text?: string): Promise<void> {
  const state = stateOf(ctx);
  if (state.acknowledged || !ctx.callbackQuery) return;
  state.acknowledged = true;
  try {
    await ctx.answerCbQuery(text);
  } catch (error) {
    if (isTelegramError(error, 403)) throw error;
    state.log.warn({ err: error }, 'telegram: button press not acknowledged');
  }
}

/**
 * Inline mode (`@bot morocco` in any chat): short cards for the countries named or suggested, the
 * NSO topics, the lists. Each card shows the answer's title and one line; sent, it is the short
 * answer (title, text, dates, sources line) with a button to open the private chat with the bot.
 * Anything else (a name that is no country, a question with no card) gets no sendable result, only
 * the button to ask in the private chat. Stateless:
 * inline queries belong to no conversation.
 */
import type { Context } from 'telegraf';
import type { InlineQueryResult } from 'telegraf/types';
import { type Answer, type Lang, type Query, queryOf, TOPICS } from '../../../core/index.js';
import { t } from '../../../i18n/index.js';
import type { Answers, Render } from '../../../service/answers.js';
import type { TelegramReply } from '../send.js';
import { stateOf } from '../state.js';

const MAX_INLINE_RESULTS = 50;
const INLINE_CACHE_SECONDS = 300;
const SUGGESTED_COUNTRIES = 10;
/** The `/start` parameter of the chat a card's button opens. */
export const INLINE_START_PARAMETER = 'inline';
const MAX_DESCRIPTION = 120;

export function onInlineQuery(answers: Answers, render: Render<TelegramReply>, platform: string) {
  return async (ctx: Context): Promise<void> => {
    const { incoming, hint } = stateOf(ctx);
    if (incoming.kind !== 'inline') return;
    const asked = answers.core.understand(incoming.text, { hint });
    const bot = ctx.botInfo?.username;
    const results: InlineQueryResult[] = [];
    const seen = new Set<string>();
    for (const query of candidates(answers, asked, incoming.text)) {
      const { answer, rendered } = await answers.answer(platform, query, render);
      const id = answers.core.encode(query);
      const first = rendered.messages[0];
      if (seen.has(id) || first === undefined) continue;
      seen.add(id);
      results.push(card(id, answer, first, bot));
    }
    await ctx.answerInlineQuery(results.slice(0, MAX_INLINE_RESULTS), {
      cache_time: INLINE_CACHE_SECONDS,
      is_personal: true,
      button: { text: t(asked.lang, 'inline-open-chat'), start_parameter: INLINE_START_PARAMETER },
    });
  };
}

/** The cards worth offering for what was typed. */
function candidates(answers: Answers, asked: Query, text: string): Query[] {
  const { lang } = asked;
  const list: Query[] = [];
  if (asked.intent === 'nso') {
    list.push(queryOf('nso', lang, { topic: asked.topic ?? 'overview' }));
    for (const topic of TOPICS) list.push(queryOf('nso', lang, { topic }));
  } else if (asked.intent === 'list_allowed' || asked.intent === 'list_removed' || asked.intent === 'sources') {
    list.push(queryOf(asked.intent, lang));
  }
  const named = asked.intent === 'country_status' ? asked.countries : [];
  const suggested = answers.core.suggestCountries(text, lang, SUGGESTED_COUNTRIES).map((c) => c.code);
  for (const code of new Set([...named, ...suggested]))
    list.push(queryOf('country_status', lang, { countries: [code] }));
  if (list.length === 0 && text.trim() === '') list.push(queryOf('nso', lang, { topic: 'overview' }));
  return list;
}

/** The private chat with the bot, opened on `/start inline`. */
export function chatLink(bot: string): string {
  return `https://t.me/${encodeURIComponent(bot)}?start=${INLINE_START_PARAMETER}`;
}

function card(id: string, answer: Answer, html: string, bot: string | undefined): InlineQueryResult {
  return {
    type: 'article',
    id,
    title: answer.title,
    description: summary(answer),
    input_message_content: { message_text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    ...(bot ? { reply_markup: { inline_keyboard: [[{ text: openChat(answer.lang), url: chatLink(bot) }]] } } : {}),
  };
}

function openChat(lang: Lang): string {
  return t(lang, 'inline-open-chat');
}

/** The first line of the short text, short enough for an inline card. */
function summary(answer: Answer): string {
  const line = answer.text.split('\n').find((l) => l.trim() !== '' && l !== answer.title) ?? '';
  return line.length > MAX_DESCRIPTION ? `${line.slice(0, MAX_DESCRIPTION - 1)}…` : line;
}

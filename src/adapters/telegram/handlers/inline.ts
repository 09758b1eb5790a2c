/**
 * Inline mode (`@bot morocco` in any chat): country cards for the countries named or suggested, NSO
 * topic cards for NSO, the lists; each card is an answer the user can post. Stateless: inline
 * queries belong to no conversation.
 */
import type { Context } from 'telegraf';
import type { InlineQueryResult } from 'telegraf/types';
import { type Answer, type Query, queryOf, TOPICS } from '../../../core/index.js';
import type { Answers, Render } from '../../../service/answers.js';
import { renderNotice } from '../render.js';
import type { TelegramReply } from '../send.js';
import { stateOf } from '../state.js';

const MAX_INLINE_RESULTS = 50;
const INLINE_CACHE_SECONDS = 300;
const SUGGESTED_COUNTRIES = 10;

export function onInlineQuery(answers: Answers, render: Render<TelegramReply>, platform: string) {
  return async (ctx: Context): Promise<void> => {
    const { incoming, hint } = stateOf(ctx);
    if (incoming.kind !== 'inline') return;
    const asked = answers.core.understand(incoming.text, { hint });
    const results: InlineQueryResult[] = [];
    const seen = new Set<string>();
    for (const query of candidates(answers, asked, incoming.text)) {
      const { answer, rendered } = await answers.answer(platform, query, render);
      const id = answers.core.encode(query);
      const first = rendered.messages[0];
      if (seen.has(id) || first === undefined) continue;
      seen.add(id);
      results.push(card(id, answer, first));
    }
    if (results.length === 0) {
      const { answer, rendered } = await answers.answer(platform, asked, render);
      results.push(card('answer', answer, rendered.messages[0] ?? renderNotice(answer.title)));
    }
    await ctx.answerInlineQuery(results.slice(0, MAX_INLINE_RESULTS), {
      cache_time: INLINE_CACHE_SECONDS,
      is_personal: true,
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

function card(id: string, answer: Answer, html: string): InlineQueryResult {
  return {
    type: 'article',
    id,
    title: answer.title,
    description: summary(answer),
    input_message_content: { message_text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
  };
}

/** The first line of the body, short enough for an inline card. */
function summary(answer: Answer): string {
  const line = answer.text.split('\n').find((l) => l.trim() !== '' && l !== answer.title) ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

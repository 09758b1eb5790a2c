/**
 * Answer → Telegram: HTML parse-mode messages and the inline keyboard under them. Pure functions.
 * Every dynamic string is escaped, and long answers are split into messages of at most
 * MAX_MESSAGE_LENGTH characters, each valid HTML on its own.
 *
 * @example
 * const [first] = renderTelegram(core.ask('Is Morocco allowed?'));
 * // "<b>🇲🇦 Morocco: dropped from the list</b>\n\nMorocco is not on the 37-country list…"
 */

import { formatDate } from '../../core/i18n.js';
import type { Answer, Lang, Source } from '../../core/index.js';

/** Telegram's limit after entity parsing; we keep the HTML itself under it, which is stricter. */
export const MAX_MESSAGE_LENGTH = 4096;
/** Telegram refuses callback data longer than this many bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

const LABELS = {
  en: { sources: 'Sources', other: 'Français', asOf: 'As of', more: (n: number) => `…and ${n} more under “Sources”.` },
  fr: {
    sources: 'Sources',
    other: 'English',
    asOf: 'À jour au',
    more: (n: number) => `…et ${n} de plus sous « Sources ».`,
  },
} as const;

/** Sources linked under an answer; the "Sources" button lists them all. Keeps answers to one message. */
export const INLINE_SOURCES = 3;

// ── Escaping ───────────────────────────────────────────────────────────────────────────────────────

/** Escapes text for Telegram HTML: `<`, `>` and `&` (and `"`, so it is also safe in an attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'));
}

// ── Building blocks: a message is paragraphs of lines of spans ─────────────────────────────────────

interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  href?: string;
}
type Line = Span[];
type Paragraph = Line[];

function spanHtml(span: Span): string {
  let html = escapeHtml(span.text);
  if (span.href) html = `<a href="${escapeHtml(span.href)}">${html}</a>`;
  if (span.italic) html = `<i>${html}</i>`;
  if (span.bold) html = `<b>${html}</b>`;
  return html;
}

const lineHtml = (line: Line) => line.map(spanHtml).join('');
const paragraphHtml = (paragraph: Paragraph) => paragraph.map(lineHtml).join('\n');

/** Plain text to paragraphs (blank-line separated) of plain lines. */
function textParagraphs(text: string, boldLines: ReadonlySet<string> = new Set()): Paragraph[] {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n').map((line) => [{ text: line, bold: boldLines.has(line) }]));
}

// ── Splitting ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Cuts a line too long for one message into pieces that each fit, cutting only plain text (never a
 * tag or an entity, never a surrogate pair), at a space when one is near the end.
 */
function hardSplit(line: Line, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const span of line) {
    const overhead = spanHtml({ ...span, text: '' }).length;
    let rest = [...span.text];
    while (rest.length > 0) {
      const room = limit - current.length - overhead;
      let taken = 0;
      let cost = 0;
      for (const ch of rest) {
        const c = escapeHtml(ch).length;
        if (cost + c > room) break;
        cost += c;
        taken++;
      }
      if (taken < rest.length) {
        const space = rest.lastIndexOf(' ', taken - 1);
        if (space > taken / 2) taken = space + 1;
      }
      if (taken === 0 && current !== '') {
        pieces.push(current);
        current = '';
        continue;
      }
      taken = Math.max(taken, 1);
      current += spanHtml({ ...span, text: rest.slice(0, taken).join('') });
      rest = rest.slice(taken);
      if (rest.length > 0) {
        pieces.push(current);
        current = '';
      }
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Packs paragraphs into messages: on paragraph boundaries, then line boundaries, then hard cuts. */
export function splitMessages(paragraphs: Paragraph[], limit = MAX_MESSAGE_LENGTH): string[] {
  const messages: string[] = [];
  let current = '';
  const add = (chunk: string, separator: string) => {
    if (current && current.length + separator.length + chunk.length <= limit) current += separator + chunk;
    else {
      if (current) messages.push(current);
      current = chunk;
    }
  };
  for (const paragraph of paragraphs) {
    const html = paragraphHtml(paragraph);
    if (html.length <= limit) {
      add(html, '\n\n');
      continue;
    }
    paragraph.forEach((line, i) => {
      const separator = i === 0 ? '\n\n' : '\n';
      const one = lineHtml(line);
      if (one.length <= limit) add(one, separator);
      else for (const [j, piece] of hardSplit(line, limit).entries()) add(piece, j === 0 ? separator : '');
    });
  }
  if (current) messages.push(current);
  // Telegram trims messages and refuses empty ones.
  return messages.map((m) => m.trim()).filter((m) => m !== '');
}

// ── Answers ────────────────────────────────────────────────────────────────────────────────────────

function sourceLine(source: Source, lang: Lang): Line {
  return [
    { text: '• ' },
    { text: `${source.publisher}: ${source.title}`, href: source.url },
    { text: ` (${formatDate(source.date, 'day', lang)})` },
  ];
}

function sourcesParagraph(answer: Answer, limit = answer.sources.length): Paragraph {
  const hidden = answer.sources.length - limit;
  return [
    [{ text: `${LABELS[answer.lang].sources}:`, bold: true }],
    ...answer.sources.slice(0, limit).map((s) => sourceLine(s, answer.lang)),
    ...(hidden > 0 ? [[{ text: LABELS[answer.lang].more(hidden), italic: true }]] : []),
  ];
}

/**
 * An answer as Telegram HTML messages: headline in bold (flag and status first), body, sources as
 * links, the as-of date; split so each message fits and is valid HTML on its own.
 */
export function renderTelegram(answer: Answer): string[] {
  const lang = answer.lang;
  // A several-country answer opens each country's block with its part of the headline: bold it too.
  const countryHeads = new Set(answer.intent === 'country_status' ? answer.title.split(' · ') : []);
  const paragraphs: Paragraph[] = [
    [[{ text: answer.title, bold: true }]],
    ...textParagraphs(answer.text, countryHeads),
  ];
  if (answer.sources.length > 0) paragraphs.push(sourcesParagraph(answer, INLINE_SOURCES));
  if (answer.asOf) {
    paragraphs.push([[{ text: `${LABELS[lang].asOf} ${formatDate(answer.asOf, 'day', lang)}`, italic: true }]]);
  }
  return splitMessages(paragraphs);
}

/** Only the sources of an answer (the "Sources" button). */
export function renderSources(answer: Answer): string[] {
  const head: Paragraph = [[{ text: answer.title, bold: true }]];
  return splitMessages(answer.sources.length > 0 ? [head, sourcesParagraph(answer)] : [head]);
}

/** A short plain reply (usage, apology), escaped. */
export function renderNotice(text: string): string {
  return escapeHtml(text);
}

// ── Buttons: callback data that maps back to the request ───────────────────────────────────────────

/** A button press: `src|<lang>|<key>` (the sources, in the answer's language) or `lang|<lang>|<key>`. */
export interface ButtonAction {
  kind: 'sources' | 'lang';
  lang: Lang;
  key: string;
}

export function parseCallbackData(data: string): ButtonAction | undefined {
  const [kind, lang, key] = data.split('|');
  if ((kind !== 'src' && kind !== 'lang') || (lang !== 'en' && lang !== 'fr') || !key) return undefined;
  return { kind: kind === 'src' ? 'sources' : 'lang', lang, key };
}

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/** "Sources" (when the answer has some) and the other language, under an answer. */
export function answerKeyboard(answer: Answer, key: string): InlineKeyboard | undefined {
  const other: Lang = answer.lang === 'fr' ? 'en' : 'fr';
  const buttons = [
    ...(answer.sources.length > 0
      ? [{ text: `📚 ${LABELS[answer.lang].sources}`, callback_data: `src|${answer.lang}|${key}` }]
      : []),
    { text: LABELS[answer.lang].other, callback_data: `lang|${other}|${key}` },
  ].filter((b) => Buffer.byteLength(b.callback_data) <= MAX_CALLBACK_DATA_BYTES);
  return buttons.length > 0 ? { inline_keyboard: [buttons] } : undefined;
}

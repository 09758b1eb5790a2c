/**
 * Answer → Telegram: HTML parse-mode messages and the inline keyboard under them. Pure functions.
 * Every dynamic string is escaped, and long answers are split into messages of at most
 * MAX_MESSAGE_LENGTH characters, each valid HTML on its own.
 *
 * @example
 * const [first] = renderTelegram(core.ask('Is Morocco allowed?'));
 * // "<b>🇲🇦 Morocco: dropped from the list</b>\n\nMorocco is not on the 37-country list…"
 */

import { type Answer, COLON, type Core, formatDate, type Lang, type Query, type Source } from '../../core/index.js';
import { actionData, actionsFor } from '../actions.js';

/** Telegram's limit after entity parsing; we keep the HTML itself under it, which is stricter. */
export const MAX_MESSAGE_LENGTH = 4096;
/** Telegram's limit on a photo caption, after entity parsing. */
export const MAX_CAPTION_LENGTH = 1024;
/** Telegram refuses callback data longer than this many bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

const LABELS = {
  en: {
    sources: 'Sources',
    source: 'Source',
    other: 'Français',
    map: 'Map',
    asOf: 'As of',
    more: (n: number) => `…and ${n} more under “Sources”.`,
  },
  fr: {
    sources: 'Sources',
    source: 'Source',
    other: 'English',
    map: 'Carte',
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
    { text: source.title ? `${source.publisher}${COLON[lang]}${source.title}` : source.publisher, href: source.url },
    { text: source.date ? ` (${formatDate(source.date, lang)})` : '' },
  ];
}

function sourcesParagraph(answer: Answer, limit = answer.sources.length): Paragraph {
  const hidden = answer.sources.length - limit;
  return [
    [{ text: `${LABELS[answer.lang].sources}${COLON[answer.lang].trimEnd()}`, bold: true }],
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
    paragraphs.push([[{ text: `${LABELS[lang].asOf} ${formatDate(answer.asOf, lang)}`, italic: true }]]);
  }
  return splitMessages(paragraphs);
}

/** Only the sources of an answer (the "Sources" button). */
export function renderSources(answer: Answer): string[] {
  const head: Paragraph = [[{ text: answer.title, bold: true }]];
  return splitMessages(answer.sources.length > 0 ? [head, sourcesParagraph(answer)] : [head]);
}

// ── Photo captions (map answers) ───────────────────────────────────────────────────────────────────

/** What the user sees of a paragraph, in UTF-16 units: Telegram's limits count this, not the markup. */
function visibleLength(paragraph: Paragraph): number {
  return paragraph.reduce((n, line) => n + line.reduce((m, span) => m + span.text.length, 0), paragraph.length - 1);
}

/**
 * Cuts plain text to at most `max` UTF-16 units, at a paragraph, sentence or word break when one is
 * near the end, marking the cut with "…"; never inside a surrogate pair.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let head = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  const floor = Math.floor(max * 0.6);
  const cut = [
    head.lastIndexOf('\n\n'),
    head.lastIndexOf('\n'),
    sentence < 0 ? -1 : sentence + 1,
    head.lastIndexOf(' '),
  ].find((i) => i >= floor);
  return `${head.slice(0, cut ?? head.length).trimEnd()}…`;
}

/**
 * The caption of a map photo: bold headline, the text, the first source as a link, the as-of date.
 * It fits MAX_CAPTION_LENGTH as Telegram counts it (after entity parsing): only the text is cut, at a
 * break, as plain text before any markup is added, so a cut never lands inside a tag or an entity.
 */
export function renderCaption(answer: Answer, limit = MAX_CAPTION_LENGTH): string {
  const lang = answer.lang;
  const head: Paragraph = [[{ text: clipText(answer.title, 200), bold: true }]];
  const tail: Paragraph[] = [];
  const [first, ...others] = answer.sources;
  if (first) {
    const source: Paragraph = [
      [
        { text: `${LABELS[lang].source}${COLON[lang]}` },
        {
          text: first.title
            ? `${clipText(first.publisher, 60)}${COLON[lang]}${clipText(first.title, 150)}`
            : clipText(first.publisher, 60),
          href: first.url,
        },
        { text: first.date ? ` (${formatDate(first.date, lang)})` : '' },
      ],
    ];
    if (others.length > 0) source.push([{ text: LABELS[lang].more(others.length), italic: true }]);
    tail.push(source);
  }
  if (answer.asOf) tail.push([[{ text: `${LABELS[lang].asOf} ${formatDate(answer.asOf, lang)}`, italic: true }]]);
  const separators = 2 * (tail.length + 1);
  const room = limit - separators - [head, ...tail].reduce((n, p) => n + visibleLength(p), 0);
  const body = room > 0 ? textParagraphs(clipText(answer.text.trim(), room)) : [];
  return [head, ...body, ...tail].map(paragraphHtml).join('\n\n');
}

/** A short plain reply (usage, apology), escaped. */
export function renderNotice(text: string): string {
  return escapeHtml(text);
}

// ── Buttons ───────────────────────────────────────────────────────────────────────────────────────

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/** Choice buttons one a row (country names can be long), the others side by side. */
export function answerKeyboard(answer: Answer, query: Query, core: Pick<Core, 'encode'>): InlineKeyboard | undefined {
  const buttons = actionsFor(answer, query)
    .map((action) => ({
      kind: action.kind,
      text: action.emoji ? `${action.emoji} ${action.label}` : action.label,
      callback_data: actionData(action, core),
    }))
    .filter((b) => Buffer.byteLength(b.callback_data) <= MAX_CALLBACK_DATA_BYTES);
  const choices = buttons
    .filter((b) => b.kind === 'choice')
    .map(({ text, callback_data }) => [{ text, callback_data }]);
  const others = buttons.filter((b) => b.kind !== 'choice').map(({ text, callback_data }) => ({ text, callback_data }));
  const rows = [...choices, ...(others.length > 0 ? [others] : [])];
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/** Telegram HTML reduced to the text a user would see: the fallback when Telegram refuses the markup. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * Answer → Telegram: HTML parse-mode messages and the inline keyboard under them. Pure functions.
 * An answer is its title in bold (the line that answers), its short text, the dates line and one
 * line of sources; "More" shows its pages one at a time. Every dynamic string is escaped, and
 * anything long is split into messages of at most MAX_MESSAGE_LENGTH characters, each valid HTML.
 *
 * @example
 * const [first] = renderTelegram(core.ask('Is Morocco allowed?'));
 * // "<b>🇲🇦 Morocco — …</b>\n\n…\n\n<i>Reported … · no change known as of May 2026</i>\nSources: <a …>…</a>"
 */

import { type Answer, type Core, datesLine, type Query } from '../../core/index.js';
import { t } from '../../i18n/index.js';
import { type Action, actionData, actionsFor, pageActions } from '../actions.js';
import {
  describeSource,
  type HelpCommand,
  helpCommands,
  hiddenSources,
  isHelp,
  pageLabel,
  type SourceView,
  shownSources,
  sourcesLabel,
} from '../frame.js';

/** Telegram's limit after entity parsing; we keep the HTML itself under it, which is stricter. */
export const MAX_MESSAGE_LENGTH = 4096;
/** Telegram's limit on a photo caption, after entity parsing. */
export const MAX_CAPTION_LENGTH = 1024;
/** Telegram refuses callback data longer than this many bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;
/** Room for a page's text: a page is edited in place, so it must fit one message. */
const PAGE_TEXT_LENGTH = 3500;

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
function textParagraphs(text: string): Paragraph[] {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n').map((line) => [{ text: line }]));
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

/** "Sources: A · B · C", each publisher a link; null when the answer has none. */
function sourcesLine(answer: Answer, sources: readonly SourceView[] = shownSources(answer)): Line | null {
  if (sources.length === 0) return null;
  const line: Line = [{ text: `${sourcesLabel(answer.lang)} ` }];
  for (const [i, s] of sources.entries()) {
    if (i > 0) line.push({ text: ' · ' });
    line.push({ text: s.publisher, href: s.url });
  }
  return line;
}

/** The dates line (italic) and the sources line, as one closing paragraph; null when neither. */
function closing(answer: Answer, sources?: readonly SourceView[]): Paragraph | null {
  const dates = datesLine(answer);
  const lines: Line[] = [];
  if (dates) lines.push([{ text: dates, italic: true }]);
  const links = sourcesLine(answer, sources);
  if (links) lines.push(links);
  return lines.length > 0 ? lines : null;
}

/** The help's list of commands (from the command table), inline mode and the buttons. */
function helpParagraphs(answer: Answer, bot: string | undefined): Paragraph[] {
  const { lang } = answer;
  const commandLine = (c: HelpCommand): Line => [
    { text: `/${c.name}`, bold: true },
    { text: ` — ${c.description}` },
    ...(c.example ? [{ text: ` (${t(lang, 'help-example', { example: `/${c.name} ${c.example}` })})` }] : []),
  ];
  const paragraphs: Paragraph[] = [
    [[{ text: t(lang, 'help-commands'), bold: true }], ...helpCommands(lang).map(commandLine)],
  ];
  const notes: Line[] = [];
  if (bot) notes.push([{ text: t(lang, 'help-inline', { bot }) }]);
  notes.push([{ text: t(lang, 'help-buttons') }]);
  paragraphs.push(notes);
  return paragraphs;
}

export interface TelegramRenderOptions {
  /** The bot's username, for the help's inline-mode line. */
  bot?: string | undefined;
  /** The Query answered: the help adds the list of commands to its answer. */
  query?: Query;
}

/**
 * An answer as Telegram HTML: the title in bold (the line that answers), the short text, the dates
 * line in italics and one line of sources as links; split so each message fits and is valid HTML.
 */
export function renderTelegram(answer: Answer, options: TelegramRenderOptions = {}): string[] {
  const paragraphs: Paragraph[] = [[[{ text: answer.title, bold: true }]], ...textParagraphs(answer.text)];
  if (options.query && isHelp(answer, options.query.aspect)) paragraphs.push(...helpParagraphs(answer, options.bot));
  const end = closing(answer);
  if (end) paragraphs.push(end);
  return splitMessages(paragraphs);
}

/** One source in full: the publisher and date as the link, then the title when it is known. */
function sourceEntry(source: SourceView, lang: Answer['lang']): Line {
  const { label, title } = describeSource(source, lang);
  return [{ text: '• ' }, { text: label, href: source.url }, ...(title ? [{ text: `: ${title}` }] : [])];
}

/** The "Sources" view: the sources the short answer did not link to, or a word that all are linked. */
export function renderSources(answer: Answer): string[] {
  const head: Paragraph = [[{ text: answer.title, bold: true }]];
  const rest = hiddenSources(answer);
  const body: Paragraph =
    rest.length > 0
      ? [[{ text: t(answer.lang, 'sources-rest'), bold: true }], ...rest.map((s) => sourceEntry(s, answer.lang))]
      : [[{ text: t(answer.lang, 'sources-all-shown'), italic: true }]];
  return splitMessages([head, body]);
}

/** Page `index` of an answer's details, as one message (it replaces another in place). */
export function renderPage(answer: Answer, index: number): string {
  const page = answer.pages[index] ?? '';
  const label =
    answer.pages.length > 1 ? [[[{ text: pageLabel(answer.lang, index, answer.pages.length), italic: true }]]] : [];
  const paragraphs: Paragraph[] = [
    [[{ text: clipText(answer.title, 200), bold: true }]],
    ...textParagraphs(clipText(page, PAGE_TEXT_LENGTH)),
    ...label,
  ];
  return paragraphs.map(paragraphHtml).join('\n\n');
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
 * The caption of a map photo: bold title, the text, the dates line, the sources line. It fits
 * MAX_CAPTION_LENGTH as Telegram counts it (after entity parsing): only the text is cut, at a break,
 * as plain text before any markup is added, so a cut never lands inside a tag or an entity.
 */
export function renderCaption(answer: Answer, limit = MAX_CAPTION_LENGTH): string {
  const head: Paragraph = [[{ text: clipText(answer.title, 200), bold: true }]];
  const end = closing(answer);
  const tail: Paragraph[] = end ? [end] : [];
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

function buttonsOf(actions: readonly Action[], core: Pick<Core, 'encode'>) {
  return actions
    .map((action) => ({
      kind: action.kind,
      text: action.emoji ? `${action.emoji} ${action.label}` : action.label,
      callback_data: actionData(action, core),
    }))
    .filter((b) => Buffer.byteLength(b.callback_data) <= MAX_CALLBACK_DATA_BYTES);
}

/** Choice buttons one a row (country names can be long), the others side by side. */
export function answerKeyboard(answer: Answer, query: Query, core: Pick<Core, 'encode'>): InlineKeyboard | undefined {
  const buttons = buttonsOf(actionsFor(answer, query), core);
  const choices = buttons
    .filter((b) => b.kind === 'choice')
    .map(({ text, callback_data }) => [{ text, callback_data }]);
  const others = buttons.filter((b) => b.kind !== 'choice').map(({ text, callback_data }) => ({ text, callback_data }));
  const rows = [...choices, ...(others.length > 0 ? [others] : [])];
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/** ◀ ▶ under page `index` of an answer's details. */
export function pageKeyboard(answer: Answer, query: Query, index: number, core: Pick<Core, 'encode'>): InlineKeyboard {
  const row = buttonsOf(pageActions(answer, query, index), core).map(({ text, callback_data }) => ({
    text,
    callback_data,
  }));
  return { inline_keyboard: row.length > 0 ? [row] : [] };
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

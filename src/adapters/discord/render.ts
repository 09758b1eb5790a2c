/**
 * Answer → Discord message payload. Pure: the same answer and Query always give the same JSON, which
 * the answer cache stores as is. An answer is one embed: its title (the line that answers), the short
 * text, the dates line and one line of sources as links; "More" shows its pages, the "Sources" view
 * the sources not linked. Every piece of answer text is escaped and clipped to Discord's limits here,
 * so no data or user text can break the formatting, ping anyone or get a message rejected.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import { type Answer, datesLine, encodeQuery, type Lang, type Query, type Status } from '../../core/index.js';
import { t } from '../../i18n/index.js';
import { type Action, actionsFor, pageActions } from '../actions.js';
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
import { customIdOf } from './custom-id.js';
import type { NoticeKind } from './user-notice.js';

/** Discord's limits on a message (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
} as const;

export const STATUS_COLOUR: Record<Status, number> = {
  listed: 0x2ecc71,
  removed: 0xe74c3c,
  not_listed: 0x95a5a6,
  domestic: 0x3498db,
};
export const NSO_COLOUR = 0x9b59b6;
export const DEFAULT_COLOUR = 0x5865f2;

/** Mentions never ping: user text is echoed back in replies. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as { parse: []; repliedUser: false };

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_MENTIONS;
  /** Uploads (the map image); never in the cached rendering, added per message by `withMapImage`. */
  files?: MessageFile[];
}

export interface MessageFile {
  attachment: Buffer;
  name: string;
}

/** The file name of a map image, which the embed refers to as `attachment://map.png`. */
export const MAP_FILENAME = 'map.png';

/** Cuts `text` to `max` chars at the last paragraph, line or word break, marking the cut with "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const floor = Math.floor(max * 0.6);
  const cut = [head.lastIndexOf('\n\n'), head.lastIndexOf('\n'), head.lastIndexOf(' ')].find((i) => i >= floor);
  // Never end on a lone backslash: it would escape the "…".
  return `${head.slice(0, cut ?? head.length).replace(/\\+$/, '')}…`;
}

/** Markdown-safe text: nothing in it can turn into bold, links, headings, code or mentions. */
export function escapeText(text: string): string {
  return escapeMarkdown(text.replace(/\\/g, '\\\\'), { heading: true, bulletedList: true, numberedList: true })
    .replace(/[[\]]/g, (c) => `\\${c}`)
    .replace(/<(?=[@#:/a-zA-Z])/g, '<\u200b')
    .replace(/@(everyone|here)/g, '@\u200b$1');
}

function colourOf(answer: Answer): number {
  const first = answer.countries[0];
  if (answer.intent === 'country_status' && first) return STATUS_COLOUR[first.status];
  if (answer.intent === 'nso') return NSO_COLOUR;
  return DEFAULT_COLOUR;
}

function safeUrl(url: string): string {
  // encodeURIComponent leaves ( and ) alone, and a ")" would end the markdown link.
  return url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A markdown link whose label and URL cannot break out of it. */
function link(label: string, url: string): string {
  return `[${escapeText(clip(label, 150))}](${safeUrl(url)})`;
}

/** "Sources: [A](…) · [B](…) · [C](…)"; empty when the answer has none. */
function sourcesLine(answer: Answer): string {
  const shown = shownSources(answer);
  if (shown.length === 0) return '';
  return `${escapeText(sourcesLabel(answer.lang))} ${shown.map((s) => link(s.publisher, s.url)).join(' · ')}`;
}

/** One source in full: publisher and date as the link, the title after it when it is known. */
function sourceEntry(source: SourceView, lang: Lang): string {
  const { label, title } = describeSource(source, lang);
  return `• ${link(label, source.url)}${title ? `: ${escapeText(clip(title, 200))}` : ''}`;
}

/** Lines joined within `max` characters; the ones left out are counted in a last line. */
function packLines(lines: readonly string[], lang: Lang, max: number): string {
  let out = '';
  for (const [i, line] of lines.entries()) {
    const more = t(lang, 'sources-more', { count: lines.length - i });
    if (out.length + line.length + more.length + 2 > max) return `${out}\n${escapeText(more)}`;
    out += `${out ? '\n' : ''}${line}`;
  }
  return out;
}

/** The help's commands, as clickable command mentions when their ids are known (`</allowed:123>`). */
export type MentionOf = (name: string) => string;
const plainMention: MentionOf = (name) => `/${name}`;

/** The list of commands (from the command table), with one example each, and the `hide` option. */
export function helpText(lang: Lang, mention: MentionOf = plainMention): string {
  const line = (c: HelpCommand) => {
    const example =
      c.example && c.option ? ` (${t(lang, 'help-example', { example: `/${c.name} ${c.option}:${c.example}` })})` : '';
    return `${mention(c.name)} — ${escapeText(c.description)}${escapeText(example)}`;
  };
  return [
    `**${escapeText(t(lang, 'help-commands'))}**`,
    ...helpCommands(lang).map(line),
    '',
    escapeText(t(lang, 'help-hide')),
    escapeText(t(lang, 'help-buttons')),
  ].join('\n');
}

function button(customId: string, label: string, emoji: string | undefined): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId,
    label: clip(label, DISCORD_LIMITS.buttonLabel),
    ...(emoji ? { emoji: { name: emoji } } : {}),
  };
}

/** Actions as buttons, five to a row; a button whose id would not fit is left out. */
function buttonRows(actions: readonly Action[]): APIActionRowComponent<APIButtonComponent>[] {
  const buttons = actions.flatMap((action) => {
    const id = customIdOf(action, { encode: encodeQuery });
    return id ? [button(id, action.label, action.emoji)] : [];
  });
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length && rows.length < DISCORD_LIMITS.rows; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** The short answer's description: the text, then the dates line and the sources line. */
function shortDescription(answer: Answer, extra: string): string {
  const dates = datesLine(answer);
  const closing = [dates ? `*${escapeText(dates)}*` : '', sourcesLine(answer)].filter((l) => l !== '').join('\n');
  const room = DISCORD_LIMITS.embedDescription - closing.length - extra.length - 4;
  const text = clip(escapeText(answer.text.trim()), Math.max(room, 1));
  return [text, extra, closing].filter((p) => p !== '').join('\n\n') || '\u200b';
}

/**
 * An answer as a Discord message: one embed (title, short text, dates line, one line of sources) and
 * the buttons `actionsFor` gives it. Asked for its sources ("Sources"), the embed lists the sources
 * the short answer does not link, or says they are all linked.
 *
 * @example
 * const query = core.understand('Is Morocco allowed?');
 * await interaction.reply(renderDiscord(core.answer(query), query));
 */
export function renderDiscord(answer: Answer, query: Query, mention?: MentionOf): DiscordMessage {
  const components = buttonRows(actionsFor(answer, query));
  const title = clip(escapeText(answer.title), DISCORD_LIMITS.embedTitle);
  const color = colourOf(answer);
  if (query.aspect === 'sources') {
    const rest = hiddenSources(answer);
    const description =
      rest.length > 0
        ? `**${escapeText(t(answer.lang, 'sources-rest'))}**\n${packLines(
            rest.map((s) => sourceEntry(s, answer.lang)),
            answer.lang,
            DISCORD_LIMITS.embedDescription - 200,
          )}`
        : `*${escapeText(t(answer.lang, 'sources-all-shown'))}*`;
    return { embeds: [{ title, color, description }], components, allowedMentions: NO_MENTIONS };
  }
  const extra = isHelp(answer, query.aspect) ? helpText(answer.lang, mention) : '';
  const embed: APIEmbed = { title, description: shortDescription(answer, extra), color };
  return { embeds: [embed], components, allowedMentions: NO_MENTIONS };
}

/** Page `index` of an answer's details, with ◀ ▶ (the caller checks that the page exists). */
export function renderDiscordPage(answer: Answer, query: Query, index: number): DiscordMessage {
  const page = answer.pages[index] ?? '';
  const embed: APIEmbed = {
    title: clip(escapeText(answer.title), DISCORD_LIMITS.embedTitle),
    description: clip(escapeText(page.trim()), DISCORD_LIMITS.embedDescription) || '\u200b',
    color: colourOf(answer),
    ...(answer.pages.length > 1 ? { footer: { text: pageLabel(answer.lang, index, answer.pages.length) } } : {}),
  };
  return { embeds: [embed], components: buttonRows(pageActions(answer, query, index)), allowedMentions: NO_MENTIONS };
}

/**
 * A rendered map answer with its image: the PNG uploaded as `map.png` and shown in the embed. Sending
 * it with `update` / `editReply` replaces the message's attachments with this one.
 */
export function withMapImage(message: DiscordMessage, png: Buffer): DiscordMessage {
  const [first, ...rest] = message.embeds;
  const image = { url: `attachment://${MAP_FILENAME}` };
  return {
    ...message,
    embeds: [{ ...first, image }, ...rest],
    files: [{ attachment: png, name: MAP_FILENAME }],
  };
}

const NOTICE_PHRASE = {
  error: 'notice-error',
  expired: 'notice-expired',
  rateLimited: 'notice-rate-limited',
  mapSent: 'notice-map-sent',
} as const satisfies Record<NoticeKind, string>;

/** A short plain message (apologies, expired buttons, the rate-limit notice), in `lang`. */
export function renderNotice(kind: NoticeKind, lang: Lang): DiscordMessage {
  return { content: t(lang, NOTICE_PHRASE[kind]), embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

/**
 * Answer → Discord message payload. Pure: the same answer and Query always give the same JSON, which
 * the answer cache stores as is. Every piece of answer text is escaped and clipped to Discord's limits
 * here, so no data or user text can break the formatting or get a message rejected.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import { type Answer, encodeQuery, type Lang, type Query, type Source, type Status } from '../../core/index.js';
import { actionsFor } from '../actions.js';
import { customIdOf } from './custom-id.js';
import { type NoticeKind, PHRASES } from './phrases.js';

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

/** Room the sources may take in an embed, so the answer text keeps most of the 6000. */
const SOURCES_BUDGET = 2000;
/** Room for the title and the "…and n more" line when an embed shows the sources alone. */
const SOURCES_ONLY_RESERVE = 600;

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
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

function sourceLine(source: Source): string {
  const title = escapeText(clip(source.title ?? source.publisher, 150));
  const date = source.date ? `, ${source.date}` : '';
  return `• [${title}](${safeUrl(source.url)}) — ${escapeText(clip(source.publisher, 60))}${date}`;
}

/** Sources as embed fields: lines packed into values of ≤ 1024 chars, within `budget` chars in all. */
export function sourceFields(sources: readonly Source[], lang: Lang, budget = SOURCES_BUDGET): APIEmbedField[] {
  const phrases = PHRASES[lang];
  const fields: APIEmbedField[] = [];
  let used = 0;
  let value = '';
  const flush = () => {
    if (!value) return;
    const name = fields.length === 0 ? phrases.sources : phrases.sourcesMore;
    fields.push({ name, value });
    used += name.length + value.length;
    value = '';
  };
  for (const [i, source] of sources.entries()) {
    const line = clip(sourceLine(source), DISCORD_LIMITS.fieldValue);
    const reserve = phrases.moreSources(sources.length).length + 40;
    if (used + value.length + line.length + reserve > budget || fields.length >= DISCORD_LIMITS.fields - 1) {
      value += `${value ? '\n' : ''}${phrases.moreSources(sources.length - i)}`;
      break;
    }
    if (value.length + line.length + 1 > DISCORD_LIMITS.fieldValue) flush();
    value += `${value ? '\n' : ''}${line}`;
  }
  flush();
  return fields;
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

/** The answer's actions as buttons, five to a row; a button whose id would not fit is left out. */
function buttonRows(answer: Answer, query: Query): APIActionRowComponent<APIButtonComponent>[] {
  const buttons = actionsFor(answer, query).flatMap((action) => {
    const id = customIdOf(action, { encode: encodeQuery });
    return id ? [button(id, action.label, action.emoji)] : [];
  });
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length && rows.length < DISCORD_LIMITS.rows; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  }
  return rows;
}

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + fields;
}

/**
 * An answer as a Discord message: one embed (headline, text, sources, as-of date) and the buttons
 * `actionsFor` gives it. Asked for its sources alone ("Sources"), the embed lists them as links.
 *
 * @example
 * const query = core.understand('Is Morocco allowed?');
 * await interaction.reply(renderDiscord(core.answer(query), query));
 */
export function renderDiscord(answer: Answer, query: Query): DiscordMessage {
  const components = buttonRows(answer, query);
  const title = clip(escapeText(answer.title), DISCORD_LIMITS.embedTitle);
  const colour = colourOf(answer);
  if (query.aspect === 'sources') {
    const fields = sourceFields(answer.sources, answer.lang, DISCORD_LIMITS.embedTotal - SOURCES_ONLY_RESERVE);
    const body =
      fields.length > 0 ? { fields } : { description: clip(escapeText(answer.text), DISCORD_LIMITS.embedDescription) };
    return { embeds: [{ title, color: colour, ...body }], components, allowedMentions: NO_MENTIONS };
  }
  const fields = sourceFields(answer.sources, answer.lang);
  const footer = answer.asOf ? { text: PHRASES[answer.lang].asOf(answer.asOf) } : undefined;
  const rest = embedLength({ title, fields, ...(footer ? { footer } : {}) });
  const room = Math.min(DISCORD_LIMITS.embedDescription, DISCORD_LIMITS.embedTotal - rest);
  const description = clip(escapeText(answer.text.trim()), room) || '\u200b';
  const embed: APIEmbed = {
    title,
    description,
    color: colour,
    ...(fields.length > 0 ? { fields } : {}),
    ...(footer ? { footer } : {}),
  };
  return { embeds: [embed], components, allowedMentions: NO_MENTIONS };
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

/** A short plain message (apologies, expired buttons, the rate-limit notice), in `lang`. */
export function renderNotice(kind: NoticeKind, lang: Lang): DiscordMessage {
  return { content: PHRASES[lang][kind], embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

/**
 * Answer → Discord message payload. Pure: the same answer always gives the same JSON, which the
 * answer cache stores as is. Every piece of answer text is escaped and clipped to Discord's limits here,
 * so no data or user text can break the formatting or get a message rejected.
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
import type { Answer, Lang, Source, Status } from '../../core/index.js';
import { RATE_NOTICE } from '../../infra/rate-limit.js';
import { mapKey, requestKey } from '../request-key.js';
import { encodeButton } from './buttons.js';

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
} as const;

/** Room the sources may take in an embed, so the answer text keeps most of the 6000. */
const SOURCES_BUDGET = 2000;

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

const UI = {
  en: {
    sources: 'Sources',
    sourcesMore: 'Sources (more)',
    moreSources: (n: number) => `…and ${n} more.`,
    noSources: 'This answer relies on no external source.',
    asOf: (date: string) => `As of ${date}`,
    otherLanguage: 'Français',
    map: 'Map',
    error: 'Sorry, something went wrong while answering. Please try again in a moment.',
    expired: 'This button no longer works: ask the question again.',
    rateLimited: RATE_NOTICE.en,
  },
  fr: {
    sources: 'Sources',
    sourcesMore: 'Sources (suite)',
    moreSources: (n: number) => `…et ${n} autres.`,
    noSources: 'Cette réponse ne s’appuie sur aucune source externe.',
    asOf: (date: string) => `À jour au ${date}`,
    otherLanguage: 'English',
    map: 'Carte',
    error: 'Désolé, un problème est survenu pendant la réponse. Réessayez dans un instant.',
    expired: 'Ce bouton ne fonctionne plus : posez à nouveau la question.',
    rateLimited: RATE_NOTICE.fr,
  },
} as const;

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
  const title = escapeText(clip(source.title, 150));
  return `• [${title}](${safeUrl(source.url)}) — ${escapeText(clip(source.publisher, 60))}, ${source.date}`;
}

/** Sources as embed fields: lines packed into values of ≤ 1024 chars, within `budget` chars in all. */
export function sourceFields(sources: readonly Source[], lang: Lang, budget = SOURCES_BUDGET): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let used = 0;
  let value = '';
  const flush = () => {
    if (!value) return;
    const name = fields.length === 0 ? UI[lang].sources : UI[lang].sourcesMore;
    fields.push({ name, value });
    used += name.length + value.length;
    value = '';
  };
  for (const [i, source] of sources.entries()) {
    const line = clip(sourceLine(source), DISCORD_LIMITS.fieldValue);
    const reserve = UI[lang].moreSources(sources.length).length + 40;
    if (used + value.length + line.length + reserve > budget || fields.length >= DISCORD_LIMITS.fields - 1) {
      value += `${value ? '\n' : ''}${UI[lang].moreSources(sources.length - i)}`;
      break;
    }
    if (value.length + line.length + 1 > DISCORD_LIMITS.fieldValue) flush();
    value += `${value ? '\n' : ''}${line}`;
  }
  flush();
  return fields;
}

function button(customId: string, label: string, emoji?: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId,
    label,
    ...(emoji ? { emoji: { name: emoji } } : {}),
  };
}

/** "Sources", the other language, and for one country its locator map; ids that do not fit are left out. */
function buttons(answer: Answer): APIActionRowComponent<APIButtonComponent>[] {
  const key = requestKey(answer);
  if (!key) return [];
  const { lang } = answer;
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const [country, ...more] = answer.countries;
  const oneCountry = answer.intent === 'country_status' && country !== undefined && more.length === 0;
  const candidates: [string | null, string, string?][] = [
    [answer.sources.length > 0 ? encodeButton({ action: 'sources', lang, key }) : null, UI[lang].sources],
    [encodeButton({ action: 'lang', lang: other, key }), UI[lang].otherLanguage],
    [oneCountry ? encodeButton({ action: 'map', lang, key: mapKey(country.code) }) : null, UI[lang].map, '🗺️'],
  ];
  const row = candidates.flatMap(([id, label, emoji]) => (id ? [button(id, label, emoji)] : []));
  return row.length > 0 ? [{ type: ComponentType.ActionRow, components: row }] : [];
}

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + fields;
}

/**
 * An answer as a Discord message: one embed (headline, text, sources, as-of date) and the buttons.
 *
 * @example
 * await interaction.reply(renderDiscord(core.ask('Is Morocco allowed?')));
 */
export function renderDiscord(answer: Answer): DiscordMessage {
  const title = clip(escapeText(answer.title), DISCORD_LIMITS.embedTitle);
  const fields = sourceFields(answer.sources, answer.lang);
  const footer = answer.asOf ? { text: UI[answer.lang].asOf(answer.asOf) } : undefined;
  const rest = embedLength({ title, fields, ...(footer ? { footer } : {}) });
  const room = Math.min(DISCORD_LIMITS.embedDescription, DISCORD_LIMITS.embedTotal - rest);
  const description = clip(escapeText(answer.text.trim()), room) || '\u200b';
  const embed: APIEmbed = {
    title,
    description,
    color: colourOf(answer),
    ...(fields.length > 0 ? { fields } : {}),
    ...(footer ? { footer } : {}),
  };
  return { embeds: [embed], components: buttons(answer), allowedMentions: NO_MENTIONS };
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

/** The sources of an answer alone (the "Sources" button). */
export function renderDiscordSources(answer: Answer): DiscordMessage {
  const fields = sourceFields(answer.sources, answer.lang, DISCORD_LIMITS.embedTotal - 600);
  const embed: APIEmbed = {
    title: clip(escapeText(answer.title), DISCORD_LIMITS.embedTitle),
    color: colourOf(answer),
    ...(fields.length > 0 ? { fields } : { description: UI[answer.lang].noSources }),
  };
  return { embeds: [embed], components: [], allowedMentions: NO_MENTIONS };
}

/** A short plain message (apologies, expired buttons, the rate-limit notice), in `lang`. */
export function renderNotice(kind: 'error' | 'expired' | 'rateLimited', lang: Lang): DiscordMessage {
  return { content: UI[lang][kind], embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

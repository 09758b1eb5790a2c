/**
 * The platform rules every outgoing call must keep (see /work/shared/PLATFORMS.md), as pure checks on
 * one recorded call. What needs the history of the run (answered twice, acknowledged late) is in
 * `ledger.ts`.
 */
import { DISCORD_MAX, type RecordedCall } from '../emulators/discord-fake.js';
import { type ApiCall, MAX_CAPTION_LENGTH, MAX_MESSAGE_LENGTH, parseTelegramHtml } from '../emulators/telegram-api.js';
import type { Json } from './inputs.js';

export interface Violation {
  rule: string;
  detail: string;
}

const TELEGRAM = {
  maxCallbackData: 64,
  maxInlineResults: 50,
  maxCallbackAnswer: 200,
} as const;

const DISCORD = DISCORD_MAX;

/** Interaction callback types that carry a message: reply (4) and update (7). */
const MESSAGE_CALLBACKS = new Set([4, 7]);
const AUTOCOMPLETE_RESULT = 8;

// ── Telegram ─────────────────────────────────────────────────────────────────────────────────────────

/** Text as Telegram reads it: HTML that parses, and not too long once parsed. */
function telegramText(html: string, parseMode: unknown, max: number, what: 'text' | 'caption'): Violation[] {
  let shown = html;
  if (parseMode === 'HTML') {
    try {
      shown = parseTelegramHtml(html);
    } catch (error) {
      return [{ rule: 'telegram: HTML does not parse', detail: `${(error as Error).message}: ${around(html, error)}` }];
    }
  }
  if (what === 'text' && shown.trim() === '') return [{ rule: 'telegram: empty text', detail: excerpt(html) }];
  if (shown.length > max) {
    return [{ rule: `telegram: ${what} > ${max} after parsing`, detail: `${shown.length} characters` }];
  }
  return [];
}

function telegramKeyboard(markup: unknown): Violation[] {
  const rows = (markup as { inline_keyboard?: Json[][] } | undefined)?.inline_keyboard ?? [];
  return rows.flat().flatMap((button) => {
    const data = button.callback_data;
    if (data === undefined) return [];
    const bytes = Buffer.byteLength(String(data));
    return bytes === 0 || bytes > TELEGRAM.maxCallbackData
      ? [{ rule: 'telegram: callback_data > 64 bytes', detail: `${bytes} bytes: ${excerpt(String(data))}` }]
      : [];
  });
}

/** The rules one Telegram call breaks; `chats` are the chats the fuzzer has (an id outside is unknown). */
export function checkTelegramCall(call: ApiCall, chats: ReadonlySet<number>): Violation[] {
  const p = call.params;
  const found: Violation[] = [];
  if (p.chat_id !== undefined && !chats.has(Number(p.chat_id))) {
    found.push({ rule: 'telegram: unknown chat', detail: `${call.method} to chat ${String(p.chat_id)}` });
  }
  switch (call.method) {
    case 'sendMessage':
    case 'editMessageText':
      found.push(...telegramText(String(p.text ?? ''), p.parse_mode, MAX_MESSAGE_LENGTH, 'text'));
      break;
    case 'sendPhoto':
    case 'editMessageCaption':
      found.push(...telegramText(String(p.caption ?? ''), p.parse_mode, MAX_CAPTION_LENGTH, 'caption'));
      break;
    case 'editMessageMedia': {
      const media = (p.media ?? {}) as Json;
      found.push(...telegramText(String(media.caption ?? ''), media.parse_mode, MAX_CAPTION_LENGTH, 'caption'));
      break;
    }
    case 'answerInlineQuery': {
      const results = (Array.isArray(p.results) ? p.results : []) as Json[];
      if (results.length > TELEGRAM.maxInlineResults) {
        found.push({ rule: 'telegram: > 50 inline results', detail: `${results.length} results` });
      }
      for (const result of results) {
        const content = (result.input_message_content ?? {}) as Json;
        found.push(...telegramText(String(content.message_text ?? ''), content.parse_mode, MAX_MESSAGE_LENGTH, 'text'));
        found.push(...telegramKeyboard(result.reply_markup));
      }
      break;
    }
    case 'answerCallbackQuery': {
      const text = String(p.text ?? '');
      if (text.length > TELEGRAM.maxCallbackAnswer) {
        found.push({ rule: 'telegram: callback answer > 200 characters', detail: `${text.length} characters` });
      }
      break;
    }
  }
  found.push(...telegramKeyboard(p.reply_markup));
  return found;
}

// ── Discord ──────────────────────────────────────────────────────────────────────────────────────────

/** Where a call's message payload is, and whether it is a new message (which may not be empty). */
function discordMessage(call: RecordedCall): { message: Json; isNew: boolean } | undefined {
  const body = (call.body ?? {}) as Json;
  if (call.method === 'POST' && /\/interactions\/\d+\/[^/]+\/callback$/.test(call.path)) {
    const type = Number(body.type);
    return MESSAGE_CALLBACKS.has(type) ? { message: (body.data ?? {}) as Json, isNew: type === 4 } : undefined;
  }
  if (/\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/.test(call.path) && call.method === 'PATCH') {
    return { message: body, isNew: false };
  }
  if (
    call.method === 'POST' &&
    (/\/webhooks\/\d+\/[^/]+$/.test(call.path) || /\/channels\/\d+\/messages$/.test(call.path))
  ) {
    return { message: body, isNew: true };
  }
  return undefined;
}

function embedRules(embeds: Json[]): Violation[] {
  const found: Violation[] = [];
  const limit = (rule: string, length: number, max: number, min = 0) => {
    if (length > max || length < min) found.push({ rule, detail: `${length} characters` });
  };
  if (embeds.length > DISCORD.embeds) found.push({ rule: 'discord: > 10 embeds', detail: `${embeds.length} embeds` });
  for (const embed of embeds) {
    const title = String(embed.title ?? '');
    const description = String(embed.description ?? '');
    const footer = String((embed.footer as Json | undefined)?.text ?? '');
    const author = String((embed.author as Json | undefined)?.name ?? '');
    const fields = (embed.fields ?? []) as Json[];
    limit('discord: embed title > 256', title.length, DISCORD.title);
    limit('discord: embed description > 4096', description.length, DISCORD.description);
    limit('discord: embed footer > 2048', footer.length, DISCORD.footer);
    if (fields.length > DISCORD.fields) found.push({ rule: 'discord: > 25 embed fields', detail: `${fields.length}` });
    let total = title.length + description.length + footer.length + author.length;
    for (const field of fields) {
      const name = String(field.name ?? '');
      const value = String(field.value ?? '');
      limit('discord: embed field name empty or > 256', name.length, DISCORD.fieldName, 1);
      limit('discord: embed field value empty or > 1024', value.length, DISCORD.fieldValue, 1);
      total += name.length + value.length;
    }
    limit('discord: embed total > 6000', total, DISCORD.embedTotal);
  }
  return found;
}

function componentRules(rows: Json[]): Violation[] {
  const found: Violation[] = [];
  if (rows.length > DISCORD.rows) found.push({ rule: 'discord: > 5 component rows', detail: `${rows.length}` });
  for (const row of rows) {
    const items = (row.components ?? []) as Json[];
    if (items.length > DISCORD.rowItems)
      found.push({ rule: 'discord: > 5 components in a row', detail: `${items.length}` });
    for (const item of items) {
      const id = item.custom_id;
      // Link buttons (style 5) carry a URL instead of a custom id.
      if (item.style !== 5 && (typeof id !== 'string' || id.length === 0 || id.length > DISCORD.customId)) {
        found.push({ rule: 'discord: custom_id empty or > 100', detail: excerpt(String(id)) });
      }
      if (typeof item.label === 'string' && item.label.length > DISCORD.label) {
        found.push({ rule: 'discord: button label > 80', detail: excerpt(item.label) });
      }
    }
  }
  return found;
}

function mentionRules(message: Json): Violation[] {
  const allowed = message.allowed_mentions as Json | undefined;
  const parse = allowed?.parse;
  if (Array.isArray(parse) && parse.length === 0) return [];
  return [{ rule: 'discord: allowed_mentions.parse not empty', detail: JSON.stringify(allowed ?? null) }];
}

function choiceRules(choices: Json[]): Violation[] {
  const found: Violation[] = [];
  if (choices.length > DISCORD.choices) {
    found.push({ rule: 'discord: > 25 autocomplete choices', detail: `${choices.length} choices` });
  }
  for (const choice of choices) {
    const name = String(choice.name ?? '');
    if (name.length === 0 || name.length > DISCORD.choiceName) {
      found.push({ rule: 'discord: autocomplete choice name empty or > 100', detail: excerpt(name) });
    }
    if (typeof choice.value === 'string' && choice.value.length > DISCORD.choiceName) {
      found.push({ rule: 'discord: autocomplete choice value > 100', detail: excerpt(choice.value) });
    }
  }
  return found;
}

/** The rules one Discord REST call breaks. */
export function checkDiscordCall(call: RecordedCall): Violation[] {
  const body = (call.body ?? {}) as Json;
  if (call.method === 'POST' && /\/callback$/.test(call.path) && Number(body.type) === AUTOCOMPLETE_RESULT) {
    return choiceRules(((body.data as Json | undefined)?.choices ?? []) as Json[]);
  }
  const found = discordMessage(call);
  if (!found) return [];
  const { message, isNew } = found;
  const content = typeof message.content === 'string' ? message.content : '';
  const embeds = (message.embeds ?? []) as Json[];
  const rows = (message.components ?? []) as Json[];
  const violations = [...embedRules(embeds), ...componentRules(rows), ...mentionRules(message)];
  if (content.length > DISCORD.content) {
    violations.push({ rule: 'discord: content > 2000', detail: `${content.length} characters` });
  }
  if (isNew && content.trim() === '' && embeds.length === 0 && (call.attachments ?? []).length === 0) {
    violations.push({ rule: 'discord: empty message', detail: JSON.stringify(message).slice(0, 200) });
  }
  return violations;
}

/** The markup around the byte offset a parse error names, where the fault is. */
function around(html: string, error: unknown): string {
  const offset = Number(/byte offset (\d+)/.exec((error as Error).message)?.[1] ?? 0);
  const at = Buffer.from(html).subarray(0, offset).toString('utf8').length;
  return excerpt(html.slice(Math.max(0, at - 60), at + 60));
}

/** A piece of markup or data for a report: quoted, cut to a readable length. */
function excerpt(text: string, max = 160): string {
  return text.length > max ? `${JSON.stringify(text.slice(0, max))}… (${text.length} chars)` : JSON.stringify(text);
}

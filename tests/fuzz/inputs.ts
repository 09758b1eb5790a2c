/**
 * What the fuzzer sends: one update or event, with what the bot owes it and who the rate limit counts.
 */

export type Json = Record<string, unknown>;
export type Platform = 'telegram' | 'discord';

/** What the bot owes an input: a message (or an edit), an answer to its query, or nothing at all. */
export type Expectation = 'reply' | 'answer' | 'silence';

/** The bot's two rate limits: questions, and the looser one for inline queries, autocomplete and buttons. */
export type LimitKind = 'ask' | 'inline';

interface InputBase {
  /** Its rank in the run, from 1. */
  seq: number;
  /** The kind of update, as the summary counts them (`telegram.private.text`). */
  kind: string;
  /** The user the bot's rate limit counts: `telegram:1001`, `discord:2000…`. */
  user: string;
  limit: LimitKind;
  expect: Expectation;
  /** What was sent, in a line, for a report. */
  summary: string;
}

export interface TelegramInput extends InputBase {
  platform: 'telegram';
  /** The update without its `update_id` (the emulator numbers it). */
  update: Json;
  /** The chat the bot answers in; undefined for inline queries and buttons on inline messages. */
  chatId: number | undefined;
  /** The inline or callback query id the bot must answer exactly once. */
  queryId?: string;
  /** A button the bot made: besides answering the query, the bot must send or edit something. */
  followUp?: boolean;
}

export interface DiscordInteractionInput extends InputBase {
  platform: 'discord';
  event: 'interaction';
  /** 2: slash command, 3: button, 4: autocomplete. */
  type: 2 | 3 | 4;
  data: Json;
  dm: boolean;
  locale: string;
  author: Json;
  /** The message a button is on. */
  message?: Json;
}

export interface DiscordMessageInput extends InputBase {
  platform: 'discord';
  event: 'message';
  content: string;
  dm: boolean;
  mentionsBot: boolean;
  author: Json;
}

export type FuzzInput = TelegramInput | DiscordInteractionInput | DiscordMessageInput;

/** The lane an input waits in: one update at a time per Telegram chat, so every call in it is its. */
export function laneOf(input: FuzzInput): string | undefined {
  return input.platform === 'telegram' && input.chatId !== undefined ? `telegram:${input.chatId}` : undefined;
}

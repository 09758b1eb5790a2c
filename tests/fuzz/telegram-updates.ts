/**
 * Telegram updates as a hostile crowd would send them: private and group messages, mentions, replies,
 * commands, stickers and photos, inline queries, and presses on the bot's buttons, real and forged.
 */
import { COMMANDS, readCommand } from '../../commands/table.js';
import { REGIONS, TOPICS } from '../../src/core/vocabulary.js';
import { type ApiCall, BOT_USER } from '../emulators/telegram-api.js';
import type { Expectation, Json, TelegramInput } from './inputs.js';
import { Random } from './random.js';
import { countryText, fuzzText, PROTOTYPE_NAMES, quote } from './texts.js';

export const TELEGRAM_KINDS = {
  'telegram.private.text': 13,
  'telegram.private.command': 6,
  'telegram.private.media': 2,
  'telegram.group.mention': 5,
  'telegram.group.reply': 3,
  'telegram.group.command': 5,
  'telegram.group.chatter': 4,
  'telegram.group.media': 1,
  'telegram.inline': 6,
  'telegram.button.valid': 5,
  'telegram.button.forged': 3,
  'telegram.other': 1,
} as const;
export type TelegramKind = keyof typeof TELEGRAM_KINDS;

const USERS = 200;
const GROUPS = 6;
/** Buttons remembered to press later: the most recent messages only (the emulator forgets old ones). */
const BUTTON_POOL = 100;
const HANDLE = `@${BOT_USER.username}`;
/** Telegram delivers at most this much of a message's text. */
const MAX_TEXT = 4096;
const BOT_FROM = { id: BOT_USER.id, is_bot: true, first_name: BOT_USER.first_name, username: BOT_USER.username };
const LANGUAGES = ['en', 'fr', 'de', undefined, 'fr-ca', 'pt-br', 'ar', 'en'] as const;
/** A fixed date: the same seed gives the same updates. */
const DATE = 1764201600;
const COMMAND_NAMES = [...COMMANDS.map((c) => c.name), 'start'];
const ODD_COMMANDS = ['foo', 'ALLOWED', 'Nso', 'a'.repeat(32), 'allowed_', 'ping', 'settings', 'constructor'];

interface User {
  id: number;
  is_bot: false;
  first_name: string;
  language_code?: string;
}
interface Chat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  first_name?: string;
}
/** A message of the bot's with buttons, as a callback query carries it. */
interface ButtonMessage {
  chat: Chat;
  message: Json;
  data: string[];
}

/**
 * Whether the bot owes a message an answer, by the README ("On Telegram"): in private always, in groups
 * commands for it, mentions and replies. It reads what Telegram could deliver: the first 4096 characters.
 */
function expectationOf(fullText: string, chat: Chat, addressed: boolean): Expectation {
  const text = fullText.slice(0, MAX_TEXT);
  const command = readCommand(text);
  if (command) {
    if (command.botName && command.botName.toLowerCase() !== BOT_USER.username) return 'silence';
    return chat.type === 'private' || command.spec || command.botName ? 'reply' : 'silence';
  }
  return chat.type === 'private' || addressed || text.toLowerCase().includes(HANDLE) ? 'reply' : 'silence';
}

/** The entities a Telegram client attaches: the leading command, and the bot's @mentions. */
function entitiesOf(text: string): Json {
  const found: Json[] = [];
  const command = /^\/\w+(@\w+)?/.exec(text);
  if (command) found.push({ type: 'bot_command', offset: 0, length: command[0].length });
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(HANDLE); at >= 0; at = lower.indexOf(HANDLE, at + 1)) {
    found.push({ type: 'mention', offset: at, length: HANDLE.length });
  }
  return found.length > 0 ? { entities: found } : {};
}

export class TelegramUpdates {
  readonly users: User[];
  readonly groups: Chat[];
  private readonly buttons = new Map<string, ButtonMessage>();
  private newestMessageId = 0;
  private nextMessageId = 1;
  /** The stream of the update being made (see `make`). */
  private rng = new Random(0);

  /** `keepMessages`: how many recent messages the emulator still knows (older buttons are dropped). */
  constructor(private readonly keepMessages: number) {
    this.users = Array.from({ length: USERS }, (_, i) => {
      const language = LANGUAGES[i % LANGUAGES.length];
      return {
        id: 10_000 + i,
        is_bot: false,
        first_name: `User${i}`,
        ...(language ? { language_code: language } : {}),
      };
    });
    this.groups = Array.from({ length: GROUPS }, (_, i) => ({
      id: -1_001_000_000_000 - i,
      type: i % 3 === 0 ? 'group' : 'supergroup',
      title: `Group ${i}`,
    }));
  }

  /** Every chat the bot may write to. */
  chatIds(): Set<number> {
    return new Set([...this.users.map((u) => u.id), ...this.groups.map((g) => g.id)]);
  }

  /** Update `seq` of `kind`, drawn from `rng`: a stream of its own, so its draws never shift the next update's. */
  make(kind: TelegramKind, seq: number, rng: Random): TelegramInput {
    this.rng = rng;
    switch (kind) {
      case 'telegram.private.text':
        return this.privateText(seq, fuzzText(this.rng), kind);
      case 'telegram.private.command':
        return this.privateText(seq, this.commandText(this.rng.weighted({ none: 6, ours: 3, other: 1 })), kind);
      case 'telegram.private.media':
        return this.media(seq, this.privateChat(), kind);
      case 'telegram.group.mention':
        return this.groupMention(seq);
      case 'telegram.group.reply':
        return this.groupReply(seq);
      case 'telegram.group.command':
        return this.groupText(seq, this.commandText(this.rng.weighted({ none: 4, ours: 4, other: 2 })), kind);
      case 'telegram.group.chatter':
        return this.groupText(seq, fuzzText(this.rng), kind);
      case 'telegram.group.media':
        return this.media(seq, this.rng.pick(this.groups), kind);
      case 'telegram.inline':
        return this.inline(seq);
      case 'telegram.button.valid':
        return this.validButton(seq) ?? this.privateText(seq, fuzzText(this.rng), 'telegram.private.text');
      case 'telegram.button.forged':
        return this.forgedButton(seq);
      case 'telegram.other':
        return this.other(seq);
    }
  }

  /** Learns the buttons of a message the bot sent or edited, to press them later. */
  noteSent(call: ApiCall): void {
    if (!call.outcome.ok || !/^(sendMessage|sendPhoto|editMessage(Text|Caption|Media))$/.test(call.method)) return;
    const result = call.outcome.result as Json;
    const chatId = Number(call.params.chat_id);
    const messageId = Number(result.message_id);
    const key = `${chatId}:${messageId}`;
    const markup = call.params.reply_markup as { inline_keyboard?: Json[][] } | undefined;
    const data = (markup?.inline_keyboard ?? [])
      .flat()
      .flatMap((b) => (b.callback_data ? [String(b.callback_data)] : []));
    this.buttons.delete(key);
    this.newestMessageId = Math.max(this.newestMessageId, messageId);
    // Old messages: the emulator has forgotten them, so an edit would fail for the fuzzer's sake.
    for (const [k, entry] of this.buttons) {
      if (Number(entry.message.message_id) <= this.newestMessageId - this.keepMessages / 2) this.buttons.delete(k);
    }
    if (data.length === 0) return;
    const chat = this.chatOf(chatId);
    const message = { ...result, message_id: messageId, date: DATE, chat, from: BOT_FROM, reply_markup: markup };
    this.buttons.set(key, { chat, message, data });
    if (this.buttons.size > BUTTON_POOL) this.buttons.delete(this.buttons.keys().next().value as string);
  }

  // ── Users and chats ──────────────────────────────────────────────────────────────────────────────

  /** A user, one in ten times the same heavy one, so that the rate limit has something to do. */
  private user(): User {
    return this.rng.chance(0.1) ? (this.users[0] as User) : this.rng.pick(this.users);
  }

  private privateChat(): Chat {
    const user = this.user();
    return { id: user.id, type: 'private', first_name: user.first_name };
  }

  private chatOf(id: number): Chat {
    const group = this.groups.find((g) => g.id === id);
    return group ?? { id, type: 'private', first_name: `User${id - 10_000}` };
  }

  private userOf(chat: Chat): User {
    return chat.type === 'private' ? (this.users.find((u) => u.id === chat.id) ?? this.user()) : this.user();
  }

  // ── Messages ─────────────────────────────────────────────────────────────────────────────────────

  private message(
    seq: number,
    kind: string,
    chat: Chat,
    from: User,
    body: Json,
    expect: Expectation,
    what: string,
  ): TelegramInput {
    const message = { message_id: this.nextMessageId++, date: DATE, chat, from, ...body };
    return {
      seq,
      kind,
      platform: 'telegram',
      user: `telegram:${from.id}`,
      limit: 'ask',
      expect,
      summary: `${what} in ${chat.type} chat ${chat.id} from ${from.id} (${from.language_code ?? 'no language'})`,
      update: { message },
      chatId: chat.id,
    };
  }

  private privateText(seq: number, text: string, kind: string): TelegramInput {
    const chat = this.privateChat();
    const from = this.userOf(chat);
    return this.message(
      seq,
      kind,
      chat,
      from,
      { text, ...entitiesOf(text) },
      expectationOf(text, chat, false),
      quote(text),
    );
  }

  private groupText(seq: number, text: string, kind: string): TelegramInput {
    const chat = this.rng.pick(this.groups);
    const body = { text, ...entitiesOf(text) };
    return this.message(seq, kind, chat, this.user(), body, expectationOf(text, chat, false), quote(text));
  }

  private groupMention(seq: number): TelegramInput {
    const chat = this.rng.pick(this.groups);
    const question = fuzzText(this.rng);
    const from = this.user();
    if (this.rng.chance(0.2)) {
      // A mention without the @ text: a client's text_mention entity pointing at the bot.
      const text = `bot ${question}`;
      const body = { text, entities: [{ type: 'text_mention', offset: 0, length: 3, user: BOT_FROM }] };
      return this.message(seq, 'telegram.group.mention', chat, from, body, 'reply', `${quote(text)} (text_mention)`);
    }
    const handle = this.rng.chance(0.2) ? '@CyberExport_Test_Bot' : HANDLE;
    const text = this.rng.pick([`${handle} ${question}`, `${question} ${handle}`, handle, `${handle}, ${handle}`]);
    const body = { text, ...entitiesOf(text) };
    // Addressed by the @handle in the text, as far as Telegram delivers it.
    return this.message(seq, 'telegram.group.mention', chat, from, body, expectationOf(text, chat, false), quote(text));
  }

  private groupReply(seq: number): TelegramInput {
    const chat = this.rng.pick(this.groups);
    const text = fuzzText(this.rng);
    const repliedTo = { message_id: this.rng.between(1, 999), date: DATE, chat, from: BOT_FROM, text: 'An answer' };
    const body = { text, ...entitiesOf(text), reply_to_message: repliedTo };
    const what = `${quote(text)} replying to the bot`;
    return this.message(seq, 'telegram.group.reply', chat, this.user(), body, expectationOf(text, chat, true), what);
  }

  private media(seq: number, chat: Chat, kind: string): TelegramInput {
    const from = this.userOf(chat);
    const id = `file-${seq}`;
    const sticker = { file_id: id, file_unique_id: id, type: 'regular', width: 512, height: 512, is_animated: false };
    const photo = [{ file_id: id, file_unique_id: id, width: 90, height: 90 }];
    // A caption that mentions the bot is still no text message: the bot does not read captions.
    const caption = this.rng.chance(0.5) ? `${HANDLE} ${fuzzText(this.rng)}` : undefined;
    const body = this.rng.chance(0.5)
      ? { sticker: { ...sticker, is_video: false, emoji: '😀' } }
      : { photo, ...(caption ? { caption } : {}) };
    const what = 'sticker' in body ? 'a sticker' : `a photo${caption ? ` captioned ${quote(caption)}` : ''}`;
    return this.message(seq, kind, chat, from, body, chat.type === 'private' ? 'reply' : 'silence', what);
  }

  /** `/command[@bot] [argument]`, addressed to no bot, to this one or to another. */
  private commandText(to: 'none' | 'ours' | 'other'): string {
    const name = this.rng.chance(0.85) ? this.rng.pick(COMMAND_NAMES) : this.rng.pick(ODD_COMMANDS);
    const suffix =
      to === 'ours' ? (this.rng.chance(0.8) ? HANDLE : HANDLE.toUpperCase()) : to === 'other' ? '@other_bot' : '';
    const argument = this.argumentFor(name.toLowerCase());
    return `/${name}${suffix}${argument ? ` ${argument}` : ''}`;
  }

  private argumentFor(command: string): string {
    if (this.rng.chance(0.15)) return '';
    if (command === 'allowed') return countryText(this.rng);
    if (command === 'nso') return this.rng.pick([...TOPICS, 'whatsapp', 'apple', 'Apple Lawsuit', ...PROTOTYPE_NAMES]);
    if (command === 'map')
      return this.rng.pick([...REGIONS, 'Middle East', 'Morocco', '🇲🇦', 'atlantis', ...PROTOTYPE_NAMES]);
    return this.rng.chance(0.3) ? fuzzText(this.rng) : '';
  }

  // ── Queries ──────────────────────────────────────────────────────────────────────────────────────

  private inline(seq: number): TelegramInput {
    const from = this.user();
    const query = this.rng.chance(0.1) ? '' : fuzzText(this.rng);
    const id = `iq-${seq}`;
    const chatType = this.rng.pick(['sender', 'private', 'group', 'supergroup']);
    return {
      seq,
      kind: 'telegram.inline',
      platform: 'telegram',
      user: `telegram:${from.id}`,
      limit: 'inline',
      expect: 'answer',
      summary: `inline query ${quote(query)} from ${from.id} (${from.language_code ?? 'no language'})`,
      update: { inline_query: { id, from, query, offset: '', chat_type: chatType } },
      chatId: undefined,
      queryId: id,
    };
  }

  private callback(
    seq: number,
    kind: string,
    data: string,
    on: ButtonMessage | undefined,
    followUp: boolean,
  ): TelegramInput {
    const from = on ? this.userOf(on.chat) : this.user();
    const id = `cb-${seq}`;
    const where = on ? { message: on.message } : { inline_message_id: `inline-${seq}` };
    const place = on
      ? `message ${String(on.message.message_id)} in ${on.chat.type} chat ${on.chat.id}`
      : 'an inline message';
    return {
      seq,
      kind,
      platform: 'telegram',
      user: `telegram:${from.id}`,
      limit: 'inline',
      expect: 'answer',
      summary: `button data ${quote(data)} on ${place} from ${from.id}`,
      update: { callback_query: { id, from, chat_instance: String(on?.chat.id ?? 0), data, ...where } },
      chatId: on?.chat.id,
      queryId: id,
      followUp,
    };
  }

  private pooled(): ButtonMessage | undefined {
    const all = [...this.buttons.values()];
    const index = this.rng.int(BUTTON_POOL);
    return all.length > 0 ? all[index % all.length] : undefined;
  }

  private validButton(seq: number): TelegramInput | undefined {
    const on = this.pooled();
    const index = this.rng.int(8);
    return on && this.callback(seq, 'telegram.button.valid', on.data[index % on.data.length] as string, on, true);
  }

  private forgedButton(seq: number): TelegramInput {
    const on = this.pooled();
    const data = this.forgedData(on);
    // One in ten forged presses comes from a message sent inline, which has no chat.
    return this.callback(seq, 'telegram.button.forged', data, this.rng.chance(0.1) ? undefined : on, false);
  }

  private forgedData(on: ButtonMessage | undefined): string {
    const rng = this.rng;
    const action = rng.pick(['src', 'lang', 'map']);
    const lang = rng.pick(['en', 'fr']);
    const variant = rng.int(9);
    switch (variant) {
      case 0:
        return `${action}|${lang}|${rng.pick(PROTOTYPE_NAMES)}`;
      case 1:
        return `${action}|${lang}|${rng.pick(['c:', 'mc:', 'm:', 'n:', 'q:'])}${rng.pick(PROTOTYPE_NAMES)}`;
      case 2:
        return `map|${lang}|mc:${rng.pick(['XX', 'ma', 'M', 'MAR', 'ZZ', '', '🇲🇦'])}`;
      case 3:
        return `${action}|${lang}|c:${Array.from({ length: rng.between(2, 40) }, () => rng.pick(['MA', 'IN', 'MX'])).join(',')}`;
      case 4:
        return fuzzText(rng).slice(0, rng.between(1, 120));
      case 5:
        return `${action}|${rng.pick(['de', '', 'EN', 'en ', PROTOTYPE_NAMES[0]])}|c:MA`;
      case 6:
        return `${action}|${lang}|q:${rng.int(1e9).toString(36)}`;
      case 7:
        return rng.pick([
          '',
          '|',
          '||',
          'src',
          'src|en',
          'src|en|',
          'src|en|c:MA|extra',
          '__proto__|en|c:MA',
          'lang|fr|l|',
        ]);
      default:
        // A real button's data, pressed on another message.
        return on ? (rng.pick(on.data) as string) : 'lang|fr|c:MA';
    }
  }

  /** Updates the bot never asked for (its allowed_updates): the emulator must drop them quietly. */
  private other(seq: number): TelegramInput {
    const from = this.user();
    const chat = this.rng.pick(this.groups);
    const message = {
      message_id: this.nextMessageId++,
      date: DATE,
      chat,
      from,
      text: `${HANDLE} ${fuzzText(this.rng)}`,
    };
    const kind = this.rng.pick(['edited_message', 'channel_post', 'my_chat_member', 'poll']);
    const update =
      kind === 'my_chat_member'
        ? { my_chat_member: { chat, from, date: DATE, old_chat_member: {}, new_chat_member: {} } }
        : kind === 'poll'
          ? { poll: { id: `poll-${seq}`, question: 'Q?', options: [], is_closed: false } }
          : { [kind]: { ...message, edit_date: DATE } };
    return {
      seq,
      kind: 'telegram.other',
      platform: 'telegram',
      user: `telegram:${from.id}`,
      limit: 'ask',
      expect: 'silence',
      summary: `${kind} update`,
      update,
      chatId: undefined,
    };
  }
}

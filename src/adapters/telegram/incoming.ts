/**
 * What an update asks of the bot, read once before anything else runs: a question, a command, an
 * inline query, a button press, or nothing for us (group chatter). Rate limits, logging and the
 * handlers all work from this.
 */
import type { Message, Update, UserFromGetMe } from 'telegraf/types';
import { type CommandSpec, findCommand, readCommand } from '../../../commands/table.js';
import { type Lang, langOfLocale } from '../../core/index.js';

/** Longer messages are cut before they reach the core (Telegram itself stops at 4096). */
export const MAX_INPUT_LENGTH = 4096;

export type Incoming =
  | { kind: 'ask'; text: string }
  /** A command from the table (an unknown one in a private chat is the help). */
  | { kind: 'command'; spec: CommandSpec; argument: string; text: string }
  /** A command that needs an argument, sent without one. */
  | { kind: 'usage'; spec: CommandSpec }
  | { kind: 'inline'; text: string }
  | { kind: 'press'; data: string | undefined }
  | { kind: 'ignore' };

/** The update as the bot sees it: what is asked, by whom, where, in which language. */
export interface Reading {
  incoming: Incoming;
  hint: Lang;
  /** The message to reply to in groups (so the answer is tied to the question). */
  replyTo: number | undefined;
}

export function readUpdate(update: Update, me: UserFromGetMe): Reading {
  if ('inline_query' in update) {
    const q = update.inline_query;
    return {
      incoming: { kind: 'inline', text: q.query.slice(0, MAX_INPUT_LENGTH) },
      hint: langOfLocale(q.from.language_code),
      replyTo: undefined,
    };
  }
  if ('callback_query' in update) {
    const q = update.callback_query;
    const data = 'data' in q && typeof q.data === 'string' ? q.data : undefined;
    return { incoming: { kind: 'press', data }, hint: langOfLocale(q.from.language_code), replyTo: undefined };
  }
  if ('message' in update) return readMessage(update.message, me);
  return { incoming: { kind: 'ignore' }, hint: 'en', replyTo: undefined };
}

function readMessage(message: Message, me: UserFromGetMe): Reading {
  const hint = langOfLocale(message.from?.language_code);
  const isPrivate = message.chat.type === 'private';
  const replyTo = isPrivate ? undefined : message.message_id;
  const at = (incoming: Incoming): Reading => ({ incoming, hint, replyTo });
  if (!('text' in message) || typeof message.text !== 'string') {
    // Stickers, photos, voice…: the help in private, silence in groups.
    const help = findCommand('help');
    return at(isPrivate && help ? { kind: 'command', spec: help, argument: '', text: '/help' } : { kind: 'ignore' });
  }
  const text = message.text.slice(0, MAX_INPUT_LENGTH);
  const command = readCommand(text);
  if (command) {
    if (command.botName && command.botName.toLowerCase() !== me.username.toLowerCase()) return at({ kind: 'ignore' });
    if (!command.spec && !isPrivate && !command.botName) return at({ kind: 'ignore' });
    // An unknown command gets the help.
    const spec = command.spec ?? findCommand('help');
    if (!spec) return at({ kind: 'ignore' });
    if (spec.options[0]?.required && command.rest === '') return at({ kind: 'usage', spec });
    return at({ kind: 'command', spec, argument: command.rest, text });
  }
  const question = isPrivate ? text : addressedText(message, text, me);
  return at(question === undefined ? { kind: 'ignore' } : { kind: 'ask', text: question });
}

/** The question in a group message when it is for the bot (mention or reply to it), else undefined. */
function addressedText(message: Message.TextMessage, text: string, me: UserFromGetMe): string | undefined {
  const handle = `@${me.username}`.toLowerCase();
  const mentions = (message.entities ?? []).filter(
    (e) =>
      (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  );
  const repliesToBot = message.reply_to_message?.from?.id === me.id;
  if (mentions.length === 0 && !repliesToBot) {
    // Clients always send the mention entity; plain-text matching covers bridges that do not.
    if (!text.toLowerCase().includes(handle)) return undefined;
    return text.replace(new RegExp(`@${me.username}\\b`, 'gi'), ' ').trim();
  }
  let rest = text;
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) {
    rest = `${rest.slice(0, e.offset)} ${rest.slice(e.offset + e.length)}`;
  }
  return rest.trim();
}

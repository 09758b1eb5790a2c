/**
 * Free text: a DM, or a guild message that mentions the bot (the only messages it reads). Each user
 * has one conversation per channel, so "why?" follows what that user asked there last.
 */
import type { Message } from 'discord.js';
import { type Lang, langOfLocale } from '../../../core/index.js';
import type { Answers } from '../../../service/answers.js';
import type { CommandMentions } from '../mentions.js';
import { renderDiscord } from '../render.js';
import type { Answered, MessageReply } from '../reply.js';
import { finish, PLATFORM } from './answering.js';

/** The question in a message meant for the bot, its mentions removed; undefined for any other message. */
export function questionOf(message: Message): string | undefined {
  const me = message.client.user;
  if (!me || message.author.bot) return undefined;
  if (message.inGuild() && !message.mentions.users.has(me.id)) return undefined;
  return message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').trim();
}

/** The server's language is the hint; a DM carries none, so the question's own language decides. */
export function hintOf(message: Message): Lang | undefined {
  return message.inGuild() ? langOfLocale(message.guild.preferredLocale) : undefined;
}

export async function handleMessage(
  message: Message,
  question: string,
  reply: MessageReply,
  answers: Answers,
  mentions?: CommandMentions,
): Promise<Answered> {
  const speaker = { chat: message.channelId, user: message.author.id };
  const work = answers.ask(PLATFORM, speaker, question, hintOf(message), renderDiscord);
  return reply.send(finish(answers, work, mentions));
}

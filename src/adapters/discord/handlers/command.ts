/**
 * A slash command: the command fixes what is asked, its first option says about what (an
 * autocomplete pick arrives as an ISO code such as "IN", which the core reads as that country).
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { findCommand } from '../../../../commands/table.js';
import { langOfLocale } from '../../../core/index.js';
import type { Answers } from '../../../service/answers.js';
import { HIDE_OPTION } from '../commands.js';
import type { CommandMentions } from '../mentions.js';
import { renderDiscord } from '../render.js';
import type { Answered, InteractionReply } from '../reply.js';
import { finish, PLATFORM, speakerOf } from './answering.js';

export async function handleCommand(
  interaction: ChatInputCommandInteraction,
  reply: InteractionReply,
  answers: Answers,
  mentions?: CommandMentions,
): Promise<Answered> {
  const spec = findCommand(interaction.commandName);
  if (!spec)
    throw new Error(`unknown command /${interaction.commandName}: redeploy the commands (npm run deploy:discord)`);
  const [first] = spec.options;
  const argument = first ? String(interaction.options.get(first.name)?.value ?? '') : '';
  // Forgetting a conversation concerns only the one who asked.
  const hidden = spec.intent === 'reset' || interaction.options.getBoolean(HIDE_OPTION) === true;
  const hint = langOfLocale(interaction.locale);
  const work = answers.command(PLATFORM, speakerOf(interaction), spec.intent, argument, hint, renderDiscord);
  return reply.send(finish(answers, work, mentions), hidden ? 'ephemeral' : 'public');
}

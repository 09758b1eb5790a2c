/**
 * What every handler shares: the platform key answers are cached and counted under, who is speaking
 * (one conversation per user per channel), and what is added to a rendered answer when it is sent:
 * the map image of a map answer, the clickable commands of the help.
 */
import type { Interaction } from 'discord.js';
import type { Answers, Speaker } from '../../../service/answers.js';
import { isHelp } from '../../frame.js';
import type { CommandMentions } from '../mentions.js';
import { renderDiscord, withMapImage } from '../render.js';
import type { Answered } from '../reply.js';

export const PLATFORM = 'discord';

/** The user in the channel of an interaction; a user's own DM is its channel when Discord gives none. */
export function speakerOf(interaction: Interaction): Speaker {
  return { chat: interaction.channelId ?? interaction.user.id, user: interaction.user.id };
}

/**
 * A rendered answer made ready to send: a map answer gets its image (when a renderer is configured),
 * the help its commands as clickable mentions (the cached rendering names them as plain `/name`).
 */
export async function finish(answers: Answers, work: Promise<Answered>, mentions?: CommandMentions): Promise<Answered> {
  const answered = await work;
  if (mentions && mentions.size > 0 && isHelp(answered.answer, answered.query.aspect)) {
    return { ...answered, rendered: renderDiscord(answered.answer, answered.query, mentions.of) };
  }
  if (answered.answer.intent !== 'map') return answered;
  const png = await answers.mapImage(answered.answer);
  return png ? { ...answered, rendered: withMapImage(answered.rendered, png) } : answered;
}

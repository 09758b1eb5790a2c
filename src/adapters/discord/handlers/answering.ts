/**
 * What every handler shares: the platform key answers are cached and counted under, who is speaking
 * (one conversation per user per channel), and the map image drawn into a map answer.
 */
import type { Interaction } from 'discord.js';
import type { Answers, Speaker } from '../../../service/answers.js';
import { withMapImage } from '../render.js';
import type { Answered } from '../reply.js';

export const PLATFORM = 'discord';

/** The user in the channel of an interaction; a user's own DM is its channel when Discord gives none. */
export function speakerOf(interaction: Interaction): Speaker {
  return { chat: interaction.channelId ?? interaction.user.id, user: interaction.user.id };
}

/** A map answer with its image attached (when a renderer is configured); others as they are. */
export async function withMap(answers: Answers, work: Promise<Answered>): Promise<Answered> {
  const answered = await work;
  if (answered.answer.intent !== 'map') return answered;
  const png = await answers.mapImage(answered.answer);
  return png ? { ...answered, rendered: withMapImage(answered.rendered, png) } : answered;
}

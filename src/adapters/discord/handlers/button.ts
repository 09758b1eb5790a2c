/**
 * A button press: its custom id is read back strictly into an action and its Query, which is
 * answered and remembered as the user's last question. Anything else gets the "expired" notice.
 */
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import type { Answers } from '../../../service/answers.js';
import type { ActionKind } from '../../actions.js';
import { actionOfCustomId } from '../custom-id.js';
import { renderDiscord } from '../render.js';
import type { Answered, Delivery, InteractionReply } from '../reply.js';
import { UserNotice } from '../user-notice.js';
import { PLATFORM, speakerOf, withMap } from './answering.js';

export async function handleButton(
  interaction: ButtonInteraction,
  reply: InteractionReply,
  answers: Answers,
): Promise<Answered> {
  const action = actionOfCustomId(interaction.customId, answers.core);
  if (!action) throw new UserNotice('expired');
  const work = answers.press(PLATFORM, speakerOf(interaction), action.query, renderDiscord);
  return reply.send(withMap(answers, work), deliveryOf(action.kind, interaction));
}

/** Another language or the country picked change the answer in place; sources are for the presser alone. */
function deliveryOf(kind: ActionKind, interaction: ButtonInteraction): Delivery {
  if (kind === 'lang' || kind === 'choice') return 'update';
  if (kind === 'sources') return 'ephemeral';
  // A new message under the answer, seen by whoever saw the answer: private under a private one.
  return interaction.message.flags.has(MessageFlags.Ephemeral) ? 'ephemeral' : 'public';
}

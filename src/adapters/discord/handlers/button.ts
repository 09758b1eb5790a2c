/**
 * A button press: its custom id is read back strictly into an action and its Query, which is
 * answered and remembered as the user's last question. Anything else (an old or forged id, a page
 * the answer does not have) gets the "expired" notice.
 *
 * Who sees what: the other language, "More" and the sources go to the presser alone (an ephemeral
 * reply), so a busy channel's answer stays as it was; ◀ ▶ and "back" page through that private reply
 * in place; a country picked among several replaces the question; the map is posted once per answer
 * (a second press gets a short notice).
 */
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import type { Answers } from '../../../service/answers.js';
import type { ActionKind } from '../../actions.js';
import { actionOfCustomId } from '../custom-id.js';
import { renderDiscord, renderDiscordPage } from '../render.js';
import type { Answered, Delivery, InteractionReply } from '../reply.js';
import { UserNotice } from '../user-notice.js';
import { finish, PLATFORM, speakerOf } from './answering.js';

export async function handleButton(
  interaction: ButtonInteraction,
  reply: InteractionReply,
  answers: Answers,
): Promise<Answered> {
  const action = actionOfCustomId(interaction.customId, answers.core);
  if (!action) throw new UserNotice('expired');
  const delivery = deliveryOf(action.kind, interaction);
  const who = speakerOf(interaction);
  if (action.kind === 'more' || action.kind === 'page') {
    const result = await answers.press(PLATFORM, who, action.query, renderDiscord);
    if (action.page >= result.answer.pages.length) throw new UserNotice('expired');
    const rendered = renderDiscordPage(result.answer, result.query, action.page);
    return reply.send(Promise.resolve({ ...result, rendered }), delivery);
  }
  if (action.kind === 'map') {
    if (!(await answers.firstMapPress(PLATFORM, interaction.channelId, interaction.message.id)))
      throw new UserNotice('mapSent');
  }
  const work = answers.press(PLATFORM, who, action.query, renderDiscord);
  return reply.send(finish(answers, work), delivery);
}

function deliveryOf(kind: ActionKind, interaction: ButtonInteraction): Delivery {
  const onPrivate = interaction.message.flags.has(MessageFlags.Ephemeral);
  switch (kind) {
    case 'choice':
    case 'page':
    case 'back':
      return 'update';
    // For the presser alone; on a reply only they see, in place.
    case 'more':
    case 'lang':
      return onPrivate ? 'update' : 'ephemeral';
    case 'sources':
      return 'ephemeral';
    // A new message under the answer, seen by whoever saw the answer: private under a private one.
    case 'map':
    case 'suggest':
      return onPrivate ? 'ephemeral' : 'public';
  }
}

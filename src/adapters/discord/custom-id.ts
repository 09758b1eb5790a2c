/**
 * Button custom ids: `cx:` and the action's data from `../actions.ts` (`<action>:<encoded Query>`),
 * so a press still works after a restart or on another instance, and no user text is ever in an id.
 * Reading one back is strict: anything `customIdOf` did not make is refused.
 *
 * @example
 * customIdOf(action, core);                         // "cx:l:1.c.fr...MA."
 * actionOfCustomId('cx:s:en:valueOf', core);         // undefined
 */
import type { Core } from '../../core/index.js';
import { type Action, actionData, decodeAction, type PressedAction } from '../actions.js';

/** Discord's limit on a component custom id. */
export const MAX_CUSTOM_ID_LENGTH = 100;

const PREFIX = 'cx:';

/** The custom id of an action's button; undefined when it would not fit Discord's limit. */
export function customIdOf(action: Action, core: Pick<Core, 'encode'>): string | undefined {
  const id = `${PREFIX}${actionData(action, core)}`;
  return id.length <= MAX_CUSTOM_ID_LENGTH ? id : undefined;
}

/** The action a pressed button stands for; undefined for an old, foreign or forged id. */
export function actionOfCustomId(customId: string, core: Pick<Core, 'decode'>): PressedAction | undefined {
  return customId.startsWith(PREFIX) ? decodeAction(customId.slice(PREFIX.length), core) : undefined;
}

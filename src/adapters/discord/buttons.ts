/**
 * Button custom ids: `cx:<action>:<lang>:<request key>`, the key from `../request-key.ts`, so a click
 * still works after a restart and no user text ever goes into an id.
 */
import type { Lang, Request } from '../../core/index.js';
import { requestFromKey } from '../request-key.js';

/** Discord's limit on a component custom id. */
export const MAX_CUSTOM_ID_LENGTH = 100;

const PREFIX = 'cx';

/** `sources`: show the answer's sources; `lang`: show the answer in the language `lang`. */
export type ButtonAction = 'sources' | 'lang';

export interface ButtonClick {
  action: ButtonAction;
  lang: Lang;
  request: Request;
}

/** The custom id of a button, or null when it would not fit Discord's limit. */
export function encodeButton(click: { action: ButtonAction; lang: Lang; key: string }): string | null {
  const id = `${PREFIX}:${click.action === 'sources' ? 's' : 'l'}:${click.lang}:${click.key}`;
  return id.length <= MAX_CUSTOM_ID_LENGTH ? id : null;
}

/** Reads a custom id made by `encodeButton`; null for anything else (an old or forged id). */
export function decodeButton(customId: string): ButtonClick | null {
  const [prefix, action, lang, ...key] = customId.split(':');
  if (prefix !== PREFIX || (action !== 's' && action !== 'l') || (lang !== 'en' && lang !== 'fr')) return null;
  const request = requestFromKey(key.join(':'));
  return request ? { action: action === 's' ? 'sources' : 'lang', lang, request } : null;
}

/**
 * Button custom ids: `cx:<action>:<lang>:<request key>`, the key from `../request-key.ts`, so a click
 * still works after a restart and no user text ever goes into an id.
 */
import type { Lang, Request } from '../../core/index.js';
import { requestFromKey } from '../request-key.js';

/** Discord's limit on a component custom id. */
export const MAX_CUSTOM_ID_LENGTH = 100;

const PREFIX = 'cx';

/**
 * `sources`: show the answer's sources; `lang`: show the answer in the language `lang`; `map`: show
 * the map the key names (a country's locator map, key `mc:<code>`).
 */
export type ButtonAction = 'sources' | 'lang' | 'map';

const CODES = { sources: 's', lang: 'l', map: 'm' } as const satisfies Record<ButtonAction, string>;
const ACTIONS: Record<string, ButtonAction> = { s: 'sources', l: 'lang', m: 'map' };

export interface ButtonClick {
  action: ButtonAction;
  lang: Lang;
  request: Request;
}

/** The custom id of a button, or null when it would not fit Discord's limit. */
export function encodeButton(click: { action: ButtonAction; lang: Lang; key: string }): string | null {
  const id = `${PREFIX}:${CODES[click.action]}:${click.lang}:${click.key}`;
  return id.length <= MAX_CUSTOM_ID_LENGTH ? id : null;
}

/** Reads a custom id made by `encodeButton`; null for anything else (an old or forged id). */
export function decodeButton(customId: string): ButtonClick | null {
  const [prefix, code = '', lang, ...key] = customId.split(':');
  const action = Object.hasOwn(ACTIONS, code) ? ACTIONS[code] : undefined;
  if (prefix !== PREFIX || !action || (lang !== 'en' && lang !== 'fr')) return null;
  const request = requestFromKey(key.join(':'));
  return request ? { action, lang, request } : null;
}

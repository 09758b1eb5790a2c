/**
 * Button custom ids: each one encodes the structured request behind an answer, so a click still works
 * after a restart and no user text ever goes into an id. Format: `cx:<action>:<lang>:<request>`.
 */
import { type Answer, flagOf, type Lang, type Request } from '../../core/index.js';
import { TOPICS, type Topic } from '../../knowledge/schema.js';

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

const SHORT: Record<Exclude<Request['intent'], 'country_status' | 'nso'>, string> = {
  list_allowed: 'l',
  list_removed: 'r',
  sources: 's',
  help: 'h',
};

/** The request that gives `answer` again; null for answers no request reproduces (`unknown`). */
export function requestOf(answer: Answer): Request | null {
  switch (answer.intent) {
    case 'country_status':
      return answer.countries.length > 0
        ? { intent: 'country_status', country: answer.countries.map((c) => c.code).join(',') }
        : null;
    case 'nso':
      return { intent: 'nso', topic: answer.topic ?? undefined };
    case 'list_allowed':
    case 'list_removed':
    case 'sources':
    case 'help':
      return { intent: answer.intent };
    case 'unknown':
      return null;
  }
}

function encodeRequest(request: Request): string {
  switch (request.intent) {
    case 'country_status':
      return `c:${request.country}`;
    case 'nso':
      return `n:${request.topic ?? ''}`;
    default:
      return SHORT[request.intent];
  }
}

/** The custom id of a button, or null when it would not fit Discord's limit. */
export function encodeButton(click: ButtonClick): string | null {
  const id = `${PREFIX}:${click.action === 'sources' ? 's' : 'l'}:${click.lang}:${encodeRequest(click.request)}`;
  return id.length <= MAX_CUSTOM_ID_LENGTH ? id : null;
}

function decodeRequest(kind: string | undefined, arg: string | undefined): Request | null {
  if (kind === 'c') {
    const codes = (arg ?? '').split(',').filter((c) => /^[A-Z]{2}$/.test(c));
    // Flags resolve unambiguously, where a code like "IN" would read as an English word.
    return codes.length > 0 ? { intent: 'country_status', country: codes.map(flagOf).join(' ') } : null;
  }
  if (kind === 'n') {
    const topic = TOPICS.find((t) => t === arg) as Topic | undefined;
    return { intent: 'nso', topic };
  }
  const intent = (Object.keys(SHORT) as (keyof typeof SHORT)[]).find((k) => SHORT[k] === kind);
  return intent ? { intent } : null;
}

/** Reads a custom id made by `encodeButton`; null for anything else (an old or forged id). */
export function decodeButton(customId: string): ButtonClick | null {
  const [prefix, action, lang, kind, arg] = customId.split(':');
  if (prefix !== PREFIX || (action !== 's' && action !== 'l') || (lang !== 'en' && lang !== 'fr')) return null;
  const request = decodeRequest(kind, arg);
  return request ? { action: action === 's' ? 'sources' : 'lang', lang, request } : null;
}

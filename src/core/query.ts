/**
 * The Query: what a message was understood to ask, the one value between reading and answering.
 * Cache keys, button data and command arguments are encodings of it: a short versioned string that
 * `decodeQuery` turns back into a Query or refuses. Nothing from outside is ever used as a property
 * path: every part is checked against a fixed set.
 *
 * @example
 * const key = encodeQuery(query);          // "1.c.en...MA,MX."
 * decodeQuery(key, known)?.countries;      // ["MA", "MX"]
 * decodeQuery('src|en|toString', known);   // undefined
 */
import type { Intent, Lang, Region, Topic } from './types.js';
import { INTENTS } from './types.js';
import { REGIONS, TOPICS } from './vocabulary.js';

/**
 * Which part of an answer is wanted: the reason for a status ("why?"), since when, the sources, more
 * detail, what it means, what was reported about the countries ("what about them?"); for `help`, a
 * thank-you or a reset. Null is the answer itself.
 */
export const ASPECTS = ['why', 'since', 'sources', 'more', 'meaning', 'about', 'thanks', 'reset'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** What a follow-up took from the conversation. */
export const FOLLOW_UPS = ['why', 'since', 'sources', 'more', 'meaning', 'about', 'country', 'lang', 'choice'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];

/** More countries than this in one question are not answered one by one. */
export const MAX_QUERY_COUNTRIES = 8;
/** A name that fits several countries ("Guinea") offers at most this many. */
export const MAX_CHOICES = 4;

export interface Query {
  intent: Intent;
  /** The NSO topic (intent `nso`). */
  topic: Topic | null;
  /** ISO 3166-1 alpha-2 codes, in the order the message named them, each once. */
  countries: readonly string[];
  /** The map region (intent `map`). */
  region: Region | null;
  lang: Lang;
  aspect: Aspect | null;
  /** Countries a name could mean ("Congo"): the answer asks which one. */
  choices: readonly string[];
  /** How sure the reading is, 0 to 1 (1 for commands and buttons). */
  confidence: number;
  followUp: FollowUp | null;
  /** The cleaned message, for the answer's `question` field; not part of the meaning. */
  question?: string;
  /** The words that named each country, in `countries` order; not part of the meaning. */
  mentions?: readonly string[];
  /** A word that looked like a country name but named none ("Atlantis"). */
  unknownWord?: string;
}

/** A query with every field at its neutral value. */
export function queryOf(intent: Intent, lang: Lang, fields: Partial<Query> = {}): Query {
  return {
    intent,
    topic: null,
    countries: [],
    region: null,
    lang,
    aspect: null,
    choices: [],
    confidence: 1,
    followUp: null,
    ...fields,
  };
}

// ── Encoding ───────────────────────────────────────────────────────────────────────────────────────

const VERSION = '1';
const INTENT_CODE = {
  country_status: 'c',
  list_allowed: 'l',
  list_removed: 'r',
  nso: 'n',
  sources: 's',
  map: 'm',
  help: 'h',
  unknown: 'u',
} as const satisfies Record<Intent, string>;
const ASPECT_CODE = {
  why: 'w',
  since: 't',
  sources: 's',
  more: 'm',
  meaning: 'e',
  about: 'a',
  thanks: 'k',
  reset: 'x',
} as const satisfies Record<Aspect, string>;

const INTENT_OF: ReadonlyMap<string, Intent> = new Map(INTENTS.map((i) => [INTENT_CODE[i], i]));
const ASPECT_OF: ReadonlyMap<string, Aspect> = new Map(ASPECTS.map((a) => [ASPECT_CODE[a], a]));
const TOPIC_SET: ReadonlySet<string> = new Set(TOPICS);
const REGION_SET: ReadonlySet<string> = new Set(REGIONS);

/**
 * The meaning of a query as a short string: `1.<intent>.<lang>.<aspect>.<topic or region>.<codes>.<choices>`.
 * At most 8 countries and 4 choices: at most 62 bytes, within Telegram's 64-byte callback data.
 */
export function encodeQuery(q: Query): string {
  const detail = q.intent === 'nso' ? (q.topic ?? 'overview') : q.intent === 'map' ? (q.region ?? 'world') : '';
  return [
    VERSION,
    INTENT_CODE[q.intent],
    q.lang,
    q.aspect ? ASPECT_CODE[q.aspect] : '',
    detail,
    q.countries.slice(0, MAX_QUERY_COUNTRIES).join(','),
    q.choices.slice(0, MAX_CHOICES).join(','),
  ].join('.');
}

/** Country codes joined by commas ("MA,MX"), at most `max`, each once; undefined when malformed. */
function codeList(part: string, max: number): string[] | undefined {
  if (part === '') return [];
  const codes = part.split(',');
  if (codes.length > max || !codes.every((c) => /^[A-Z]{2}$/.test(c))) return undefined;
  return new Set(codes).size === codes.length ? codes : undefined;
}

const LANGS: ReadonlySet<string> = new Set(['en', 'fr']);

/**
 * The query a key stands for, or undefined for anything this version did not make (an old or forged
 * key): unknown intents, topics, regions or countries, fields that do not belong to the intent.
 */
export function decodeQuery(key: string, knownCountries: ReadonlySet<string>): Query | undefined {
  if (typeof key !== 'string' || key.length > 80) return undefined;
  const parts = key.split('.');
  if (parts.length !== 7) return undefined;
  const [version, intentCode = '', lang = '', aspectCode = '', detail = '', countryPart = '', choicePart = ''] = parts;
  const intent = INTENT_OF.get(intentCode);
  if (version !== VERSION || intent === undefined || !LANGS.has(lang)) return undefined;
  if (aspectCode !== '' && !ASPECT_OF.has(aspectCode)) return undefined;
  const aspect = aspectCode === '' ? null : (ASPECT_OF.get(aspectCode) ?? null);
  const countries = codeList(countryPart, MAX_QUERY_COUNTRIES);
  const choices = codeList(choicePart, MAX_CHOICES);
  if (!countries || !choices) return undefined;
  if (![...countries, ...choices].every((c) => knownCountries.has(c))) return undefined;
  let topic: Topic | null = null;
  let region: Region | null = null;
  if (intent === 'nso') {
    if (!TOPIC_SET.has(detail)) return undefined;
    topic = detail as Topic;
  } else if (intent === 'map') {
    if (!REGION_SET.has(detail)) return undefined;
    region = detail as Region;
  } else if (detail !== '') return undefined;
  if (intent === 'country_status' && countries.length === 0 && choices.length < 2) return undefined;
  if (choices.length === 1) return undefined;
  const helpOnly = aspect === 'thanks' || aspect === 'reset';
  if (helpOnly !== (intent === 'help' && aspect !== null)) return undefined;
  return queryOf(intent, lang as Lang, { topic, region, countries, choices, aspect });
}

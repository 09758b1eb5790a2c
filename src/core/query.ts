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
import { REGIME_TOPICS, REGIONS, type RegimeTopic, TOPICS, VENDOR_IDS, type VendorId } from './vocabulary.js';

/**
 * Which part of an answer is wanted: the reason for a status ("why?"), since when, the sources, more
 * detail, what it means, what was reported about the countries ("what about them?"); for `help`, a
 * thank-you or a reset. Null is the answer itself.
 */
export const ASPECTS = ['why', 'since', 'sources', 'more', 'meaning', 'about', 'thanks', 'reset'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** What a follow-up took from the conversation. */
export const FOLLOW_UPS = [
  'why',
  'since',
  'sources',
  'more',
  'meaning',
  'about',
  'country',
  'vendor',
  'lang',
  'choice',
] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];

/** More countries than this in one question are not answered one by one. */
export const MAX_QUERY_COUNTRIES = 8;
/** A name that fits several countries ("Guinea") offers at most this many. */
export const MAX_CHOICES = 4;
/** At most this many vendors in one question. */
export const MAX_QUERY_VENDORS = 3;

export interface Query {
  intent: Intent;
  /** The NSO topic (intent `nso`). */
  topic: Topic | null;
  /** ISO 3166-1 alpha-2 codes, in the order the message named them, each once. */
  countries: readonly string[];
  /** Spyware vendors (intents `vendor_status` and `regime`), in the order named, each once. */
  vendors: readonly VendorId[];
  /** The rule or process asked about (intent `regime`). */
  regime: RegimeTopic | null;
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
    vendors: [],
    regime: null,
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
  vendor_status: 'v',
  regime: 'g',
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

/** Two letters each: a regime topic or a vendor id in a key (full ids would not fit in 64 bytes). */
const REGIME_CODE = {
  us_entity_list: 'el',
  ofac_sanctions: 'of',
  us_visa_restrictions: 'vr',
  eo_14093: 'eo',
  bis_intrusion_rule: 'bi',
  wassenaar: 'wa',
  eu_dual_use: 'du',
  pega: 'pe',
  joint_statement: 'js',
  pall_mall: 'pm',
  israel_export_control: 'ix',
} as const satisfies Record<RegimeTopic, string>;
const VENDOR_CODE = {
  nso: 'ns',
  candiru: 'ca',
  intellexa: 'in',
  quadream: 'qd',
  paragon: 'pa',
  cellebrite: 'cb',
  finfisher: 'ff',
  memento_labs: 'ml',
  positive_technologies: 'pt',
  coseinc: 'co',
  sandvine: 'sv',
} as const satisfies Record<VendorId, string>;
const REGIME_OF: ReadonlyMap<string, RegimeTopic> = new Map(REGIME_TOPICS.map((r) => [REGIME_CODE[r], r]));
const VENDOR_OF: ReadonlyMap<string, VendorId> = new Map(VENDOR_IDS.map((v) => [VENDOR_CODE[v], v]));

const INTENT_OF: ReadonlyMap<string, Intent> = new Map(INTENTS.map((i) => [INTENT_CODE[i], i]));
const ASPECT_OF: ReadonlyMap<string, Aspect> = new Map(ASPECTS.map((a) => [ASPECT_CODE[a], a]));
const TOPIC_SET: ReadonlySet<string> = new Set(TOPICS);
const REGION_SET: ReadonlySet<string> = new Set(REGIONS);

/**
 * The meaning of a query as a short string:
 * `1.<intent>.<lang>.<aspect>.<topic, region or rule>.<codes>.<choices>[.<vendors>]`, the vendors
 * (two letters each) only when there are some. At most 8 countries, 4 choices and 3 vendors: at most
 * 62 bytes, within Telegram's 64-byte callback data.
 */
export function encodeQuery(q: Query): string {
  const detail =
    q.intent === 'nso'
      ? (q.topic ?? 'overview')
      : q.intent === 'map'
        ? (q.region ?? 'world')
        : q.intent === 'regime' && q.regime
          ? REGIME_CODE[q.regime]
          : '';
  const vendors = q.intent === 'vendor_status' || q.intent === 'regime' ? q.vendors.slice(0, MAX_QUERY_VENDORS) : [];
  const parts = [
    VERSION,
    INTENT_CODE[q.intent],
    q.lang,
    q.aspect ? ASPECT_CODE[q.aspect] : '',
    detail,
    q.countries.slice(0, MAX_QUERY_COUNTRIES).join(','),
    q.choices.slice(0, MAX_CHOICES).join(','),
  ];
  if (vendors.length > 0) parts.push(vendors.map((v) => VENDOR_CODE[v]).join(','));
  return parts.join('.');
}

/** Country codes joined by commas ("MA,MX"), at most `max`, each once; undefined when malformed. */
function codeList(part: string, max: number): string[] | undefined {
  if (part === '') return [];
  const codes = part.split(',');
  if (codes.length > max || !codes.every((c) => /^[A-Z]{2}$/.test(c))) return undefined;
  return new Set(codes).size === codes.length ? codes : undefined;
}

const LANGS: ReadonlySet<string> = new Set(['en', 'fr']);
const VENDOR_LIST = new RegExp(`^[a-z]{2}(?:,[a-z]{2}){0,${MAX_QUERY_VENDORS - 1}}$`);

/** Vendor codes joined by commas ("in,pa"), each known and once; [] when absent, undefined when malformed. */
function vendorList(part: string | undefined): VendorId[] | undefined {
  if (part === undefined) return [];
  if (!VENDOR_LIST.test(part)) return undefined;
  const ids: VendorId[] = [];
  for (const code of part.split(',')) {
    const id = VENDOR_OF.get(code);
    if (id === undefined || ids.includes(id)) return undefined;
    ids.push(id);
  }
  return ids;
}

/**
 * The query a key stands for, or undefined for anything this version did not make (an old or forged
 * key): unknown intents, topics, regions or countries, fields that do not belong to the intent.
 */
export function decodeQuery(key: string, knownCountries: ReadonlySet<string>): Query | undefined {
  if (typeof key !== 'string' || key.length > 80) return undefined;
  const parts = key.split('.');
  // Vendors are left out when there are none, never written empty.
  if (parts.length !== 7 && parts.length !== 8) return undefined;
  const [version, intentCode = '', lang = '', aspectCode = '', detail = '', countryPart = '', choicePart = ''] = parts;
  const intent = INTENT_OF.get(intentCode);
  if (version !== VERSION || intent === undefined || !LANGS.has(lang)) return undefined;
  if (aspectCode !== '' && !ASPECT_OF.has(aspectCode)) return undefined;
  const vendors = vendorList(parts[7]);
  if (!vendors) return undefined;
  const aspect = aspectCode === '' ? null : (ASPECT_OF.get(aspectCode) ?? null);
  const countries = codeList(countryPart, MAX_QUERY_COUNTRIES);
  const choices = codeList(choicePart, MAX_CHOICES);
  if (!countries || !choices) return undefined;
  if (![...countries, ...choices].every((c) => knownCountries.has(c))) return undefined;
  let topic: Topic | null = null;
  let region: Region | null = null;
  let regime: RegimeTopic | null = null;
  if (vendors.length > 0 && intent !== 'vendor_status' && intent !== 'regime') return undefined;
  // No vendor named: the list of vendors (`/vendor` alone), about no country.
  if (intent === 'vendor_status' && vendors.length === 0 && (countries.length > 0 || detail !== '')) return undefined;
  if (intent === 'regime') {
    // No rule named: the list of rules (`/rules` alone).
    regime = REGIME_OF.get(detail) ?? null;
    if (!regime && (detail !== '' || vendors.length > 0 || countries.length > 0)) return undefined;
  } else if (intent === 'nso') {
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
  return queryOf(intent, lang as Lang, { topic, region, regime, countries, vendors, choices, aspect });
}

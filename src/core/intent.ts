/**
 * Question understanding: which intent, which NSO topic, which countries, which language.
 */
import type { CountryIndex, CountryMatch } from './countries.js';
import {
  ALLOWED_CUES,
  COMMON_WORDS,
  HELP_CUES,
  LANG_MARKERS,
  LATEST_ALONE_CUES,
  LIST_CUES,
  MAP_CUES,
  NSO_CUES,
  OVERVIEW_CUES,
  REGION_CUES,
  REMOVED_CUES,
  SELL_CUES,
  SOURCES_CUES,
  TOPIC_CUES,
} from './lexicon.js';
import { type Token, tokenize } from './text.js';
import type { Intent, Lang, Region, Topic } from './types.js';

/** A cue list split for fast matching: single words in a set, phrases checked on the joined text. */
class Cues {
  private readonly single: Set<string>;
  private readonly phrases: string[];
  constructor(list: readonly string[]) {
    this.single = new Set(list.filter((w) => !w.includes(' ')));
    this.phrases = list.filter((w) => w.includes(' ')).map((p) => ` ${p} `);
  }
  count(q: Question): number {
    let n = 0;
    for (const t of q.tokens) if (this.single.has(t.norm)) n++;
    for (const p of this.phrases) if (q.joined.includes(p)) n++;
    return n;
  }
  has(q: Question): boolean {
    return this.count(q) > 0;
  }
  words(): string[] {
    return [...this.single];
  }
}

interface Question {
  text: string;
  tokens: Token[];
  /** Normalized words joined by spaces, with a space at each end. */
  joined: string;
}

const SELL = new Cues(SELL_CUES);
const LIST = new Cues(LIST_CUES);
const REMOVED = new Cues(REMOVED_CUES);
const ALLOWED = new Cues(ALLOWED_CUES);
const SOURCES = new Cues(SOURCES_CUES);
const HELP = new Cues(HELP_CUES);
const NSO = new Cues(NSO_CUES);
const OVERVIEW = new Cues(OVERVIEW_CUES);
const LATEST_ALONE = new Cues(LATEST_ALONE_CUES);
const MAP = new Cues(MAP_CUES);
const REGIONS = (Object.keys(REGION_CUES) as (keyof typeof REGION_CUES)[]).map((region) => ({
  region,
  cues: new Cues(REGION_CUES[region]),
}));
const EN = new Cues(LANG_MARKERS.en);
const FR = new Cues(LANG_MARKERS.fr);

/** Topics in the order that wins a tie: the most specific first. */
const TOPIC_ORDER = [
  'khashoggi',
  'apple_lawsuit',
  'whatsapp_lawsuit',
  'us_entity_list',
  'finances',
  'ownership',
  'export_list',
  'investigations',
  'pegasus',
  'latest',
] as const satisfies readonly Exclude<Topic, 'overview'>[];
const TOPICS = TOPIC_ORDER.map((topic) => ({ topic, cues: new Cues(TOPIC_CUES[topic]) }));
/** "pegasus" and "latest" words are in many questions about other topics: they weigh less. */
const TOPIC_WEIGHT: Partial<Record<Topic, number>> = { pegasus: 0.5, latest: 0.75 };

/** Every word the lexicon knows: such a word is never read as a misspelt country. */
export const VOCABULARY: ReadonlySet<string> = new Set([
  ...COMMON_WORDS,
  ...[SELL, LIST, REMOVED, ALLOWED, SOURCES, HELP, NSO, OVERVIEW, LATEST_ALONE, MAP, EN, FR].flatMap((c) => c.words()),
  ...REGIONS.flatMap((r) => r.cues.words()),
  ...TOPICS.flatMap((t) => t.cues.words()),
]);

export interface Parsed {
  intent: Intent;
  topic: Topic | null;
  lang: Lang;
  countries: CountryMatch[];
  /** Words that looked like a country name but named none ("Atlantis"). */
  unknownWords: string[];
  /** For intent `map`: the region asked for (world when none). */
  region: Region | null;
}

const ISRAEL = 'IL';
const ACCENTED = /[éèêàâçùûôîïœ]/i;

/** Reads a cleaned question. `hint` decides the language when the text does not. */
export function parseQuestion(index: CountryIndex, text: string, hint: Lang | undefined): Parsed {
  const tokens = tokenize(text);
  const q: Question = { text, tokens, joined: ` ${tokens.map((t) => t.norm).join(' ')} ` };
  const sell = SELL.has(q);
  const found = index
    .resolve(text, tokens, sell || tokens.length <= 4)
    // "Israeli firms" names the seller, not a destination.
    .filter((c) => !(c.code === ISRAEL && c.kind === 'alias'));
  // Israel is the seller in "can Israel sell to X": it only counts when it is the only country.
  const countries = found.length > 1 ? found.filter((c) => c.code !== ISRAEL) : found;
  const lang = detectLang(q, countries, hint);
  const base = { lang, countries, unknownWords: [] as string[], region: null };
  // "Map of Europe", "carte du Maroc": a region map, or a country's locator map.
  if (MAP.has(q)) {
    const region = REGIONS.find((r) => r.cues.has(q))?.region;
    return {
      ...base,
      intent: 'map',
      topic: null,
      region: region ?? 'world',
      countries: region ? [] : countries.slice(0, 1),
    };
  }

  // Words that named a country are not cues ("New" in "Papua New Guinea").
  const rest = found.length > 0 ? withoutCountries(q, found) : q;
  const topic = detectTopic(rest);
  // "Latest" words ("today", "still") are about NSO only with other NSO words, or on their own as news.
  const aboutNso = NSO.has(rest) || (topic !== null && (topic !== 'latest' || LATEST_ALONE.has(rest)));
  const onlyIsrael = countries.length === 1 && countries[0]?.code === ISRAEL;
  if (countries.length > 0 && !onlyIsrael) {
    if (aboutNso && !sell) return { ...base, intent: 'nso', topic: topic ?? 'overview' };
    return { ...base, intent: 'country_status', topic: null };
  }
  // A question about Israel itself is usually about its rules or NSO; its status is the fallback.
  const general = withoutCountry(rest, topic, aboutNso, sell, tokens, text);
  if (onlyIsrael && (general.intent === 'unknown' || general.intent === 'help')) {
    return { ...base, intent: 'country_status', topic: null };
  }
  return { ...base, ...general, countries: [] };
}

/** The intent of a question that names no country. */
function withoutCountry(
  q: Question,
  topic: Topic | null,
  aboutNso: boolean,
  sell: boolean,
  tokens: readonly Token[],
  text: string,
): Pick<Parsed, 'intent' | 'topic' | 'unknownWords'> {
  const none = { topic: null, unknownWords: [] };
  const listy = LIST.has(q);
  // A specific NSO topic ("the entity list") beats the words of the country lists.
  const specific = topic !== null && topic !== 'pegasus' && topic !== 'latest';
  if (REMOVED.has(q) && !specific && (listy || !aboutNso)) return { ...none, intent: 'list_removed' };
  if (listy && ALLOWED.has(q) && !specific) return { ...none, intent: 'list_allowed' };
  if (SOURCES.has(q) && !aboutNso) return { ...none, intent: 'sources' };
  if (aboutNso) return { ...none, intent: 'nso', topic: topic ?? 'overview' };
  if (tokens.length === 0 || HELP.has(q)) return { ...none, intent: 'help' };
  if (sell || tokens.length <= 3) {
    const unknownWords = candidateNames(text, tokens);
    if (unknownWords.length > 0) return { ...none, intent: 'unknown', unknownWords };
  }
  return { ...none, intent: 'unknown' };
}

function withoutCountries(q: Question, found: readonly CountryMatch[]): Question {
  const tokens = q.tokens.filter((t) => !found.some((c) => t.start >= c.start && t.end <= c.end));
  return { text: q.text, tokens, joined: ` ${tokens.map((t) => t.norm).join(' ')} ` };
}

function detectTopic(q: Question): Topic | null {
  let best: Topic | null = null;
  let bestScore = 0;
  for (const { topic, cues } of TOPICS) {
    const score = cues.count(q) * (TOPIC_WEIGHT[topic] ?? 1);
    if (score > bestScore) {
      best = topic;
      bestScore = score;
    }
  }
  const overview = OVERVIEW.count(q);
  if (overview > 0 && overview > bestScore) return 'overview';
  return best;
}

function detectLang(q: Question, countries: readonly CountryMatch[], hint: Lang | undefined): Lang {
  let score = FR.count(q) - EN.count(q);
  if (ACCENTED.test(q.text)) score += 1;
  for (const c of countries) {
    if (c.lang === 'fr') score += 0.5;
    if (c.lang === 'en') score -= 0.5;
  }
  if (score > 0) return 'fr';
  if (score < 0) return 'en';
  return hint ?? 'en';
}

/** Words that are not in the lexicon and could be a country name the index does not know. */
function candidateNames(text: string, tokens: readonly Token[]): string[] {
  return tokens
    .filter((t) => t.norm.length >= 3 && /^\p{L}+$/u.test(t.norm) && !VOCABULARY.has(t.norm))
    .map((t) => text.slice(t.start, t.end))
    .slice(0, 3);
}

/**
 * The query core: `understand(text) → Query`, then `answer(Query) → Answer`. Pure and synchronous:
 * the knowledge is loaded outside and handed in, and nothing here does I/O.
 *
 * @example
 * const core = createCore(loadKnowledge());
 * const query = core.understand('Is Morocco allowed?');
 * core.answer(query).title; // "🇲🇦 Morocco: dropped from the list"
 * core.answer(core.understand('why?', { context: query })).title; // "Why it has this status"
 */
import type { Knowledge, NluModel } from '../knowledge/schema.js';
import { Answerer } from './answer/index.js';
import { COMMON_WORDS } from './lexicon.js';
import { decodeQuery, encodeQuery, type Query } from './query.js';
import type { Answer, CountrySuggestion, Lang } from './types.js';
import type { Scored } from './understand/classifier.js';
import { CountryIndex, flagOf } from './understand/countries.js';
import { Reader, type ReadOptions } from './understand/index.js';
import { VendorIndex, type VendorSuggestion } from './understand/vendors.js';

export { datesLine } from './answer/dates.js';
export { COLON, formatDate, langOfLocale, REGION_LABEL, STATUS_LABEL, TOPIC_LABEL, TOPIC_TITLE } from './phrases.js';
export * from './query.js';
export { cutBefore, MAX_QUESTION_LENGTH } from './text.js';
export * from './types.js';
export { flagOf } from './understand/countries.js';
export { CONFIDENCE_THRESHOLD, type CommandIntent, type ReadOptions } from './understand/index.js';
export { LABELS, type Label } from './understand/labels.js';
export type { VendorSuggestion } from './understand/vendors.js';
export { REGIONS, TOPICS } from './vocabulary.js';

/** Countries offered when an autocomplete query is empty: the ones people ask about most. */
const POPULAR = ['MA', 'AE', 'SA', 'MX', 'IN', 'US', 'FR', 'IL', 'ES', 'HU', 'PL', 'GB', 'DE', 'RW'];

export interface Core {
  /** Reads a message (with the conversation's last Query, when there is one). */
  understand(text: string, options?: ReadOptions): Query;
  /** Answers a Query: the same Query always gets the same answer. */
  answer(query: Query): Answer;
  /** `answer(understand(text, options))`. */
  ask(text: string, options?: ReadOptions): Answer;
  /** A Query as a short string (cache keys, button data): see `encodeQuery`. */
  encode(query: Query): string;
  /** The Query a key stands for; undefined for anything `encode` did not make. */
  decode(key: string): Query | undefined;
  /** The classifier's labels for a message, best first (evaluation). */
  classify(text: string): Scored[];
  /** Countries for an autocomplete box, best first. */
  suggestCountries(query: string, lang: Lang, limit: number): CountrySuggestion[];
  /** Vendors for an autocomplete box (`/vendor name:`), best first, by name or alias. */
  suggestVendors(query: string, limit: number): VendorSuggestion[];
  /** Changes with the data: part of every cache key. */
  readonly version: string;
  /** The trained reader's model, to save (`npm run train`). */
  model(): NluModel;
}

export function createCore(knowledge: Knowledge): Core {
  const index = new CountryIndex(knowledge.names, knowledge.aliases, new Set(COMMON_WORDS), knowledge.ambiguous);
  // The committed model when it was trained on these very inputs; else train now (slower start-up).
  const model = knowledge.nluModel;
  const vendors = new VendorIndex(knowledge.vendors.vendors, (norm) => index.namesCountry(norm));
  const reader =
    model?.inputs === knowledge.nluInputs
      ? Reader.load(index, vendors, model)
      : Reader.train(index, vendors, knowledge.nlu);
  const answerer = new Answerer(knowledge, (word, limit) => index.closest(word, limit));
  const known: ReadonlySet<string> = new Set(Object.keys(knowledge.names));
  const facts = answerer.facts;

  function suggestCountries(query: string, lang: Lang, limit: number): CountrySuggestion[] {
    const ranked = query.trim() ? index.suggest(query, limit) : POPULAR.slice(0, limit).map((code) => ({ code }));
    return ranked.map(({ code }) => ({
      code,
      name: facts.nameOf(code, lang),
      flag: flagOf(code),
      status: facts.statusOf(code),
    }));
  }

  return {
    understand: (text, options) => reader.read(text, options),
    answer: (query) => answerer.answer(query),
    ask: (text, options) => answerer.answer(reader.read(text, options)),
    encode: encodeQuery,
    decode: (key) => decodeQuery(key, known),
    classify: (text) => reader.classify(text),
    suggestCountries,
    suggestVendors: (query, limit) => vendors.suggest(query, limit),
    version: knowledge.version,
    model: () => reader.toModel(knowledge.nluInputs),
  };
}

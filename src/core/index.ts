/**
 * The query core: question in, `Answer` out. Pure and synchronous: the knowledge is loaded outside
 * and handed in, and nothing here does I/O.
 *
 * @example
 * const core = createCore(loadKnowledge());
 * core.ask('Is Morocco allowed?').title; // "🇲🇦 Morocco: dropped from the list"
 */
import type { Knowledge } from '../knowledge/schema.js';
import { Composer } from './answer.js';
import { CountryIndex, flagOf } from './countries.js';
import { parseQuestion, VOCABULARY } from './intent.js';
import { cleanQuestion, tokenize } from './text.js';
import type { Answer, AskOptions, CountrySuggestion, Lang, Request } from './types.js';

export { flagOf } from './countries.js';
export { COLON, langOfLocale, REGION_LABEL, STATUS_LABEL, TOPIC_LABEL, TOPIC_TITLE } from './i18n.js';
export { MAX_QUESTION_LENGTH } from './text.js';
export * from './types.js';
export { REGIONS, TOPICS } from './vocabulary.js';

/** Composed answers kept for reuse; the table is emptied when full. */
const MEMO_SIZE = 5000;

/** Countries offered when an autocomplete query is empty: the ones people ask about most. */
const POPULAR = ['MA', 'AE', 'SA', 'MX', 'IN', 'US', 'FR', 'IL', 'ES', 'HU', 'PL', 'GB', 'DE', 'RW'];

export interface Core {
  /** Answers a free-text question. */
  ask(question: string, options?: AskOptions): Answer;
  /** Answers a structured request (a command or a button); `question` is echoed in the answer. */
  run(request: Request, options?: AskOptions & { question?: string }): Answer;
  /**
   * What a question was understood as, as a string: two questions with the same meaning ("Is Morocco
   * allowed?", "is MOROCCO allowed") have the same one, and get the same answer. Cache keys use it.
   */
  meaningOf(question: string, options?: AskOptions): string;
  /** Countries for an autocomplete box, best first. */
  suggestCountries(query: string, lang: Lang, limit: number): CountrySuggestion[];
  /** Changes with the data: part of every cache key. */
  readonly version: string;
}

export function createCore(knowledge: Knowledge): Core {
  const index = new CountryIndex(knowledge.names, knowledge.aliases, VOCABULARY);
  const composer = new Composer(knowledge);

  // Answers depend only on what was understood, not on the exact words: compose each once.
  const composed = new Map<string, Answer>();
  function memo(key: string, question: string, named: readonly { matched: string }[], build: () => Answer): Answer {
    let answer = composed.get(key);
    if (!answer) {
      answer = build();
      if (composed.size >= MEMO_SIZE) composed.clear();
      composed.set(key, answer);
    }
    const countries = answer.countries.map((c, i) => ({ ...c, matched: named[i]?.matched ?? c.matched }));
    return { ...answer, question, countries, sources: [...answer.sources] };
  }

  /** Reads a question: what it asks, in which language, and the key of that meaning. */
  function understand(raw: string, options: AskOptions) {
    const question = cleanQuestion(raw);
    const parsed = parseQuestion(index, question, options.hint);
    const lang = options.lang ?? parsed.lang;
    const codes = parsed.countries.map((c) => c.code).join(',');
    const key = [parsed.intent, lang, parsed.topic, codes, parsed.unknownWords[0], parsed.region].join('|');
    return { question, parsed, lang, key };
  }

  function ask(raw: string, options: AskOptions = {}): Answer {
    const { question, parsed, lang, key } = understand(raw, options);
    const named = parsed.countries;
    return memo(key, question, named, () => {
      switch (parsed.intent) {
        case 'country_status':
          return composer.countryStatus(question, named, lang);
        case 'list_allowed':
          return composer.listAllowed(question, lang);
        case 'list_removed':
          return composer.listRemoved(question, lang);
        case 'nso':
          return composer.nso(question, parsed.topic ?? 'overview', named, lang);
        case 'sources':
          return composer.sources(question, lang);
        case 'map':
          return composer.map(question, { region: parsed.region ?? 'world', focus: null }, named, lang);
        case 'help':
          return composer.help(question, lang);
        case 'unknown': {
          const word = parsed.unknownWords[0];
          return composer.unknown(question, lang, word, word ? index.closest(word, 3) : []);
        }
      }
    });
  }

  function run(request: Request, options: AskOptions & { question?: string } = {}): Answer {
    const argument = 'country' in request ? request.country : undefined;
    const question = cleanQuestion(options.question ?? argument ?? `/${request.intent}`);
    const fallback = options.lang ?? options.hint ?? 'en';
    switch (request.intent) {
      case 'country_status': {
        const { text, found, lang } = countryArgument(request.country, options.lang, fallback);
        if (found.length === 0) return composer.unknown(question, lang, text, index.closest(text, 3));
        return composer.countryStatus(question, found, lang);
      }
      case 'map': {
        if (!request.country)
          return composer.map(question, { region: request.region ?? 'world', focus: null }, [], fallback);
        const { text, found, lang } = countryArgument(request.country, options.lang, fallback);
        if (found.length === 0) return composer.unknown(question, lang, text, index.closest(text, 3));
        return composer.map(question, { region: 'world', focus: null }, found, lang);
      }
      case 'nso':
        return composer.nso(question, request.topic ?? 'overview', [], fallback);
      case 'list_allowed':
        return composer.listAllowed(question, fallback);
      case 'list_removed':
        return composer.listRemoved(question, fallback);
      case 'sources':
        return composer.sources(question, fallback);
      case 'help':
        return composer.help(question, fallback);
    }
  }

  /** The countries a command argument names; a bare code ("IN", an autocomplete value) is that country. */
  function countryArgument(raw: string, forced: Lang | undefined, fallback: Lang) {
    const text = cleanQuestion(raw);
    const code = index.byCode(text);
    const found: { code: string; matched: string; lang?: Lang | null }[] = code
      ? [{ code, matched: text }]
      : index.resolve(text, tokenize(text), true);
    return { text, found, lang: forced ?? found.find((c) => c.lang)?.lang ?? fallback };
  }

  function suggestCountries(query: string, lang: Lang, limit: number): CountrySuggestion[] {
    const ranked = query.trim() ? index.suggest(query, limit) : POPULAR.slice(0, limit).map((code) => ({ code }));
    return ranked.map(({ code }) => ({
      code,
      name: composer.nameOf(code, lang),
      flag: flagOf(code),
      status: composer.statusOf(code),
    }));
  }

  const meaningOf = (question: string, options: AskOptions = {}) => understand(question, options).key;
  return { ask, run, meaningOf, suggestCountries, version: knowledge.version };
}

/**
 * Answering: `Answerer.answer(query) → Answer`. Each intent has its own file; this one picks it,
 * fills in the fields every answer has, and composes each meaning once (answers depend only on the
 * Query, not on the words of the message).
 */
import type { Knowledge } from '../../knowledge/schema.js';
import { encodeQuery, type Query } from '../query.js';
import type { Answer, CountryRef, Topic } from '../types.js';
import { countryAnswer } from './country.js';
import { type Composed, Facts } from './facts.js';
import { landscapeFor } from './landscape.js';
import { listAllowed, listRemoved } from './lists.js';
import { nsoAnswer } from './nso.js';
import { clarifyAnswer, helpAnswer, mapAnswer, sourcesAnswer, sourcesOf, unknownAnswer } from './other.js';
import { regimeAnswer } from './regime.js';
import { vendorAnswer } from './vendor.js';

/** NSO topics that, asked with a country, mean "what happened there". */
const GENERAL_TOPICS: ReadonlySet<Topic> = new Set(['overview', 'pegasus', 'investigations', 'latest']);

/** Composed answers kept for reuse; the table is emptied when full. */
const MEMO_SIZE = 1000;

/** Suggests country names for a word that named none ("Atlantis" → nothing, "Marok" → Morocco). */
export type Closest = (word: string, limit: number) => string[];

export class Answerer {
  readonly facts: Facts;
  private readonly memo = new Map<string, Answer>();

  constructor(
    kb: Knowledge,
    private readonly closest: Closest,
  ) {
    this.facts = new Facts(kb);
  }

  answer(query: Query): Answer {
    const key = `${encodeQuery(query)}~${query.unknownWord ?? ''}`;
    let answer = this.memo.get(key);
    if (!answer) {
      answer = this.compose(query);
      if (this.memo.size >= MEMO_SIZE) this.memo.clear();
      this.memo.set(key, answer);
    }
    const mentions = query.mentions ?? [];
    const countries = answer.countries.map((c, i) => ({ ...c, matched: mentions[i] ?? c.matched }));
    return { ...answer, question: query.question ?? '', countries, sources: [...answer.sources] };
  }

  private compose(query: Query): Answer {
    const { lang, intent } = query;
    const refs = query.countries.map((code) => this.facts.countryRef(code, this.facts.nameOf(code, lang), lang));
    const common = { question: '', lang, intent, countries: refs, topic: null, vendors: [] } satisfies Partial<Answer>;
    if (query.choices.length > 0) {
      const choices = query.choices.map((code) => this.facts.countryRef(code, code, lang));
      return { ...common, ...clarifyAnswer(choices, lang), choices };
    }
    const composed = this.byIntent(query, refs);
    const part =
      query.aspect === 'sources' ? sourcesOf(composed, lang) : query.aspect === 'more' ? moreOf(composed) : composed;
    const topic = intent === 'nso' ? (query.topic ?? 'overview') : intent === 'regime' ? query.regime : null;
    const vendors =
      intent === 'vendor_status' || intent === 'regime'
        ? query.vendors.map((id) => landscapeFor(this.facts).vendorRef(id))
        : [];
    const answer: Answer = { ...common, ...part, topic, vendors };
    if (intent === 'map') {
      const focus = refs[0]?.code ?? null;
      answer.map = { region: focus ? 'world' : (query.region ?? 'world'), focus };
      answer.countries = refs.slice(0, 1);
    }
    return answer;
  }

  private byIntent(query: Query, refs: CountryRef[]): Composed {
    const { facts } = this;
    const { lang, aspect } = query;
    switch (query.intent) {
      case 'country_status':
        return countryAnswer(facts, refs, lang, aspect);
      case 'list_allowed':
      case 'list_removed':
        // Why, since when, what it means: asked of the list as a whole.
        if (aspect === 'why' || aspect === 'since' || aspect === 'meaning')
          return countryAnswer(facts, [], lang, aspect);
        // "What about them?" after the removed countries: what was reported about the ones named.
        if (aspect === 'about' && query.intent === 'list_removed') {
          const named = facts.kb.exportList.removed.map((code) =>
            facts.countryRef(code, facts.nameOf(code, lang), lang),
          );
          return countryAnswer(facts, named, lang, 'about');
        }
        return query.intent === 'list_allowed' ? listAllowed(facts, lang) : listRemoved(facts, lang);
      case 'nso': {
        const topic = query.topic ?? 'overview';
        // "Pegasus in Mexico?": what was reported about the country, not the whole story.
        if (refs.length > 0 && GENERAL_TOPICS.has(topic)) return countryAnswer(facts, refs, lang, 'about');
        return nsoAnswer(facts, topic, refs, lang);
      }
      case 'vendor_status':
        return vendorAnswer(facts, query.vendors, refs, lang);
      case 'regime':
        return regimeAnswer(facts, query.regime, query.vendors, refs, lang);
      case 'sources':
        return sourcesAnswer(facts, lang);
      case 'map':
        return mapAnswer(facts, { region: query.region ?? 'world', focus: null }, refs[0], lang);
      case 'help':
        return helpAnswer(lang, aspect);
      case 'unknown': {
        const word = query.unknownWord;
        return unknownAnswer(facts, lang, word, word ? this.closest(word, 3) : []);
      }
    }
  }
}

/** "More" asked in words (the terminal, a typed "more"): every page at once, else the answer as it is. */
function moreOf(composed: Composed): Composed {
  return composed.details ? { ...composed, text: composed.details, details: null, pages: [] } : composed;
}

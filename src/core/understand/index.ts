/**
 * Reading a message: `Reader.read(text, options) → Query`. Countries come from the resolver, what
 * the message asks from the classifier trained on `data/nlu/`, the language from a second classifier
 * trained on the same corpus (with the platform's hint when the text does not tell), and follow-ups
 * ("why?", "and Mexico?") from the conversation's last Query.
 */
import type { Lang, Region } from '../../knowledge/schema.js';
import { COMMON_WORDS, REGION_CUES } from '../lexicon.js';
import { type Aspect, MAX_CHOICES, MAX_QUERY_COUNTRIES, MAX_QUERY_VENDORS, type Query, queryOf } from '../query.js';
import { cleanQuestion, normalize, type Token, tokenize } from '../text.js';
import type { Intent } from '../types.js';
import { REGIME_TOPICS, REGIONS, type RegimeTopic, TOPICS, type Topic } from '../vocabulary.js';
import { Classifier, type Example, type Scored } from './classifier.js';
import type { CountryIndex, CountryMatch } from './countries.js';
import { COUNTRY_WORD, Featurizer } from './features.js';
import { isLabel, type Label, NONE, regimeOfLabel, topicOfLabel } from './labels.js';
import type { NluModel } from './model-file.js';
import type { VendorIndex, VendorMatch } from './vendors.js';

/** The example messages of one language (`data/nlu/<lang>.json`). */
export interface Corpus {
  lang: Lang;
  examples: Record<string, readonly string[]>;
}

/** Commands fix the intent; their argument is read for the rest (`/nso money`, `/allowed the emirates`). */
export type CommandIntent = Extract<
  Intent,
  'country_status' | 'nso' | 'map' | 'list_allowed' | 'list_removed' | 'sources' | 'help' | 'vendor_status' | 'regime'
>;

export interface ReadOptions {
  /** The platform's language (Discord locale, Telegram language_code): used when the text does not tell. */
  hint?: Lang | undefined;
  /** Forces the reply language. */
  lang?: Lang | undefined;
  /** The last Query of this conversation (same chat and user, recent). */
  context?: Query | undefined;
  /** The message is the argument of a command that fixes the intent. */
  expect?: CommandIntent | 'reset' | undefined;
}

/** Aspects a follow-up can ask for. */
type FollowUpAspect = Extract<Aspect, 'why' | 'since' | 'more' | 'meaning' | 'about'>;

/** An unknown country name is echoed back at most this long. */
const MAX_UNKNOWN_WORD = 100;

/** Below this share of the evidence, a message is out of scope. */
export const CONFIDENCE_THRESHOLD = 0.4;
/** The language classifier must be this sure to overrule the conversation's language and the hint. */
const LANGUAGE_MARGIN = 0.75;

/** Labels that name a country, where a typo in a country's name is worth reading. */
const COUNTRY_LABELS: ReadonlySet<Label> = new Set([
  'country_status',
  'followup.country',
  'map',
  ...REGIME_TOPICS.map((t) => `regime.${t}` as const),
]);
/** Labels that, with a vendor named and no country, are a question about that vendor ("and Candiru?"). */
const VENDOR_FALLBACK: ReadonlySet<Label> = new Set([
  'country_status',
  'followup.country',
  'list_allowed',
  'list_removed',
  'none',
]);
/** Stands for a vendor the resolver found (NSO stays a word: the corpus has its own labels for it). */
export const VENDOR_WORD = 'xvendor';
const NSO = 'nso';
/** A follow-up naming a new vendor is this short ("and intellexa?", "what about cytrox then"). */
const SHORT_FOLLOW_UP = 4;
const ISRAEL = 'IL';
const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['1', 0],
  ['2', 1],
  ['3', 2],
  ['4', 3],
  ['first', 0],
  ['second', 1],
  ['third', 2],
  ['fourth', 3],
  ['premier', 0],
  ['premiere', 0],
  ['deuxieme', 1],
  ['seconde', 1],
  ['troisieme', 2],
  ['quatrieme', 3],
]);
/** Names of the two languages ("en" is left out: in French it is a preposition). */
const LANG_WORDS: ReadonlyMap<string, Lang> = new Map([
  ['french', 'fr'],
  ['francais', 'fr'],
  ['francai', 'fr'],
  ['fr', 'fr'],
  ['english', 'en'],
  ['anglais', 'en'],
  ['angalis', 'en'],
  ['eng', 'en'],
]);
const REGION_WORDS = (Object.keys(REGION_CUES) as Exclude<Region, 'world'>[]).flatMap((region) =>
  REGION_CUES[region].map((cue) => ({ region, cue: ` ${cue} ` })),
);

/** A message as the classifier sees it. */
interface Scan {
  text: string;
  tokens: Token[];
  /** Countries to answer about (Israel as the seller left out), at most MAX_QUERY_COUNTRIES. */
  countries: CountryMatch[];
  /** Countries a name could mean ("Congo"). */
  choices: string[];
  /** Vendors named, at most MAX_QUERY_VENDORS. */
  vendors: VendorMatch[];
  /** Words, each country replaced by COUNTRY_WORD and each vendor but NSO by VENDOR_WORD. */
  words: string[];
}

/** The trained reader: what the core reads every message with. */
export class Reader {
  private readonly featurizer: Featurizer;

  private constructor(
    private readonly index: CountryIndex,
    private readonly vendorIndex: VendorIndex,
    private readonly intents: Classifier,
    private readonly languages: Classifier,
    private readonly vocabulary: ReadonlySet<string>,
    private readonly common: ReadonlySet<string>,
  ) {
    this.featurizer = new Featurizer(common);
  }

  /** The reader of a saved model (`toModel`). */
  static load(index: CountryIndex, vendors: VendorIndex, model: NluModel): Reader {
    return new Reader(
      index,
      vendors,
      new Classifier(model.intents),
      new Classifier(model.languages),
      new Set(model.vocabulary),
      new Set(model.common),
    );
  }

  /** The trained model, to save (`npm run train`): `inputs` says what it was trained on. */
  toModel(inputs: string): NluModel {
    return {
      inputs,
      vocabulary: [...this.vocabulary].sort(),
      common: [...this.common].sort(),
      intents: this.intents.tables(),
      languages: this.languages.tables(),
    };
  }

  /** Trains both classifiers on the corpora (one per language). */
  static train(index: CountryIndex, vendors: VendorIndex, corpora: readonly Corpus[]): Reader {
    const intentExamples: { words: string[]; label: string }[] = [];
    const languageExamples: Example[] = [];
    const vocabulary = new Set<string>(COMMON_WORDS);
    for (const corpus of corpora) {
      for (const [label, messages] of Object.entries(corpus.examples)) {
        for (const message of messages) {
          const text = cleanQuestion(message);
          // Labels were checked when the corpus was loaded (knowledge/load.ts).
          const scan = scanMessage(
            index,
            vendors,
            COMMON_WORDS_SET,
            text,
            tokenize(text),
            COUNTRY_LABELS.has(label as Label),
          );
          for (const w of scan.words) if (w !== COUNTRY_WORD) vocabulary.add(w);
          intentExamples.push({ words: scan.words, label });
          languageExamples.push({ features: languageFeatures(scan.tokens), label: corpus.lang });
        }
      }
    }
    const seen = new Map<string, number>();
    for (const e of intentExamples) for (const w of new Set(e.words)) seen.set(w, (seen.get(w) ?? 0) + 1);
    const common = new Set([...seen].filter(([, n]) => n > 1).map(([w]) => w));
    const featurizer = new Featurizer(common);
    const intents = Classifier.train(
      intentExamples.map((e) => ({ features: featurizer.features(e.words), label: e.label })),
    );
    const languages = Classifier.train(languageExamples);
    return new Reader(index, vendors, intents, languages, vocabulary, common);
  }

  /** The labels of a message, best first (evaluation, tests). */
  classify(raw: string): Scored[] {
    const text = cleanQuestion(raw);
    const tokens = tokenize(text);
    return this.rank(this.scanFor(text, tokens).scan);
  }

  /** The language a message is written in, when the text tells; null when it does not. */
  languageOf(tokens: readonly Token[]): Lang | null {
    // Numbers and single letters ("1", "x") say nothing about the language.
    if (!tokens.some((t) => t.norm.length >= 2 && /\p{L}/u.test(t.norm))) return null;
    const best = this.languages.best(languageFeatures(tokens));
    return best && best.score >= LANGUAGE_MARGIN ? (best.label as Lang) : null;
  }

  read(raw: string, options: ReadOptions = {}): Query {
    const text = cleanQuestion(raw);
    const tokens = tokenize(text);
    const context = options.context;
    // Codes and acronyms in capitals ("MA", "NSO", "UAE") belong to no language.
    const spoken = this.languageOf(tokens.filter((t) => !isCapitalsCode(text, t)));
    const lang = options.expect
      ? // A command's argument is often an id from a menu ("whatsapp_lawsuit", "europe", "IN"): the
        // platform's language, which showed the menu, beats the conversation's.
        (options.lang ?? (isIdentifier(text) ? undefined : spoken) ?? options.hint ?? context?.lang ?? 'en')
      : (options.lang ?? spoken ?? context?.lang ?? options.hint ?? 'en');
    const base = { question: text };

    if (context && context.choices.length > 0) {
      const chosen = this.choiceIn(tokens, text, context);
      if (chosen) return { ...chosen, lang: options.lang ?? spoken ?? chosen.lang, ...base, followUp: 'choice' };
      // A number that is none of the choices ("5" after two): ask again rather than guess.
      if (/^\d+$/.test(text.trim())) return { ...context, ...base, followUp: 'choice' };
    }

    if (options.expect) return { ...this.command(text, tokens, options.expect, lang), ...base };
    const found = this.scanFor(text, tokens);
    const scan = found.scan;
    if (tokens.length === 0 && scan.countries.length === 0) return queryOf('help', lang, base);
    const best = found.best ?? { label: NONE, score: 1 };
    const label: Label = best.score >= CONFIDENCE_THRESHOLD && isLabel(best.label) ? best.label : NONE;
    // A message of country names only ("usa", "Maroc"): the language the names belong to, when they
    // belong to one, comes before the classifier's guess (which corpus used the word more).
    const named = onlyCountries(scan)
      ? (options.lang ?? namesLanguage(scan) ?? spoken ?? context?.lang ?? options.hint ?? 'en')
      : lang;
    const query = this.fromLabel(label, scan, named, context, options);
    return { ...query, confidence: best.score, ...base };
  }

  // ── From a label to a Query ──────────────────────────────────────────────────────────────────────

  private fromLabel(label: Label, scan: Scan, lang: Lang, context: Query | undefined, options: ReadOptions): Query {
    const named = namedOf(scan);
    const vendors = scan.vendors.map((v) => v.id);
    const otherVendors = vendors.filter((v) => v !== NSO);
    const topic = topicOfLabel(label);
    // "What happened to Paragon in Italy?": about that vendor, not NSO's story.
    if (topic && otherVendors.length > 0 && !vendors.includes(NSO)) return this.aboutVendors(scan, lang, context);
    if (topic) return queryOf('nso', lang, { topic, ...named });
    const regime = regimeOfLabel(label);
    if (regime) {
      // The US as the one making the rule ("can a US company supply NSO?") is not asked about.
      const asked =
        regime === 'israel_export_control' ? without(named, ISRAEL) : US_RULES.has(regime) ? withoutUs(named) : named;
      return queryOf('regime', lang, { regime, vendors, ...asked });
    }
    if (VENDOR_FALLBACK.has(label) && otherVendors.length > 0 && named.countries.length === 0)
      return this.aboutVendors(scan, lang, context);
    switch (label) {
      case 'vendor_status':
        return this.aboutVendors(scan, lang, context);
      case 'country_status':
        return this.aboutCountries(scan, lang);
      case 'list_allowed':
      case 'list_removed':
        // "Was Morocco removed from the list?" asks about Morocco.
        return scan.countries.length > 0 ? this.aboutCountries(scan, lang) : queryOf(label, lang);
      case 'map':
        return this.map(scan, lang);
      case 'sources':
        return context ? { ...context, lang, aspect: 'sources', followUp: 'sources' } : queryOf('sources', lang);
      case 'help':
        return queryOf('help', lang);
      case 'thanks':
        return queryOf('help', lang, { aspect: 'thanks' });
      case 'reset':
        return queryOf('help', lang, { aspect: 'reset' });
      case 'followup.why':
        return this.aspect('why', scan, lang, context);
      case 'followup.since':
        return this.aspect('since', scan, lang, context);
      case 'followup.more':
        return this.aspect('more', scan, lang, context);
      case 'followup.meaning':
        return this.aspect('meaning', scan, lang, context);
      case 'followup.about':
        return this.aspect('about', scan, lang, context);
      case 'followup.country':
        return this.anotherCountry(scan, lang, context);
      case 'followup.lang': {
        const wanted = scan.tokens.map((t) => LANG_WORDS.get(t.norm)).find((l) => l !== undefined);
        const target = options.lang ?? wanted ?? (context ? other(context.lang) : lang);
        return context ? { ...context, lang: target, followUp: 'lang' } : queryOf('help', target);
      }
      default:
        return this.unknown(scan, lang, false);
    }
  }

  /**
   * A question about the vendors named; "and Intellexa?" after a vendor or a rule asks the same of
   * another vendor; "is it still listed?" after one asks about the same vendors.
   */
  private aboutVendors(scan: Scan, lang: Lang, context: Query | undefined): Query {
    const vendors = scan.vendors.map((v) => v.id);
    const named = withoutUs(namedOf(scan));
    const fromContext = context && (context.intent === 'vendor_status' || context.intent === 'regime');
    if (vendors.length === 0) {
      if (fromContext && context.vendors.length > 0)
        return { ...context, lang, aspect: null, countries: named.countries, followUp: 'vendor' };
      return this.unknown(scan, lang, false);
    }
    const short = scan.tokens.length <= SHORT_FOLLOW_UP && named.countries.length === 0;
    if (short && fromContext && context.intent === 'regime' && context.regime && context.vendors.length > 0)
      return { ...context, lang, vendors, aspect: null, followUp: 'vendor' };
    const query = queryOf('vendor_status', lang, { vendors, ...withoutUs(named) });
    return short && fromContext ? { ...query, followUp: 'vendor' } : query;
  }

  /** "why?", "since when?", "more", "what does that mean?", "what about them?". */
  private aspect(aspect: FollowUpAspect, scan: Scan, lang: Lang, context: Query | undefined): Query {
    // "Why did Israel cut the list?": Israel is the one cutting, not the country asked about.
    const seller = scan.countries.length === 1 && scan.countries[0]?.code === ISRAEL && aspect !== 'about';
    if ((scan.countries.length > 0 && !seller) || scan.choices.length > 0) {
      return { ...this.aboutCountries(scan, lang), aspect };
    }
    if (context && context.choices.length === 0 && context.intent !== 'help' && context.intent !== 'unknown') {
      return { ...context, lang, aspect, followUp: aspect };
    }
    // Without a conversation, why, since when and what it means are asked of the list itself.
    return aspect === 'more' || aspect === 'about' ? queryOf('help', lang) : queryOf('list_allowed', lang, { aspect });
  }

  /** "and Mexico?": the previous question about a new country. */
  private anotherCountry(scan: Scan, lang: Lang, context: Query | undefined): Query {
    const fresh = this.aboutCountries(scan, lang);
    if (fresh.intent !== 'country_status' || !context) return fresh;
    const sameKind =
      context.intent === 'country_status' ||
      context.intent === 'nso' ||
      context.intent === 'map' ||
      (context.intent === 'regime' && context.regime !== null);
    if (!sameKind) return fresh;
    const region = context.intent === 'map' ? 'world' : null;
    // Same question, new country: its answer, not the follow-up ("why?") asked about the last one.
    return {
      ...context,
      lang,
      countries: fresh.countries,
      choices: fresh.choices,
      mentions: fresh.mentions,
      region,
      aspect: null,
      followUp: 'country',
    };
  }

  /** A question about the countries named; none named is a country the resolver does not know. */
  private aboutCountries(scan: Scan, lang: Lang): Query {
    if (scan.countries.length === 0 && scan.choices.length === 0) return this.unknown(scan, lang, true);
    return queryOf('country_status', lang, namedOf(scan));
  }

  private map(scan: Scan, lang: Lang): Query {
    const joined = ` ${scan.tokens.map((t) => t.norm).join(' ')} `;
    const region = REGION_WORDS.find((r) => joined.includes(r.cue))?.region;
    if (region) return queryOf('map', lang, { region });
    const named = namedOf(scan);
    return queryOf('map', lang, {
      region: 'world',
      countries: named.countries.slice(0, 1),
      mentions: named.mentions.slice(0, 1),
      choices: named.countries.length === 0 ? named.choices : [],
    });
  }

  /** Out of scope, or a country the resolver does not know ("Atlantis"). */
  private unknown(scan: Scan, lang: Lang, countryExpected: boolean): Query {
    const word = countryExpected ? this.candidateName(scan) : undefined;
    return queryOf('unknown', lang, word ? { unknownWord: word } : {});
  }

  /** A word that could be a country name the resolver does not know: not a word of the corpus. */
  private candidateName(scan: Scan): string | undefined {
    const token = scan.tokens.find(
      (t) => t.norm.length >= 3 && /^\p{L}+$/u.test(t.norm) && !this.vocabulary.has(t.norm),
    );
    return token && scan.text.slice(token.start, token.end);
  }

  /** A command's argument: the command says what is asked, the argument says about what. */
  private command(text: string, tokens: Token[], expect: CommandIntent | 'reset', lang: Lang): Query {
    switch (expect) {
      case 'reset':
        return queryOf('help', lang, { aspect: 'reset' });
      case 'country_status': {
        const code = this.index.byCode(text);
        if (code) return queryOf('country_status', lang, { countries: [code], mentions: [text] });
        const query = this.aboutCountries(this.scan(text, tokens, true), lang);
        // The whole argument was meant as a country's name: say which name is unknown.
        return query.intent === 'unknown' && text ? { ...query, unknownWord: text.slice(0, MAX_UNKNOWN_WORD) } : query;
      }
      case 'map': {
        if (tokens.length === 0) return queryOf('map', lang, { region: 'world' });
        const scan = this.scan(text, tokens, true);
        const query = this.map(scan, lang);
        // A region, a country, or a name to ask about; else the argument named nothing known.
        const named = query.countries.length > 0 || query.choices.length > 0 || query.region !== 'world';
        return named ? query : this.unknown(scan, lang, true);
      }
      case 'nso':
        return queryOf('nso', lang, { topic: this.topicOf(text, tokens), ...namedOf(this.scan(text, tokens, false)) });
      case 'vendor_status': {
        const id = this.vendorIndex.byName(text);
        if (id) return queryOf('vendor_status', lang, { vendors: [id] });
        const scan = this.scan(text, tokens, false);
        if (scan.vendors.length > 0) return queryOf('vendor_status', lang, { vendors: scan.vendors.map((v) => v.id) });
        return text
          ? queryOf('unknown', lang, { unknownWord: text.slice(0, MAX_UNKNOWN_WORD) })
          : // Nothing named: the vendors known.
            queryOf('vendor_status', lang);
      }
      case 'regime': {
        const scan = this.scan(text, tokens, true);
        const named = namedOf(scan);
        return queryOf('regime', lang, {
          regime: this.regimeOf(text, tokens),
          vendors: scan.vendors.map((v) => v.id),
          countries: named.countries,
          mentions: named.mentions,
        });
      }
      default:
        return queryOf(expect, lang);
    }
  }

  /** The NSO topic a command argument names: a topic id, or the best NSO label the classifier gives. */
  private topicOf(text: string, tokens: Token[]): Topic {
    const id = normalize(text).replace(/ /g, '_');
    const exact = TOPICS.find((t) => t === id);
    if (exact) return exact;
    if (tokens.length === 0) return 'overview';
    for (const { label } of this.rank(this.scanFor(text, tokens).scan)) {
      const topic = isLabel(label) ? topicOfLabel(label) : null;
      if (topic) return topic;
    }
    return 'overview';
  }

  /** The rule a command argument names: an id ("pall_mall", "pall-mall"), or the best rule label; null for none. */
  private regimeOf(text: string, tokens: Token[]): RegimeTopic | null {
    const id = normalize(text).replace(/ /g, '_');
    const exact = REGIME_TOPICS.find((t) => t === id);
    if (exact) return exact;
    if (tokens.length === 0) return null;
    const best = this.rank(this.scanFor(text, tokens).scan)[0];
    return best && isLabel(best.label) ? regimeOfLabel(best.label) : null;
  }

  /** The answer to "which one?": a number, an ordinal, or one of the offered countries by name. */
  private choiceIn(tokens: readonly Token[], text: string, context: Query): Query | undefined {
    const picked =
      tokens.length <= 3 ? tokens.map((t) => ORDINALS.get(t.norm)).find((i) => i !== undefined) : undefined;
    let code = picked !== undefined ? context.choices[picked] : undefined;
    if (!code) {
      const named = this.index.resolve(text, tokens as Token[], true).map((m) => m.code);
      code = context.choices.find((c) => named.includes(c));
    }
    if (!code) return undefined;
    const countries = [...context.countries, code].slice(0, MAX_QUERY_COUNTRIES);
    return { ...context, countries, choices: [], mentions: undefined };
  }

  // ── Scanning and classifying ─────────────────────────────────────────────────────────────────────

  /**
   * Scans and classifies a message, reading typos in country names where a country is expected or
   * the message is short.
   */
  private scanFor(text: string, tokens: Token[]): { scan: Scan; best: Scored | undefined } {
    const short = tokens.length <= 4;
    const scan = this.scan(text, tokens, short);
    const best = this.best(scan);
    if (short || !best || !isLabel(best.label) || !COUNTRY_LABELS.has(best.label)) return { scan, best };
    const fuzzy = this.scan(text, tokens, true);
    return fuzzy.countries.length > scan.countries.length ? { scan: fuzzy, best: this.best(fuzzy) } : { scan, best };
  }

  private scan(text: string, tokens: Token[], fuzzy: boolean): Scan {
    return scanMessage(this.index, this.vendorIndex, this.vocabulary, text, tokens, fuzzy);
  }

  private rank(scan: Scan): Scored[] {
    return this.intents.classify(this.featurizer.features(scan.words));
  }

  private best(scan: Scan): Scored | undefined {
    return this.intents.best(this.featurizer.features(scan.words));
  }
}

/** Finds the countries of a message and replaces each by COUNTRY_WORD in its words. */
function scanMessage(
  index: CountryIndex,
  vendorIndex: VendorIndex,
  known: ReadonlySet<string>,
  text: string,
  tokens: Token[],
  fuzzy: boolean,
): Scan {
  const vendors = vendorIndex.resolve(text, tokens, known);
  const inVendor = (m: { start: number; end: number }) => vendors.some((v) => m.start < v.end && v.start < m.end);
  // "Israeli firms" names the seller, not a destination; a vendor's name ("Paragon") names no country.
  const found = index
    .resolve(text, tokens, fuzzy)
    .filter((m) => !(m.code === ISRAEL && m.kind === 'alias') && !inVendor(m));
  // Israel is the seller in "can Israel sell to X": it only counts when it is the only country.
  const kept = found.length > 1 ? found.filter((m) => m.code !== ISRAEL) : found;
  const replaced = [
    ...kept.map((m) => ({ start: m.start, end: m.end, word: COUNTRY_WORD })),
    ...vendors.filter((v) => v.id !== NSO).map((v) => ({ start: v.start, end: v.end, word: VENDOR_WORD })),
  ].sort((a, b) => a.start - b.start);
  const words: string[] = [];
  let i = 0;
  for (const match of replaced) {
    while (i < tokens.length && (tokens[i] as Token).end <= match.start) words.push((tokens[i++] as Token).norm);
    words.push(match.word);
    while (i < tokens.length && (tokens[i] as Token).start < match.end) i++;
  }
  while (i < tokens.length) words.push((tokens[i++] as Token).norm);
  const countries = kept.filter((m) => !m.choices).slice(0, MAX_QUERY_COUNTRIES);
  const choices = kept.find((m) => m.choices)?.choices?.slice(0, MAX_CHOICES) ?? [];
  return { text, tokens, countries, choices: [...choices], vendors: vendors.slice(0, MAX_QUERY_VENDORS), words };
}

/** The countries a message named; a name that fits several ("Congo") is asked about, the others kept. */
function namedOf(scan: Scan): { countries: string[]; mentions: string[]; choices: string[] } {
  return {
    countries: scan.countries.map((m) => m.code),
    mentions: scan.countries.map((m) => m.matched),
    choices: scan.choices,
  };
}

/** US rules: the United States named in a question about them makes the rule ("is Candiru on the US list?"). */
const US_RULES: ReadonlySet<RegimeTopic> = new Set([
  'us_entity_list',
  'ofac_sanctions',
  'us_visa_restrictions',
  'eo_14093',
  'bis_intrusion_rule',
]);
const US = 'US';

function withoutUs(named: { countries: string[]; mentions: string[]; choices: string[] }) {
  return without(named, US);
}

/** The countries named, but the one that makes the rule asked about. */
function without(named: { countries: string[]; mentions: string[]; choices: string[] }, maker: string) {
  const keep = named.countries.map((c) => c !== maker);
  return {
    countries: named.countries.filter((_, i) => keep[i]),
    mentions: named.mentions.filter((_, i) => keep[i]),
    choices: named.choices,
  };
}

/** What tells a language apart: the words as written (not stemmed) and their pairs. */
function languageFeatures(tokens: readonly Token[]): string[] {
  const out = tokens.map((t) => `w:${t.norm}`);
  for (let i = 1; i < tokens.length; i++) out.push(`b:${(tokens[i - 1] as Token).norm}_${(tokens[i] as Token).norm}`);
  return out;
}

/** Whether a message is country names and nothing else ("usa", "Morocco, Spain"). */
function onlyCountries(scan: Scan): boolean {
  return scan.countries.length > 0 && scan.words.every((w) => w === COUNTRY_WORD);
}

/**
 * The one language the names of a message belong to, or null (none, or both). A name in capitals
 * ("USA", "UK") belongs to no language, as in `languageOf`.
 */
function namesLanguage(scan: Scan): Lang | null {
  let found: Lang | null = null;
  for (const m of scan.countries) {
    if (m.lang === null || isCapitalsCode(scan.text, m)) continue;
    if (found !== null && found !== m.lang) return null;
    found = m.lang;
  }
  return found;
}

const CAPITALS_CODE = /^\p{Lu}{2,3}$/u;

/** A word of two or three capitals ("MA", "NSO", "UAE"): looked at only when its length allows it. */
function isCapitalsCode(text: string, token: { start: number; end: number }): boolean {
  // Two to three letters, each one or two UTF-16 units.
  const size = token.end - token.start;
  return size >= 2 && size <= 6 && CAPITALS_CODE.test(text.slice(token.start, token.end));
}

/** A topic, region or country code as a menu sends it, rather than words. */
function isIdentifier(text: string): boolean {
  return (
    TOPIC_IDS.has(text) || REGION_IDS.has(text) || REGIME_IDS.has(text.replace(/-/g, '_')) || /^[A-Z]{2,3}$/.test(text)
  );
}
const REGIME_IDS: ReadonlySet<string> = new Set(REGIME_TOPICS);
const COMMON_WORDS_SET: ReadonlySet<string> = new Set(COMMON_WORDS);
const TOPIC_IDS: ReadonlySet<string> = new Set(TOPICS);
const REGION_IDS: ReadonlySet<string> = new Set(REGIONS);

function other(lang: Lang): Lang {
  return lang === 'fr' ? 'en' : 'fr';
}

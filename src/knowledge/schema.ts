/**
 * zod schemas for everything in `data/`. The TypeScript types of the knowledge are inferred from
 * these, so a field is declared once. Loading lives in `load.ts`; the core only sees `Knowledge`.
 */
import { z } from 'zod';
import { REGIONS, TOPICS } from '../core/vocabulary.js';
import type { Regimes, Vendors } from './landscape.js';

export type { Region } from '../core/vocabulary.js';
export { REGIONS, TOPICS };

/** ISO date, with `xx` never allowed: an unknown day or month is written `01` and `precision` says so. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const DatePrecision = z.enum(['day', 'month', 'year']);
export const Confidence = z.enum(['high', 'medium', 'low']);
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');
export const Lang = z.enum(['en', 'fr']);

export const Topic = z.enum(TOPICS);

export const Source = z.strictObject({
  title: z.string().min(1),
  publisher: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  /** Publication date of the source when known, else the date of the fact it backs. */
  date: IsoDate,
});

/** Text in both languages, written in the project's own words. */
export const Bilingual = z.strictObject({ en: z.string().min(1), fr: z.string().min(1) });

const dated = {
  date: IsoDate,
  precision: DatePrecision,
  confidence: Confidence,
  sources: z.array(Source).min(1),
};

/** A sourced statement about the export list (its meaning, the end-user declaration, a conflict). */
export const Statement = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  ...dated,
  /** Countries the statement is specifically about (e.g. India for the India conflict). */
  countries: z.array(CountryCode).default([]),
  text: Bilingual,
});

export const ExportList = z.strictObject({
  /** Date of the report the list comes from. */
  reportedOn: IsoDate,
  /** Who reported it (the list was never published officially). */
  reportedBy: z.string().min(1),
  previousCount: z.number().int().positive(),
  listed: z.array(CountryCode).length(37),
  removed: z.array(CountryCode).min(1),
  domestic: CountryCode,
  /** What each status means, with `{name}` standing for the country name. */
  statusText: z.strictObject({
    listed: Bilingual,
    removed: Bilingual,
    not_listed: Bilingual,
    domestic: Bilingual,
  }),
  /** The report itself, what the list means, the December 2021 declaration. */
  statements: z.array(Statement).min(1),
  /** Where sources disagree (37 vs 38, India). */
  conflicts: z.array(Statement).min(1),
});

export const TimelineEvent = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  ...dated,
  topics: z.array(Topic).min(1),
  countries: z.array(CountryCode).default([]),
  /** Part of the short `overview` timeline. */
  key: z.boolean().default(false),
  text: Bilingual,
});
export const Timeline = z.strictObject({ events: z.array(TimelineEvent).min(40) });

export const CountryNote = z.strictObject({
  country: CountryCode,
  ...dated,
  text: Bilingual,
});
export const CountryNotes = z.strictObject({ notes: z.array(CountryNote).min(1) });

/** Names a country library does not know: short forms, old names, demonyms, in any language. */
export const Aliases = z.strictObject({
  aliases: z.record(CountryCode, z.array(z.string().min(2)).min(1)),
});

/** Names that fit several countries ("Congo"): the bot asks which one is meant. */
export const AmbiguousNames = z.strictObject({
  names: z.record(z.string().min(2), z.array(CountryCode).min(2).max(4)),
});

/** Example messages for the classifier, per label (`data/nlu/<lang>.json`, and `<lang>.test.json` held out). */
export const NluCorpus = z.strictObject({
  lang: Lang,
  examples: z.record(z.string().regex(/^[a-z0-9_.]+$/), z.array(z.string().min(1).max(300)).min(1)),
});

/** An array, not looked into: the model's tables hold tens of thousands of entries. */
const Rows = <T>() => z.custom<T[]>((v) => Array.isArray(v));

/** One trained classifier, wink's counts in arrays (`CompactModel` in the core's classifier). */
const Classifier = z.strictObject({
  labels: z.array(z.string()),
  samples: z.array(z.number()),
  words: z.array(z.number()),
  features: Rows<string>(),
  counts: Rows<number[]>(),
});

/** The trained classifiers (`npm run train` writes `data/nlu/model.json`), for the inputs they were trained on. */
export const NluModel = z.strictObject({
  /** Hash of everything training read: the corpora, the country names and the feature version. */
  inputs: z.string(),
  /** Words of the corpus (a word outside it may be a country name the resolver does not know). */
  vocabulary: Rows<string>(),
  /** Words the corpus uses more than once (the others are read by their letters too). */
  common: Rows<string>(),
  intents: Classifier,
  languages: Classifier,
});

export type Lang = z.infer<typeof Lang>;
export type Topic = z.infer<typeof Topic>;
export type DatePrecision = z.infer<typeof DatePrecision>;
export type Source = z.infer<typeof Source>;
export type Bilingual = z.infer<typeof Bilingual>;
export type Statement = z.infer<typeof Statement>;
export type ExportList = z.infer<typeof ExportList>;
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export type CountryNote = z.infer<typeof CountryNote>;
export type NluCorpus = z.infer<typeof NluCorpus>;
export type NluModel = z.infer<typeof NluModel>;

/** Country names from the ISO library, per alpha-2 code: English, French, then other languages. */
export interface CountryName {
  alpha3: string;
  /** The name to show, from Unicode CLDR (`Intl.DisplayNames`). */
  display: { en: string; fr: string };
  en: string[];
  fr: string[];
  other: string[];
}

/** Everything the core needs, validated. */
export interface Knowledge {
  names: Record<string, CountryName>;
  exportList: ExportList;
  events: TimelineEvent[];
  notes: CountryNote[];
  aliases: Record<string, string[]>;
  /** Names that fit several countries, each with the countries it may mean. */
  ambiguous: Record<string, string[]>;
  /** The classifier's example messages, English and French. */
  nlu: NluCorpus[];
  /** Hash of what training reads (corpora, country names, feature version): a model for other inputs is stale. */
  nluInputs: string;
  /** The committed trained model; null when absent (the core then trains at start-up). */
  nluModel: NluModel | null;
  /** Changes whenever any data file changes: part of every cache key. */
  version: string;
  /** Spyware vendors and the measures against them (`data/vendors.json`). */
  vendors: Vendors;
  /** Rules and processes on the spyware trade (`data/regimes.json`). */
  regimes: Regimes;
}

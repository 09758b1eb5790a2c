/**
 * zod schemas for everything in `data/`. The TypeScript types of the knowledge are inferred from
 * these, so a field is declared once. Loading lives in `load.ts`; the core only sees `Knowledge`.
 */
import { z } from 'zod';
import type { NluModel } from '../core/understand/model-file.js';
import { REGIONS, TOPICS } from '../core/vocabulary.js';
import type { Regimes, Vendors } from './landscape.js';

export type { NluModel } from '../core/understand/model-file.js';

export type { Region } from '../core/vocabulary.js';
export { REGIONS, TOPICS };

/** ISO date, with `xx` never allowed: an unknown day or month is written `01` and `precision` says so. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const DatePrecision = z.enum(['day', 'month', 'year']);
export const Confidence = z.enum(['high', 'medium', 'low']);
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');
export const Lang = z.enum(['en', 'fr']);

export const Topic = z.enum(TOPICS);

/**
 * A date whose form is its precision: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Used where only what is known
 * is written (a source's publication date, a review date), never padded with a made-up day or month.
 */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => {
    const [y, m = 1, d = 1] = s.split('-').map(Number) as [number, number?, number?];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'not a calendar date');

export const Source = z.strictObject({
  /** Who published the page; a page re-hosted elsewhere names both ("Globes (via vLex)"). */
  publisher: z.string().min(1),
  /** The page's own title, only where it has been seen; null otherwise (never composed). */
  title: z.string().min(1).nullable(),
  url: z.url({ protocol: /^https?$/ }),
  /** The source's publication date where known (its form is its precision); null otherwise, never the fact's date. */
  date: PartialDate.nullable(),
});

/** A host name, lower case, without a scheme or a path. */
const Host = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'expected a host name such as example.com');

/**
 * `data/sources.json`: how sources are judged. A host listed matches itself and its subdomains.
 * Sources of a fact are ordered by tier (`primary`, then `reputable`, then any host not listed,
 * then `weak`); hosts in `denyHosts` may not be cited at all.
 */
export const SourcePolicy = z.strictObject({
  /** Query parameters removed from every source URL at load time; `name*` matches a prefix. */
  trackingParams: z.array(z.string().regex(/^[a-z0-9_-]+\*?$/i)).min(1),
  denyHosts: z.array(Host),
  tiers: z.strictObject({
    /** Official records, courts, filings, the researchers' own reports, the company's rating agency. */
    primary: z.array(Host),
    /** Major newspapers, agencies and outlets that broke the story. */
    reputable: z.array(Host),
    /** Blogs, aggregators, re-hosts, print-edition scans: cited only where nothing better backs the fact. */
    weak: z.array(Host),
  }),
});

/** A source as `data/summaries.json` cites it: the shared `Source`. */
export const SummarySource = Source;

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
  /** When the data was last checked against the sources (the newest source saying the list is unchanged). */
  reviewedOn: PartialDate,
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
export const Timeline = z.strictObject({
  /** When the timeline was last checked against the sources. */
  reviewedOn: PartialDate,
  events: z.array(TimelineEvent).min(40),
});

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

/** Placeholders a status line may use: the country's flag and name, and the month the list was cut. */
export const STATUS_PLACEHOLDERS = ['{flag}', '{name}', '{since}'] as const;

/** One line that answers the question, dated by the newest fact it rests on. */
const summary = {
  ...dated,
  sources: z.array(SummarySource).min(1).max(3),
  text: Bilingual,
};
export const StatusSummary = z.strictObject(summary);
export const TopicSummary = z.strictObject({ topic: Topic, ...summary });

/** The bottom lines (`data/summaries.json`): one per country status, one per NSO topic. */
export const Summaries = z.strictObject({
  status: z.strictObject({
    listed: StatusSummary,
    removed: StatusSummary,
    not_listed: StatusSummary,
    domestic: StatusSummary,
  }),
  topics: z.array(TopicSummary).min(1),
});

/** Example messages for the classifier, per label (`data/nlu/<lang>.json`, and `<lang>.test.json` held out). */
export const NluCorpus = z.strictObject({
  lang: Lang,
  examples: z.record(z.string().regex(/^[a-z0-9_.]+$/), z.array(z.string().min(1).max(300)).min(1)),
});

export type Lang = z.infer<typeof Lang>;
export type Topic = z.infer<typeof Topic>;
export type DatePrecision = z.infer<typeof DatePrecision>;
export type Source = z.infer<typeof Source>;
export type SourcePolicy = z.infer<typeof SourcePolicy>;
export type Bilingual = z.infer<typeof Bilingual>;
export type Statement = z.infer<typeof Statement>;
export type ExportList = z.infer<typeof ExportList>;
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export type CountryNote = z.infer<typeof CountryNote>;
export type SummarySource = z.infer<typeof SummarySource>;
export type StatusSummary = z.infer<typeof StatusSummary>;
export type TopicSummary = z.infer<typeof TopicSummary>;
export type Summaries = z.infer<typeof Summaries>;
export type NluCorpus = z.infer<typeof NluCorpus>;

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
  /** When the timeline was last checked against the sources (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
  timelineReviewedOn: string;
  notes: CountryNote[];
  /** The one line that opens an answer: per country status, and per NSO topic (a topic may have none). */
  summaries: Summaries;
  aliases: Record<string, string[]>;
  /** Names that fit several countries, each with the countries it may mean. */
  ambiguous: Record<string, string[]>;
  /** The classifier's example messages, English and French. */
  nlu: NluCorpus[];
  /** Hash of what training reads (corpora, country names, feature version): a model for other inputs is stale. */
  nluInputs: string;
  /** The committed trained model (`data/nlu/model.bin`); null when absent (the core then trains at start-up). */
  nluModel: NluModel | null;
  /** How sources are judged: tracking parameters, denied hosts, tiers. */
  sourcePolicy: SourcePolicy;
  /** Changes whenever any data file changes: part of every cache key. */
  version: string;
  /** Spyware vendors and the measures against them (`data/vendors.json`). */
  vendors: Vendors;
  /** Rules and processes on the spyware trade (`data/regimes.json`). */
  regimes: Regimes;
}

/**
 * The answer contract (DESIGN.md): what the core returns for any question, and what `ask --json` prints.
 */
import type { Lang, Region, Source, Topic } from '../knowledge/schema.js';

export type { Lang, Region, Source, Topic };

export const INTENTS = [
  'country_status',
  'list_allowed',
  'list_removed',
  'nso',
  'sources',
  'map',
  'help',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

export const STATUSES = ['listed', 'removed', 'not_listed', 'domestic'] as const;
export type Status = (typeof STATUSES)[number];

export interface CountryRef {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** Name in the reply's language. */
  name: string;
  flag: string;
  status: Status;
  /** The words of the question that named it. */
  matched: string;
}

export interface Answer {
  question: string;
  lang: Lang;
  intent: Intent;
  countries: CountryRef[];
  topic: Topic | null;
  /** A one-line headline in `lang` (flag and status for a country, the topic for NSO). */
  title: string;
  /** The answer as plain text in `lang`, without the headline. */
  text: string;
  sources: Source[];
  /** Date of the newest fact the answer relies on; null for `help` and `unknown`. */
  asOf: string | null;
  /** For intent `map`: the image to send with the answer (a region, or a country's locator map). */
  map?: MapSpec;
}

export interface MapSpec {
  region: Region;
  /** Alpha-2 code of the country a locator map centres on. */
  focus: string | null;
}

/** A structured request, as a command (or a button) makes it; free text goes through `ask`. */
export type Request =
  | { intent: 'country_status'; country: string }
  | { intent: 'nso'; topic?: Topic | undefined }
  | { intent: 'map'; region?: Region | undefined; country?: string | undefined }
  | { intent: 'list_allowed' | 'list_removed' | 'sources' | 'help' };

export interface AskOptions {
  /** Used when the text alone does not tell the language (platform locale, `--lang`). */
  hint?: Lang | undefined;
  /** Forces the reply language (the "Français" / "English" button). */
  lang?: Lang | undefined;
}

export interface CountrySuggestion {
  code: string;
  name: string;
  flag: string;
  status: Status;
}

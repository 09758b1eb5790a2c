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
  /** The longer text behind "More"; null when there is nothing more. */
  details: string | null;
  sources: Source[];
  /** Date of the newest fact the answer relies on; null for `help` and `unknown`. */
  asOf: string | null;
  /** For intent `map`: the image to send with the answer (a region, or a country's locator map). */
  map?: MapSpec;
  /** When a name fits several countries ("Congo"): the answer asks which one, offering these. */
  choices?: CountryRef[];
}

export interface MapSpec {
  region: Region;
  /** Alpha-2 code of the country a locator map centres on. */
  focus: string | null;
}

export interface CountrySuggestion {
  code: string;
  name: string;
  flag: string;
  status: Status;
}

/**
 * The answer contract (DESIGN.md): what the core returns for any question, and what `ask --json` prints.
 */
import type { Lang, Region, Source, Topic } from '../knowledge/schema.js';
import type { RegimeTopic } from './vocabulary.js';

export type { Lang, Region, Source, Topic };

export const INTENTS = [
  'country_status',
  'list_allowed',
  'list_removed',
  'nso',
  'vendor_status',
  'regime',
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
  /** The NSO topic (intent `nso`) or the rule or process (intent `regime`). */
  topic: Topic | RegimeTopic | null;
  /** The one line that answers the question in plain words ("🇲🇦 Morocco — not on Israel's list since…"). */
  title: string;
  /** At most three short lines of the most relevant facts, in `lang`, without the title. */
  text: string;
  /** The longer text behind "More" (`pages` joined); null when there is nothing more. */
  details: string | null;
  /** `details` cut into pages for ◀ ▶ (at most five events each); empty when there is nothing more. */
  pages: string[];
  sources: Source[];
  /** Date of the newest fact the answer relies on; null for `help` and `unknown`. Kept for compatibility. */
  asOf: string | null;
  /** When the key fact of the answer was reported (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as known). */
  reportedOn: string | null;
  /** How current the knowledge behind the answer is: the data's review date, same form. */
  reviewedOn: string | null;
  /** Spyware vendors the answer is about, with the measures against them; empty when none. */
  vendors: VendorRef[];
  /** For intent `map`: the image to send with the answer (a region, or a country's locator map). */
  map?: MapSpec;
  /** When a name fits several countries ("Congo"): the answer asks which one, offering these. */
  choices?: CountryRef[];
}

export interface VendorMeasure {
  /** What applies: `entity_list`, `ofac_sanctions`, `visa_restrictions`, `prosecution`, `licence_revoked`, `closure`… */
  kind: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  since: string;
  /** When it was lifted, if it was. */
  until?: string | null;
}

export interface VendorRef {
  id: string;
  name: string;
  measures: VendorMeasure[];
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

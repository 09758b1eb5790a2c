/**
 * zod schemas of the wider landscape: spyware vendors and the measures against them
 * (`data/vendors.json`), and the rules and processes that govern the trade (`data/regimes.json`).
 * Every fact is dated as precisely as its source says and carries its confidence and sources.
 */
import { z } from 'zod';
import { MEASURE_KINDS, REGIME_TOPICS, VENDOR_IDS } from '../core/vocabulary.js';
import { Bilingual, Confidence, CountryCode, PartialDate, Source } from './schema.js';

export const VendorId = z.enum(VENDOR_IDS);
export const RegimeTopic = z.enum(REGIME_TOPICS);

/** A rule that applies to a vendor, from when, and until when if it was lifted. */
export const Measure = z.strictObject({
  kind: z.enum(MEASURE_KINDS),
  since: PartialDate,
  until: PartialDate.nullable(),
  /** The rule or process it comes under, when there is one. */
  regime: RegimeTopic.nullable(),
  text: Bilingual,
  confidence: Confidence,
  sources: z.array(Source).min(1),
});

/** A dated fact on a vendor's or a regime's timeline. */
export const LandscapeEvent = z.strictObject({
  date: PartialDate,
  text: Bilingual,
  confidence: Confidence,
  countries: z.array(CountryCode),
  /** The fact that answers "what happened there?" when several happened in one country. */
  key: z.boolean().default(false),
  sources: z.array(Source).min(1),
});

export const Vendor = z.strictObject({
  id: VendorId,
  name: z.string().min(1),
  /** Names people use (lower case): the company's other names, its products, its parent or units. */
  aliases: z.array(z.string().regex(/^[a-z0-9 -]{3,}$/, 'lower case letters, digits, spaces')).min(1),
  /** Where it is based, when one country; null for a group spread over several. */
  home: CountryCode.nullable(),
  /** Countries where its companies facing measures are based. */
  countries: z.array(CountryCode).min(1),
  products: z.array(z.string().min(1)),
  /** The one line that answers "what happened to it?". */
  bottomLine: Bilingual,
  measures: z.array(Measure),
  events: z.array(LandscapeEvent),
  /** What was looked for and not found in the sources. */
  notFound: z.array(Bilingual),
});
export const Vendors = z.strictObject({ reviewedOn: PartialDate, vendors: z.array(Vendor).min(1) });

/** Countries a regime names: members or signatories, reported non-members, or countries it mentions. */
export const RegimeGroup = z.strictObject({
  kind: z.enum(['member', 'non_member', 'mention']),
  countries: z.array(CountryCode).min(1),
  date: PartialDate,
  /** What these countries did, said of one of them ("signed the Joint Statement (Mar 2023)"). */
  role: Bilingual,
  confidence: Confidence,
  sources: z.array(Source).min(1),
});

export const Regime = z.strictObject({
  id: RegimeTopic,
  name: Bilingual,
  bottomLine: Bilingual,
  /** What it does. */
  what: Bilingual,
  /** Whom it binds. */
  binds: Bilingual,
  /** Vendors it lists or was applied to. */
  vendors: z.array(VendorId),
  groups: z.array(RegimeGroup),
  events: z.array(LandscapeEvent).min(1),
  notFound: z.array(Bilingual),
});
export const Regimes = z.strictObject({ reviewedOn: PartialDate, regimes: z.array(Regime).min(1) });

export type Measure = z.infer<typeof Measure>;
export type LandscapeEvent = z.infer<typeof LandscapeEvent>;
export type Vendor = z.infer<typeof Vendor>;
export type Vendors = z.infer<typeof Vendors>;
export type RegimeGroup = z.infer<typeof RegimeGroup>;
export type Regime = z.infer<typeof Regime>;
export type Regimes = z.infer<typeof Regimes>;

/** Checks what a schema cannot: every vendor and regime once, and the ids they refer to exist. */
export function checkLandscape(vendors: Vendors, regimes: Regimes, knownCountry: (code: string) => boolean): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const [i, v] of vendors.vendors.entries()) {
    if (ids.has(v.id)) problems.push(`vendors.${i}.id: "${v.id}" is used twice`);
    ids.add(v.id);
    const codes = [v.home, ...v.countries, ...v.events.flatMap((e) => e.countries)];
    for (const code of codes) if (code && !knownCountry(code)) problems.push(`vendors.${i}: unknown country "${code}"`);
    for (const [j, m] of v.measures.entries())
      if (m.until !== null && m.until < m.since) problems.push(`vendors.${i}.measures.${j}: lifted before it began`);
  }
  const topics = new Set<string>();
  for (const [i, r] of regimes.regimes.entries()) {
    if (topics.has(r.id)) problems.push(`regimes.${i}.id: "${r.id}" is used twice`);
    topics.add(r.id);
    for (const id of r.vendors) if (!ids.has(id)) problems.push(`regimes.${i}.vendors: no vendor "${id}"`);
    const codes = [...r.groups.flatMap((g) => g.countries), ...r.events.flatMap((e) => e.countries)];
    for (const code of codes) if (!knownCountry(code)) problems.push(`regimes.${i}: unknown country "${code}"`);
  }
  for (const id of VENDOR_IDS) if (!ids.has(id)) problems.push(`vendors: no vendor "${id}"`);
  for (const topic of REGIME_TOPICS) if (!topics.has(topic)) problems.push(`regimes: no regime "${topic}"`);
  return problems;
}

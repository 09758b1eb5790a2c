/**
 * The wider landscape, arranged for answering: vendors and rules by id, which rules each country
 * takes part in, which vendors are based there; and `landscapeOf`, the two lines a country answer
 * adds ("Takes part in: Joint Statement (Mar 2023)…", "Spyware firms based here facing measures: …").
 */

import { formatDate, joinNames, t } from '../../i18n/index.js';
import type { Measure, Regime, RegimeGroup, Vendor } from '../../knowledge/landscape.js';
import type { Knowledge } from '../../knowledge/schema.js';
import { COLON } from '../phrases.js';
import type { Lang, Source, VendorRef } from '../types.js';
import type { RegimeTopic, VendorId } from '../vocabulary.js';
import type { Facts } from './facts.js';
import { firstSentence } from './facts.js';

/** A dated item with sources in the answer's shape, for `Used.add`. */
export interface UsedItem {
  date: string;
  sources: readonly Source[];
}

/** A measure as `Used.add` takes it: dated by its end when it ended, else by its start. */
export function usedMeasure(m: Measure): UsedItem {
  return { date: m.until ?? m.since, sources: m.sources };
}

/** The vendors and rules of one knowledge snapshot, indexed. */
export class Landscape {
  readonly reviewedOn: string;
  private readonly vendors = new Map<VendorId, Vendor>();
  private readonly regimes = new Map<RegimeTopic, Regime>();
  private readonly groupsByCountry = new Map<string, { regime: Regime; group: RegimeGroup }[]>();
  private readonly vendorsByCountry = new Map<string, Vendor[]>();

  constructor(kb: Pick<Knowledge, 'vendors' | 'regimes'>) {
    // The later of the two review dates (dates as text sort in time order).
    this.reviewedOn = [kb.vendors.reviewedOn, kb.regimes.reviewedOn].sort().at(-1) as string;
    for (const v of kb.vendors.vendors) {
      this.vendors.set(v.id, v);
      if (v.measures.length === 0) continue;
      for (const code of v.countries) this.vendorsByCountry.set(code, [...(this.vendorsByCountry.get(code) ?? []), v]);
    }
    for (const r of kb.regimes.regimes) {
      this.regimes.set(r.id, r);
      for (const group of r.groups)
        for (const code of group.countries)
          this.groupsByCountry.set(code, [...(this.groupsByCountry.get(code) ?? []), { regime: r, group }]);
    }
  }

  vendor(id: VendorId): Vendor {
    const found = this.vendors.get(id);
    if (!found) throw new Error(`data/vendors.json: no vendor "${id}"`);
    return found;
  }

  regime(id: RegimeTopic): Regime {
    const found = this.regimes.get(id);
    if (!found) throw new Error(`data/regimes.json: no regime "${id}"`);
    return found;
  }

  allVendors(): Vendor[] {
    return [...this.vendors.values()];
  }

  allRegimes(): Regime[] {
    return [...this.regimes.values()];
  }

  /** What the sources say of a country and the rules: membership, reported absence, mentions. */
  groupsOf(code: string): readonly { regime: Regime; group: RegimeGroup }[] {
    return this.groupsByCountry.get(code) ?? [];
  }

  /** Vendors with companies based in a country that face measures. */
  vendorsIn(code: string): readonly Vendor[] {
    return this.vendorsByCountry.get(code) ?? [];
  }

  /** The contract's view of a vendor: its measures, oldest first. */
  vendorRef(id: VendorId): VendorRef {
    const v = this.vendor(id);
    return {
      id: v.id,
      name: v.name,
      measures: sortMeasures(v.measures).map((m) => ({ kind: m.kind, since: m.since, until: m.until })),
    };
  }
}

/** Measures in force first (oldest first), then the lifted ones. */
export function sortMeasures(measures: readonly Measure[]): Measure[] {
  const active = measures.filter((m) => m.until === null).sort((a, b) => a.since.localeCompare(b.since));
  const lifted = measures.filter((m) => m.until !== null).sort((a, b) => a.since.localeCompare(b.since));
  return [...active, ...lifted];
}

/** "• US Entity List: since Jul 2023" / "• US Entity List: Feb 2024 – Oct 2024 (lifted)". */
export function measureLine(m: Measure, lang: Lang): string {
  const kind = t(lang, 'measure-kind', { kind: m.kind });
  const date = formatDate(m.since, lang);
  return m.until === null
    ? t(lang, 'measure-active', { kind, date })
    : t(lang, 'measure-lifted', { kind, date, until: formatDate(m.until, lang) });
}

const LANDSCAPES = new WeakMap<object, Landscape>();

/** The landscape of the knowledge `facts` answers from (built once per snapshot). */
export function landscapeFor(facts: Facts): Landscape {
  let found = LANDSCAPES.get(facts.kb);
  if (!found) {
    found = new Landscape(facts.kb);
    LANDSCAPES.set(facts.kb, found);
  }
  return found;
}

/** What a country answer can add: at most two short lines, and the sources behind them. */
export interface CountryLandscape {
  lines: string[];
  sources: UsedItem[];
}

/**
 * At most two short lines for a country: the rules the sources show it taking part in (or reported
 * as staying out of), and the spyware vendors based there that face measures. Empty when the sources
 * say nothing.
 *
 * @example
 * landscapeOf(facts, 'GR', 'en').lines;
 * // ["Reported as not in: Joint Statement on commercial spyware (Sep 2024)",
 * //  "Spyware firms based here facing measures: Intellexa (Predator): US Entity List, …"]
 */
export function landscapeOf(facts: Facts, code: string, lang: Lang): CountryLandscape {
  const land = landscapeFor(facts);
  const sources: UsedItem[] = [];
  const taking: string[] = [];
  const notIn: string[] = [];
  const seen = new Set<string>();
  for (const { regime, group } of land.groupsOf(code)) {
    if (group.kind === 'mention') continue;
    const key = `${group.kind}.${regime.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const item = t(lang, 'landscape-item', { name: regime.name[lang], date: formatDate(group.date, lang) });
    (group.kind === 'member' ? taking : notIn).push(item);
    sources.push(group);
  }
  const regimeParts: string[] = [];
  if (taking.length > 0) regimeParts.push(t(lang, 'landscape-takes-part', { names: joinNames(taking, lang) }));
  if (notIn.length > 0) regimeParts.push(t(lang, 'landscape-not-part', { names: joinNames(notIn, lang) }));
  // Most telling first: vendors based here facing measures, what a vendor did here, then the rules.
  const lines: string[] = [];
  const based = land.vendorsIn(code);
  const vendors = based.map((v) => {
    const kinds = [...new Set(sortMeasures(v.measures).map((m) => t(lang, 'measure-kind', { kind: m.kind })))];
    for (const m of v.measures) sources.push(usedMeasure(m));
    const products = v.products.length > 0 ? ` (${v.products.join(', ')})` : '';
    return `${v.name}${products}${COLON[lang]}${kinds.join(', ')}`;
  });
  if (vendors.length > 0) lines.push(t(lang, 'landscape-vendors', { names: vendors.join('; ') }));
  const here = land
    .allVendors()
    .filter((v) => !based.includes(v))
    .flatMap((v) => v.events.filter((e) => e.countries.includes(code)).map((event) => ({ vendor: v, event })))
    .sort((a, b) => b.event.date.localeCompare(a.event.date))[0];
  if (here) {
    sources.push(here.event);
    lines.push(
      t(lang, 'landscape-event', {
        name: here.vendor.name,
        date: formatDate(here.event.date, lang),
        text: firstSentence(here.event.text[lang], 150),
      }),
    );
  }
  if (regimeParts.length > 0) lines.push(regimeParts.join(' · '));
  return { lines, sources };
}

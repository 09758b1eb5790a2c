/**
 * `vendor_status`: a named spyware vendor — the measures against it (listed, sanctioned, prosecuted,
 * closed?), each dated and sourced, under a bottom line. With a country named ("Paragon in Italy"),
 * what the sources report about the vendor there.
 */
import { formatDate, t } from '../../i18n/index.js';
import type { LandscapeEvent, Vendor } from '../../knowledge/landscape.js';
import { COLON } from '../phrases.js';
import type { CountryRef, Lang } from '../types.js';
import type { VendorId } from '../vocabulary.js';
import { type Composed, type Facts, pagesOf, Used } from './facts.js';
import { landscapeFor, measureLine, sortMeasures, usedMeasure } from './landscape.js';

/** Lines in the short text. */
const TEXT_LINES = 3;
/** The short text stays under this many characters, so that the whole answer stays under 900. */
const TEXT_BUDGET = 420;
/** Dated lines on one page of "More". */
const PAGE_SIZE = 5;

export function vendorAnswer(
  facts: Facts,
  ids: readonly VendorId[],
  refs: readonly CountryRef[],
  lang: Lang,
): Composed {
  const land = landscapeFor(facts);
  const used = new Used();
  const [first, ...others] = ids.map((id) => land.vendor(id));
  if (!first) return vendorList(facts, lang);
  const measures = sortMeasures(first.measures);
  for (const m of measures) used.add(usedMeasure(m));

  let lines: string[];
  let title = first.bottomLine[lang];
  let reportedOn = keyDate(first);
  const country = refs[0];
  if (country) {
    // "What happened to Paragon in Italy?": the newest fact there answers; earlier ones follow.
    const there = first.events.filter((e) => e.countries.includes(country.code));
    const main = there.filter((e) => e.key).at(-1) ?? there.at(-1);
    if (main) {
      title = `${t(lang, 'vendor-in-country', { vendor: first.name, name: country.name })} — ${main.text[lang]}`;
      reportedOn = main.date;
      const rest = there.filter((e) => e !== main).slice(-(TEXT_LINES - 1));
      lines = [...rest.map((e) => eventLine(e, lang)), `• ${first.bottomLine[lang]}`];
      for (const e of [main, ...rest]) used.add(e);
    } else {
      lines = [t(lang, 'vendor-nothing-in-country', { vendor: first.name, name: country.name })];
    }
  } else if (measures.length > 0) {
    lines = measures.slice(0, TEXT_LINES).map((m) => measureLine(m, lang));
  } else {
    lines = [t(lang, 'vendor-no-measure')];
    const latest = first.events.at(-1);
    if (latest) {
      lines.push(eventLine(latest, lang));
      used.add(latest);
    }
  }
  for (const other of others) {
    lines.push(t(lang, 'vendor-others', { line: other.bottomLine[lang] }));
    for (const m of other.measures) used.add(usedMeasure(m));
  }
  return used.composed(title, withinBudget(lines.slice(0, TEXT_LINES + others.length)), vendorPages(first, lang), {
    reportedOn,
    reviewedOn: land.reviewedOn,
  });
}

/** "• 9 Jun 2025: Paragon said it ended its Italian contracts…". */
export function eventLine(e: LandscapeEvent, lang: Lang): string {
  const low = e.confidence === 'low' ? ` ${t(lang, 'confidence-low')}` : '';
  return `• ${formatDate(e.date, lang)}${COLON[lang]}${e.text[lang]}${low}`;
}

/** "More": every measure in full, then the timeline (oldest first), then what was not found; five lines a page. */
function vendorPages(v: Vendor, lang: Lang): string[] {
  const measureLines = sortMeasures(v.measures).map((m) =>
    t(lang, 'measure-detail', {
      date: formatDate(m.since, lang),
      until: m.until ? formatDate(m.until, lang) : 'none',
      kind: t(lang, 'measure-kind', { kind: m.kind }),
      text: m.text[lang],
    }),
  );
  const eventLines = [...v.events].sort((a, b) => a.date.localeCompare(b.date)).map((e) => eventLine(e, lang));
  const pages = [...paged(measureLines), ...paged(eventLines)];
  if (v.notFound.length > 0) {
    const notFound = [t(lang, 'not-found-heading'), ...v.notFound.map((n) => `• ${n[lang]}`)].join('\n');
    pages.push(notFound);
  }
  return pages;
}

/** Lines five a page. */
export function paged(lines: readonly string[]): string[] {
  return pagesOf(lines, PAGE_SIZE, (page) => page.join('\n'));
}

/** Keeps whole lines while they fit the short text's budget (the first line always). */
export function withinBudget(lines: readonly string[], budget = TEXT_BUDGET): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (kept.length > 0 && length + line.length + 1 > budget) break;
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

/** When the key fact was reported: the newest start or end of a measure, else the newest event. */
function keyDate(v: Vendor): string | null {
  const dates = v.measures.flatMap((m) => (m.until ? [m.since, m.until] : [m.since]));
  if (dates.length === 0) dates.push(...v.events.map((e) => e.date));
  return dates.sort().at(-1) ?? null;
}

/** `/vendor` alone: the vendors the bot knows, by name. */
function vendorList(facts: Facts, lang: Lang): Composed {
  const land = landscapeFor(facts);
  const names = land.allVendors().map((v) => v.name);
  const text = [names.join(' · '), t(lang, 'vendors-hint')].join('\n');
  return new Used().composed(t(lang, 'vendors-title'), text, [], { reviewedOn: land.reviewedOn });
}

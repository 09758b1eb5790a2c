/**
 * `regime`: a rule or process on the spyware trade — what it does, whom it binds, whom it lists or
 * who signed, dated and sourced, under a bottom line. With a country named ("is Israel part of Pall
 * Mall?"), what the sources say of that country; with a vendor named ("may an American company supply
 * NSO?"), the rule as applied to that vendor. Without a rule (`/rules` alone), the rules known.
 */
import { formatDate, joinNames, t } from '../../i18n/index.js';
import type { Regime, RegimeGroup } from '../../knowledge/landscape.js';
import type { CountryRef, Lang } from '../types.js';
import type { RegimeTopic, VendorId } from '../vocabulary.js';
import { type Composed, type Facts, Used } from './facts.js';
import { type Landscape, landscapeFor, usedMeasure } from './landscape.js';
import { eventLine, paged, withinBudget } from './vendor.js';

/** A list of named countries longer than this is counted, not spelled out, in the short text. */
const NAMED_INLINE = 6;
const KIND_ORDER = { member: 0, non_member: 1, mention: 2 } as const;

export function regimeAnswer(
  facts: Facts,
  topic: RegimeTopic | null,
  vendors: readonly VendorId[],
  refs: readonly CountryRef[],
  lang: Lang,
): Composed {
  const land = landscapeFor(facts);
  if (!topic) return regimesList(land, lang);
  const regime = land.regime(topic);
  const used = new Used();
  const pages = regimePages(facts, regime, lang);
  const dates = { reviewedOn: land.reviewedOn };
  for (const e of regime.events) used.add(e);

  const vendor = vendors[0];
  if (vendor) {
    const v = land.vendor(vendor);
    const measures = v.measures.filter((m) => m.regime === topic);
    const m = measures.find((x) => x.until === null) ?? measures[0];
    const used2 = new Used();
    let title: string;
    if (m) {
      const args = { vendor: v.name, kind: t(lang, 'measure-kind', { kind: m.kind }), date: formatDate(m.since, lang) };
      title = m.until
        ? t(lang, 'regime-vendor-lifted', { ...args, until: formatDate(m.until, lang), rule: regime.what[lang] })
        : t(lang, 'regime-vendor-active', { ...args, rule: regime.what[lang] });
      used2.add(usedMeasure(m));
    } else {
      title = t(lang, 'regime-vendor-none', { vendor: v.name, regime: regime.name[lang] });
    }
    for (const e of regime.events.slice(0, 2)) used2.add(e);
    const lines = [`• ${regime.bottomLine[lang]}`, t(lang, 'regime-binds', { text: regime.binds[lang] })];
    return used2.composed(title, withinBudget(lines), pages, { ...dates, reportedOn: m?.since ?? null });
  }

  const country = refs[0];
  if (country) {
    const used3 = new Used();
    const lines: string[] = [];
    const groupsFor = (code: string) =>
      regime.groups
        .filter((g) => g.countries.includes(code))
        .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.date.localeCompare(a.date));
    const [best, ...more] = groupsFor(country.code);
    const title = best
      ? t(lang, 'regime-country', {
          name: `${country.flag} ${country.name}`,
          role: best.role[lang],
          date: formatDate(best.date, lang),
        })
      : t(lang, 'regime-country-unknown', { name: `${country.flag} ${country.name}`, regime: regime.name[lang] });
    if (best) used3.add(best);
    for (const g of more) {
      lines.push(`• ${g.role[lang]} (${formatDate(g.date, lang)})`);
      used3.add(g);
    }
    for (const other of refs.slice(1)) {
      const [g] = groupsFor(other.code);
      lines.push(
        `• ${
          g
            ? t(lang, 'regime-country', {
                name: `${other.flag} ${other.name}`,
                role: g.role[lang],
                date: formatDate(g.date, lang),
              })
            : t(lang, 'regime-country-unknown', { name: `${other.flag} ${other.name}`, regime: regime.name[lang] })
        }`,
      );
      if (g) used3.add(g);
    }
    lines.push(`• ${regime.bottomLine[lang]}`);
    for (const e of regime.events.slice(0, 1)) used3.add(e);
    return used3.composed(title, withinBudget(lines), pages, { ...dates, reportedOn: best?.date ?? null });
  }

  const lines = [`• ${regime.what[lang]}`, t(lang, 'regime-binds', { text: regime.binds[lang] })];
  if (regime.vendors.length > 0) {
    const names = regime.vendors.map((id) => land.vendor(id).name);
    lines.push(t(lang, 'regime-vendors', { names: joinNames(names, lang) }));
  } else {
    const named = namedMembers(facts, regime, lang);
    if (named.length > NAMED_INLINE) lines.push(t(lang, 'regime-named-count', { count: named.length }));
    else if (named.length > 0) lines.push(t(lang, 'regime-named', { names: joinNames(named, lang) }));
  }
  const newest = [...regime.events].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  return used.composed(regime.bottomLine[lang], withinBudget(lines), pages, {
    ...dates,
    reportedOn: newest?.date ?? null,
  });
}

/** Countries the sources name as taking part (members and signatories), each once. */
function namedMembers(facts: Facts, regime: Regime, lang: Lang): string[] {
  const codes = new Set(regime.groups.filter((g) => g.kind === 'member').flatMap((g) => g.countries));
  return [...codes].map((code) => facts.nameOf(code, lang));
}

/** "More": the timeline, then the countries named, then what was not found; five lines a page. */
function regimePages(facts: Facts, regime: Regime, lang: Lang): string[] {
  const events = [...regime.events].sort((a, b) => a.date.localeCompare(b.date)).map((e) => eventLine(e, lang));
  const groups = [...regime.groups]
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.date.localeCompare(b.date))
    .map((g) => groupLine(facts, g, lang));
  const pages = [...paged(events)];
  for (const [i, page] of paged(groups).entries())
    pages.push(i === 0 ? `${t(lang, 'regime-members-heading')}\n${page}` : page);
  if (regime.notFound.length > 0)
    pages.push([t(lang, 'not-found-heading'), ...regime.notFound.map((n) => `• ${n[lang]}`)].join('\n'));
  return pages;
}

function groupLine(facts: Facts, g: RegimeGroup, lang: Lang): string {
  const names = joinNames(
    g.countries.map((c) => facts.nameOf(c, lang)),
    lang,
  );
  return t(lang, 'regime-group', { date: formatDate(g.date, lang), names, role: g.role[lang] });
}

/** `/rules` alone: the rules the bot knows, by name. */
function regimesList(land: Landscape, lang: Lang): Composed {
  const names = land.allRegimes().map((r) => r.name[lang]);
  const text = [t(lang, 'regimes-list', { names: names.join(' · ') }), t(lang, 'regimes-hint')].join('\n');
  return new Used().composed(t(lang, 'regimes-title'), text, [], { reviewedOn: land.reviewedOn });
}

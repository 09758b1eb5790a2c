/**
 * The answers around the two questions: the sources, maps, help, thanks, out-of-scope messages,
 * unknown countries, and the question back when a name fits several countries.
 */
import { COLON, formatDate, joinNames, REGION_LABEL, t } from '../phrases.js';
import type { Aspect } from '../query.js';
import type { CountryRef, Lang, MapSpec } from '../types.js';
import { flagOf } from '../understand/countries.js';
import { type Composed, type Facts, Used } from './facts.js';

/** The fields of an answer that rests on no fact. */
const NOTHING: Omit<Composed, 'title' | 'text'> = {
  details: null,
  pages: [],
  sources: [],
  asOf: null,
  reportedOn: null,
  reviewedOn: null,
};

/** Sources listed in the short answer to "sources?". */
const SOURCES_SHOWN = 5;

export function sourcesAnswer(facts: Facts, lang: Lang): Composed {
  const used = new Used();
  for (const id of ['report-2021', 'meaning', 'end-user-2021']) used.add(facts.statement(id));
  for (const event of [...facts.keyEvents].reverse()) used.add(event);
  const list = used.sources();
  const lines = list.slice(0, SOURCES_SHOWN).map((s) => sourceLine(s, lang));
  const rest = list.slice(SOURCES_SHOWN).map((s) => sourceLine(s, lang));
  return {
    ...NOTHING,
    title: t(lang, 'sources-title'),
    text: [t(lang, 'sources-intro'), ...lines].join('\n'),
    details: rest.length > 0 ? rest.join('\n') : null,
    pages: rest.length > 0 ? [rest.join('\n')] : [],
    sources: list,
    asOf: used.asOf(),
  };
}

/** The sources of another answer ("sources?" after it): every one, with its date and title where known. */
export function sourcesOf(base: Composed, lang: Lang): Composed {
  const text =
    base.sources.length > 0 ? base.sources.map((s) => sourceLine(s, lang)).join('\n') : t(lang, 'sources-none');
  return { ...base, title: t(lang, 'sources-of-title', { title: base.title }), text, details: null, pages: [] };
}

/** "• Publisher, 25 Nov 2021: Title", without what is not known. */
export function sourceLine(s: { publisher: string; title: string | null; date: string | null }, lang: Lang): string {
  const dated = s.date ? `${s.publisher}, ${formatDate(s.date, lang)}` : s.publisher;
  return s.title ? `• ${dated}${COLON[lang]}${s.title}` : `• ${dated}`;
}

/** A map: the caption and what to draw (a region, or a locator map of the named country). */
export function mapAnswer(facts: Facts, spec: MapSpec, ref: CountryRef | undefined, lang: Lang): Composed {
  const list = facts.kb.exportList;
  const used = new Used();
  used.add(facts.statement('report-2021'));
  used.add(facts.statement('meaning'));
  const named = joinNames(
    list.removed.map((c) => facts.nameOf(c, lang)),
    lang,
  );
  const caption = t(lang, 'map-caption', {
    count: list.listed.length,
    before: list.previousCount,
    date: facts.reportDate(lang),
    named,
  });
  const dates = facts.listDates();
  if (ref) return used.composed(facts.statusLine(ref, lang), caption, [], dates);
  return used.composed(t(lang, 'map-title', { region: REGION_LABEL[spec.region][lang] }), caption, [], dates);
}

export function helpAnswer(lang: Lang, aspect: Aspect | null): Composed {
  if (aspect === 'thanks') return { ...NOTHING, title: t(lang, 'thanks-title'), text: t(lang, 'thanks-text') };
  if (aspect === 'reset') return { ...NOTHING, title: t(lang, 'reset-title'), text: t(lang, 'reset-text') };
  return { ...NOTHING, title: t(lang, 'help-title'), text: t(lang, 'help-text') };
}

/** Out of scope: what the bot answers, with questions to try; or a country name it does not know. */
export function unknownAnswer(
  facts: Facts,
  lang: Lang,
  word: string | undefined,
  closest: readonly string[],
): Composed {
  if (word === undefined) return { ...NOTHING, title: t(lang, 'unknown-title'), text: t(lang, 'unknown-text') };
  const names = closest.map((c) => `${flagOf(c)} ${facts.nameOf(c, lang)}`);
  const text =
    names.length > 0
      ? t(lang, 'unknown-country-suggest', { names: joinNames(names, lang, 'or') })
      : t(lang, 'unknown-country-hint');
  return { ...NOTHING, title: t(lang, 'unknown-country-title', { word }), text };
}

/** "Congo": which one? The choices, numbered (buttons on the platforms). */
export function clarifyAnswer(choices: readonly CountryRef[], lang: Lang): Composed {
  const lines = choices.map((c, i) => `${i + 1}. ${c.flag} ${c.name}`);
  return { ...NOTHING, title: t(lang, 'which-title'), text: [t(lang, 'which-text'), ...lines].join('\n') };
}

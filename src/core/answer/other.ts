/**
 * The answers around the two questions: the sources, maps, help, thanks, out-of-scope messages,
 * unknown countries, and the question back when a name fits several countries.
 */
import { COLON, formatDate, joinNames, PHRASES, REGION_LABEL } from '../i18n.js';
import type { Aspect } from '../query.js';
import type { CountryRef, Lang, MapSpec } from '../types.js';
import { flagOf } from '../understand/countries.js';
import { type Composed, type Facts, joinSections, Used } from './facts.js';

/** The fields of an answer that rests on no fact. */
const NOTHING: Omit<Composed, 'title' | 'text'> = {
  details: null,
  pages: [],
  sources: [],
  asOf: null,
  reportedOn: null,
  reviewedOn: null,
};

export function sourcesAnswer(facts: Facts, lang: Lang): Composed {
  const p = PHRASES[lang];
  const used = new Used();
  for (const id of ['report-2021', 'meaning', 'end-user-2021']) used.add(facts.statement(id));
  for (const event of [...facts.keyEvents].reverse()) used.add(event);
  const list = used.sources();
  return {
    title: p.sourcesTitle,
    text: joinSections([p.sourcesIntro, list.map((s) => sourceLine(s, lang)).join('\n')]),
    ...NOTHING,
    sources: list,
    asOf: used.asOf(),
  };
}

/** The sources of another answer ("sources?" after it). */
export function sourcesOf(base: Composed, lang: Lang): Composed {
  const p = PHRASES[lang];
  const text = base.sources.length > 0 ? base.sources.map((s) => sourceLine(s, lang)).join('\n') : p.noSources;
  return { ...base, title: p.sourcesOfTitle(base.title), text, details: null, pages: [] };
}

function sourceLine(s: { publisher: string; title: string; date: string }, lang: Lang): string {
  return `• ${s.publisher}, ${formatDate(s.date, 'day', lang)}${COLON[lang]}${s.title}`;
}

/** A map: the caption and what to draw (a region, or a locator map of the named country). */
export function mapAnswer(facts: Facts, spec: MapSpec, ref: CountryRef | undefined, lang: Lang): Composed {
  const p = PHRASES[lang];
  const list = facts.kb.exportList;
  const used = new Used();
  used.add(facts.statement('report-2021'));
  used.add(facts.statement('meaning'));
  const dropped = joinNames(
    list.removed.map((c) => facts.nameOf(c, lang)),
    lang,
  );
  const caption = p.mapCaption(list.listed.length, list.previousCount, facts.reportDate(lang), dropped);
  const text = ref
    ? joinSections([facts.statusText(ref, lang), p.reportDate(facts.reportDate(lang), list.reportedBy)])
    : caption;
  const title = ref ? p.mapFocusTitle(facts.headline(ref, lang)) : p.mapTitle(REGION_LABEL[spec.region][lang]);
  return used.composed(title, text);
}

export function helpAnswer(lang: Lang, aspect: Aspect | null): Composed {
  const p = PHRASES[lang];
  if (aspect === 'thanks') return { title: p.thanksTitle, text: p.thanks, ...NOTHING };
  if (aspect === 'reset') return { title: p.resetTitle, text: p.reset, ...NOTHING };
  return { title: p.helpTitle, text: p.help, ...NOTHING };
}

/** Out of scope: what the bot answers, with questions to try; or a country name it does not know. */
export function unknownAnswer(
  facts: Facts,
  lang: Lang,
  word: string | undefined,
  closest: readonly string[],
): Composed {
  const p = PHRASES[lang];
  if (word === undefined) return { title: p.unknownTitle, text: p.unknown, ...NOTHING };
  const names = closest.map((c) => `${flagOf(c)} ${facts.nameOf(c, lang)}`);
  return { title: p.unknownCountryTitle, text: p.unknownCountry(word, names.join(p.or)), ...NOTHING };
}

/** "Congo": which one? The choices, numbered (buttons on the platforms). */
export function clarifyAnswer(choices: readonly CountryRef[], lang: Lang): Composed {
  const p = PHRASES[lang];
  const lines = choices.map((c, i) => `${i + 1}. ${c.flag} ${c.name}`);
  return { title: p.whichTitle, text: joinSections([p.which, lines.join('\n')]), ...NOTHING };
}

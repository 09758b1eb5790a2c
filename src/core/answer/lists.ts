/**
 * `list_allowed` and `list_removed`: the countries on the list, and the ones reported as dropped.
 */
import { joinNames, PHRASES } from '../i18n.js';
import type { Lang } from '../types.js';
import { flagOf } from '../understand/countries.js';
import { type Composed, type Facts, joinSections, Used } from './facts.js';

const COLLATORS = { en: new Intl.Collator('en'), fr: new Intl.Collator('fr') };

export function listAllowed(facts: Facts, lang: Lang): Composed {
  const p = PHRASES[lang];
  const list = facts.kb.exportList;
  const used = new Used();
  const names = list.listed.map((c) => facts.nameOf(c, lang)).sort(COLLATORS[lang].compare);
  const sections = [
    `${p.listIntro(list.listed.length, list.previousCount, facts.reportDate(lang))}\n${names.join(', ')}.`,
  ];
  for (const id of ['shape', 'count-38', 'india', 'meaning']) {
    const s = facts.statement(id);
    sections.push(s.text[lang]);
    used.add(s);
  }
  used.add(facts.statement('report-2021'));
  const more = ['official-list', 'still-current-2026'].map((id) => facts.statement(id).text[lang]);
  return used.composed(p.listTitle(list.listed.length, facts.reportDate(lang)), joinSections(sections), [
    joinSections([...sections, ...more]),
  ]);
}

export function listRemoved(facts: Facts, lang: Lang): Composed {
  const p = PHRASES[lang];
  const list = facts.kb.exportList;
  const used = new Used();
  const fewer = list.previousCount - list.listed.length;
  const named = joinNames(
    list.removed.map((c) => `${flagOf(c)} ${facts.nameOf(c, lang)}`),
    lang,
  );
  const sections = [
    `${p.removedIntro(list.previousCount, list.listed.length, named)} ${p.removedRest(fewer - list.removed.length)}`,
  ];
  for (const id of ['not-a-ban', 'meaning']) {
    const s = facts.statement(id);
    sections.push(s.text[lang]);
    used.add(s);
  }
  used.add(facts.statement('report-2021'));
  sections.push(p.reportDate(facts.reportDate(lang), list.reportedBy));
  const context = facts.statement('dropped-context');
  const details = joinSections([
    sections[0],
    context.text[lang],
    facts.statement('official-list').text[lang],
    ...sections.slice(1),
  ]);
  return used.composed(p.removedTitle(fewer), joinSections(sections), [details]);
}

/**
 * `list_allowed` and `list_removed`: the countries on the list, and the ones reported as dropped.
 */
import { joinNames, t } from '../phrases.js';
import type { Lang } from '../types.js';
import { flagOf } from '../understand/countries.js';
import { type Composed, type Facts, firstSentence, joinSections, pagesOf, Used } from './facts.js';

const COLLATORS = { en: new Intl.Collator('en'), fr: new Intl.Collator('fr') };

/** Statements behind "More" for each list. */
const ALLOWED_MORE = ['shape', 'count-38', 'india', 'meaning', 'official-list', 'still-current-2026'];
const REMOVED_MORE = ['dropped-context', 'not-a-ban', 'official-list', 'meaning', 'still-current-2026'];

export function listAllowed(facts: Facts, lang: Lang): Composed {
  const list = facts.kb.exportList;
  const used = new Used();
  used.add(facts.statement('report-2021'));
  const names = list.listed.map((c) => facts.nameOf(c, lang)).sort(COLLATORS[lang].compare);
  const count38 = facts.statement('count-38');
  used.add(count38);
  const title = t(lang, 'list-title', {
    count: list.listed.length,
    before: list.previousCount,
    date: facts.reportDate(lang),
  });
  const text = [`${names.join(', ')}.`, t(lang, 'conflict', { text: firstSentence(count38.text[lang], 200) })];
  return used.composed(title, text.join('\n'), pagesOfStatements(facts, ALLOWED_MORE, lang), facts.listDates());
}

export function listRemoved(facts: Facts, lang: Lang): Composed {
  const list = facts.kb.exportList;
  const used = new Used();
  used.add(facts.statement('report-2021'));
  const fewer = list.previousCount - list.listed.length;
  const names = joinNames(
    list.removed.map((c) => `${flagOf(c)} ${facts.nameOf(c, lang)}`),
    lang,
  );
  const title = t(lang, 'removed-title', { fewer, named: list.removed.length, names });
  const lines = [t(lang, 'removed-rest', { rest: fewer - list.removed.length })];
  for (const id of ['dropped-context', 'not-a-ban']) {
    const statement = facts.statement(id);
    used.add(statement);
    lines.push(firstSentence(statement.text[lang]));
  }
  return used.composed(title, lines.join('\n'), pagesOfStatements(facts, REMOVED_MORE, lang), facts.listDates());
}

/** Statements, whole, three a page. */
function pagesOfStatements(facts: Facts, ids: readonly string[], lang: Lang): string[] {
  return pagesOf(ids, 3, (page) => joinSections(page.map((id) => facts.statement(id).text[lang])));
}

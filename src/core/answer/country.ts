/**
 * `country_status`: may Israeli firms sell to these countries, and the follow-ups about them: why,
 * since when, what it means, what was reported about them. The title answers; the text adds at most
 * three short lines; "More" holds what the list means, every reported fact and the list's background.
 */
import { COLON, formatDate, joinNames, t } from '../phrases.js';
import type { Aspect } from '../query.js';
import type { CountryRef, Lang } from '../types.js';
import { type Composed, dateOf, type Facts, firstSentence, joinSections, pagesOf, SHORT_LINE, Used } from './facts.js';
import { landscapeOf } from './landscape.js';

/** A country's short answer, as shown, stays under this many characters… */
const SHORT_ANSWER = 600;
/** …of which the platforms need about this many for the dates line and the sources line. */
const RESERVED = 220;
/** A reported fact shorter than this is not worth cutting down to. */
const MIN_NOTE = 80;
/** Reported facts per page behind "More". */
/** Statements on the last page of "More": where the list comes from and how current it is. */
const LIST_STATEMENTS = ['report-2021', 'official-list', 'ministry-reaction', 'still-current-2026'];
/** Statements on the "what it means" page. */
const MEANING_STATEMENTS = ['meaning', 'not-a-ban', 'end-user-2021'];

export function countryAnswer(facts: Facts, refs: readonly CountryRef[], lang: Lang, aspect: Aspect | null): Composed {
  switch (aspect) {
    case 'why':
      return why(facts, refs, lang);
    case 'since':
      return since(facts, refs, lang);
    case 'meaning':
      return meaning(facts, lang);
    case 'about':
      return about(facts, refs, lang);
    default:
      return refs.length === 1 && refs[0] ? one(facts, refs[0], lang) : several(facts, refs, lang);
  }
}

/** The dates every country answer carries: the report, and the newest source saying nothing changed. */

/** One country: its status line, why it has it, a conflict, the newest reported fact. */
function one(facts: Facts, ref: CountryRef, lang: Lang): Composed {
  const used = new Used();
  used.add(facts.statement('report-2021'));
  used.add(facts.statusSummary(ref.status));
  const lines = [statusReason(facts, ref, lang)];
  for (const conflict of facts.conflictsAbout(ref.code)) {
    lines.push(t(lang, 'conflict', { text: firstSentence(conflict.text[lang]) }));
    used.add(conflict);
  }
  const notes = facts.notesOf(ref.code);
  const newest = notes.at(-1);
  const title = facts.statusLine(ref, lang);
  const left = () => SHORT_ANSWER - RESERVED - title.length - lines.join('\n').length - 1;
  // The wider picture (rules it takes part in, vendors based there facing measures), where it fits.
  const landscape = landscapeOf(facts, ref.code, lang);
  for (const item of landscape.sources) used.add(item);
  // A slot stays free for the newest reported fact, when there is one.
  const slots = newest ? 2 : 3;
  for (const line of landscape.lines) {
    if (lines.length < slots && line.length <= left() - (newest ? MIN_NOTE : 0)) lines.push(line);
  }
  // The newest reported fact, cut to what the short answer has left.
  if (newest && lines.length < 3) {
    const date = formatDate(newest.date, lang, newest.precision);
    const prefix = t(lang, 'country-note', { date, text: '' }).length;
    const room = left() - prefix - 1;
    if (room >= MIN_NOTE) {
      lines.push(t(lang, 'country-note', { date, text: firstSentence(newest.text[lang], Math.min(room, SHORT_LINE)) }));
      used.add(newest);
    }
  }
  const wider = landscape.lines.length > 0 ? [[t(lang, 'page-wider'), ...landscape.lines].join('\n')] : [];
  return used.composed(
    title,
    lines.join('\n'),
    [
      ...facts.notePages([ref], lang),
      ...wider,
      meaningPage(facts, lang, ref.status === 'domestic'),
      listPage(facts, lang),
    ],
    facts.listDates(),
  );
}

/** Several countries: which are on the list and which are not, what that means, any conflict. */
function several(facts: Facts, refs: readonly CountryRef[], lang: Lang): Composed {
  const used = new Used();
  used.add(facts.statement('report-2021'));
  const named = (status: CountryRef['status'][]) =>
    joinNames(
      refs.filter((r) => status.includes(r.status)).map((r) => `${r.flag} ${r.name}`),
      lang,
    );
  const groups = [
    ['countries-on', named(['listed'])],
    ['countries-off', named(['removed', 'not_listed'])],
    ['countries-home', named(['domestic'])],
  ] as const;
  const title = groups
    .filter(([, names]) => names.length > 0)
    .map(([id, names]) => t(lang, id, { names }))
    .join('. ');
  const lines = [t(lang, 'countries-meaning')];
  used.add(facts.statement('meaning'));
  for (const ref of refs) {
    for (const conflict of facts.conflictsAbout(ref.code)) {
      if (lines.length >= 3) break;
      lines.push(t(lang, 'conflict', { text: firstSentence(conflict.text[lang]) }));
      used.add(conflict);
    }
  }
  const statusPages = pagesOf(refs, 4, (page) =>
    page.map((ref) => `${facts.statusLine(ref, lang)}\n${statusReason(facts, ref, lang)}`).join('\n\n'),
  );
  return used.composed(
    `${title}.`,
    lines.join('\n'),
    [...statusPages, ...facts.notePages(refs, lang), meaningPage(facts, lang, false), listPage(facts, lang)],
    facts.listDates(),
  );
}

/** Why a country has its status, in one line. */
function statusReason(facts: Facts, ref: CountryRef, lang: Lang): string {
  const list = facts.kb.exportList;
  const counts = { before: list.previousCount, count: list.listed.length };
  switch (ref.status) {
    case 'listed':
      return t(lang, 'country-listed-line', counts);
    case 'not_listed':
      return t(lang, 'country-not-listed-line', counts);
    case 'domestic':
      return t(lang, 'country-domestic-line');
    case 'removed': {
      const others = list.removed.filter((c) => c !== ref.code).map((c) => facts.nameOf(c, lang));
      if (others.length === 0) return t(lang, 'country-removed-alone', counts);
      return t(lang, 'country-removed-line', {
        ...counts,
        named: list.removed.length,
        others: joinNames(others, lang),
      });
    }
  }
}

function meaningPage(facts: Facts, lang: Lang, domestic: boolean): string {
  const ids = domestic ? ['end-user-2021'] : MEANING_STATEMENTS;
  return [t(lang, 'page-meaning'), ...ids.map((id) => facts.statement(id).text[lang])].join('\n\n');
}

function listPage(facts: Facts, lang: Lang): string {
  return [
    t(lang, 'page-list'),
    ...LIST_STATEMENTS.map((id) => facts.statement(id).text[lang]),
    t(lang, 'not-advice'),
  ].join('\n\n');
}

/** Why a country has its status: what reporting says, and that Israel gave no reasons. */
function why(facts: Facts, refs: readonly CountryRef[], lang: Lang): Composed {
  const used = new Used();
  const lines = refs.slice(0, 2).map((ref) => {
    const reason =
      ref.status === 'removed'
        ? statementLine(facts, used, 'dropped-context', lang)
        : ref.status === 'listed'
          ? statementLine(facts, used, 'shape', lang)
          : ref.status === 'not_listed'
            ? t(lang, 'why-not-named', { name: ref.name })
            : t(lang, 'country-domestic-line');
    return refs.length > 1 ? `${ref.flag} ${ref.name}${COLON[lang]}${reason}` : reason;
  });
  if (refs.length === 0) lines.push(statementLine(facts, used, 'dropped-context', lang));
  lines.push(statementLine(facts, used, 'official-list', lang));
  const title = refs.length > 0 ? t(lang, 'why-title', { about: namesOf(refs) }) : t(lang, 'why-title-list');
  const details = ['dropped-context', 'official-list', 'ministry-reaction'].map((id) => facts.statement(id).text[lang]);
  return used.composed(title, lines.join('\n'), [joinSections(details)], facts.listDates());
}

/** Since when: the month of the cut, the report's date, and how current that is. */
function since(facts: Facts, refs: readonly CountryRef[], lang: Lang): Composed {
  const used = new Used();
  const args = {
    about: namesOf(refs),
    month: facts.cutMonth(lang),
    date: facts.reportDate(lang),
    reviewed: formatDate(facts.listReviewedOn(), lang),
  };
  const title = t(lang, refs.length > 0 ? 'since-title' : 'since-title-list', args);
  const lines = ['count-38', 'still-current-2026'].map((id) => statementLine(facts, used, id, lang));
  used.add(facts.statement('report-2021'));
  const details = ['report-2021', 'count-38', 'still-current-2026'].map((id) => facts.statement(id).text[lang]);
  return used.composed(title, lines.join('\n'), [joinSections(details)], facts.listDates());
}

/** What being on the list (or off it) means in practice. */
function meaning(facts: Facts, lang: Lang): Composed {
  const used = new Used();
  const main = facts.statement('meaning');
  used.add(main);
  const lines = ['not-a-ban', 'end-user-2021'].map((id) => statementLine(facts, used, id, lang));
  return used.composed(
    firstSentence(main.text[lang], 240),
    lines.join('\n'),
    [joinSections(MEANING_STATEMENTS.map((id) => facts.statement(id).text[lang]))],
    { reportedOn: dateOf(main), reviewedOn: facts.listReviewedOn() },
  );
}

/** Everything reported about the countries and Pegasus: the newest three, the rest page by page. */
function about(facts: Facts, refs: readonly CountryRef[], lang: Lang): Composed {
  const used = new Used();
  const notes = refs.flatMap((ref) => facts.notesOf(ref.code).map((note) => ({ ref, note })));
  notes.sort((a, b) => a.note.date.localeCompare(b.note.date));
  const newest = notes.at(-1)?.note;
  if (!newest) {
    // Nothing reported: the status is what there is to say.
    used.add(facts.statement('report-2021'));
    for (const ref of refs) used.add(facts.statusSummary(ref.status));
    const title = refs.map((r) => `${r.flag} ${t(lang, 'about-none', { name: r.name })}`).join(' ');
    return used.composed(title, refs.map((r) => facts.statusLine(r, lang)).join('\n'), [], facts.listDates());
  }
  const shown = notes.slice(-3).reverse();
  for (const { note } of shown) used.add(note);
  const title = t(lang, 'about-title', {
    about: namesOf(refs),
    count: notes.length,
    date: formatDate(newest.date, lang, newest.precision),
  });
  const lines = shown.map(({ note }) => facts.shortBullet(note, lang, 150));
  return used.composed(title, lines.join('\n'), facts.notePages(refs, lang), {
    reportedOn: dateOf(newest),
    reviewedOn: facts.timelineReviewedOn(),
  });
}

/** The first sentence of a statement, counted among the facts used. */
function statementLine(facts: Facts, used: Used, id: string, lang: Lang): string {
  const statement = facts.statement(id);
  used.add(statement);
  return firstSentence(statement.text[lang]);
}

/** "🇲🇦 Morocco · 🇲🇽 Mexico": the countries an answer is about. */
function namesOf(refs: readonly CountryRef[]): string {
  return refs.map((r) => `${r.flag} ${r.name}`).join(' · ');
}

/**
 * `country_status`: may Israeli firms sell to these countries, and the follow-ups about them: why,
 * since when, what it means, what was reported about them, more.
 */
import { COLON, PHRASES } from '../i18n.js';
import type { Aspect } from '../query.js';
import type { CountryRef, Lang } from '../types.js';
import { type Composed, type Facts, joinSections, Used } from './facts.js';

/** Most recent notes shown for one country in the short answer. */
const NOTES_PER_COUNTRY = 4;
/** Statements behind "More", after the notes. */
const MORE_STATEMENTS = ['ministry-reaction', 'official-list', 'still-current-2026'];

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
      return status(facts, refs, lang);
  }
}

/** The status of each country, the reported notes, what the list means; "More" gives every note. */
function status(facts: Facts, refs: readonly CountryRef[], lang: Lang): Composed {
  const p = PHRASES[lang];
  const used = new Used();
  const report = facts.statement('report-2021');
  const meaningOf = facts.statement('meaning');
  used.add(report);
  const more: string[] = [];
  const sections = refs.map((ref) => {
    // With one country the title already says it; with several, each section starts with its own.
    const lines = refs.length > 1 ? [facts.headline(ref, lang)] : [];
    lines.push(facts.statusText(ref, lang));
    for (const conflict of facts.conflictsAbout(ref.code)) {
      lines.push(`⚠️ ${p.conflictHeading}${COLON[lang]}${conflict.text[lang]}`);
      used.add(conflict);
    }
    const notes = facts.notesOf(ref.code);
    const shown = notes.slice(-NOTES_PER_COUNTRY);
    if (shown.length > 0 && refs.length <= 3) {
      lines.push(`${p.notesHeading(ref.name)}${COLON[lang].trimEnd()}`);
      for (const note of shown) {
        lines.push(facts.bullet(note, lang));
        used.add(note);
      }
    }
    if (notes.length > 0) {
      more.push(
        [
          `${ref.flag} ${p.notesHeading(ref.name)}${COLON[lang].trimEnd()}`,
          ...notes.map((n) => facts.bullet(n, lang)),
        ].join('\n'),
      );
    }
    return lines.join('\n');
  });
  if (!refs.every((r) => r.status === 'domestic')) {
    sections.push(`${p.meaningHeading}${COLON[lang]}${meaningOf.text[lang]}`);
    used.add(meaningOf);
  }
  sections.push(`${p.reportDate(facts.reportDate(lang), facts.kb.exportList.reportedBy)} ${p.countryFootnote}`);
  for (const id of MORE_STATEMENTS) more.push(facts.statement(id).text[lang]);
  return used.composed(refs.map((r) => facts.headline(r, lang)).join(' · '), joinSections(sections), [
    joinSections([sections[0] ?? '', ...more]),
  ]);
}

/** Why a country has its status: what reporting says, and that Israel gave no reasons. */
function why(facts: Facts, refs: readonly CountryRef[], lang: Lang): Composed {
  const p = PHRASES[lang];
  const used = new Used();
  const sections = refs.map((ref) => {
    const lines = [facts.headline(ref, lang)];
    const cite = (id: string) => {
      const s = facts.statement(id);
      used.add(s);
      lines.push(s.text[lang]);
    };
    if (ref.status === 'domestic') lines.push(facts.statusText(ref, lang));
    else if (ref.status === 'removed') cite('dropped-context');
    else if (ref.status === 'listed') cite('shape');
    else lines.push(p.notNamed(ref.name));
    for (const conflict of facts.conflictsAbout(ref.code)) {
      used.add(conflict);
      lines.push(`⚠️ ${p.conflictHeading}${COLON[lang]}${conflict.text[lang]}`);
    }
    return lines.join('\n');
  });
  if (refs.length === 0) {
    const context = facts.statement('dropped-context');
    used.add(context);
    sections.push(context.text[lang]);
  }
  if (!refs.every((r) => r.status === 'domestic') || refs.length === 0) {
    for (const id of ['official-list', 'ministry-reaction']) {
      const s = facts.statement(id);
      used.add(s);
      sections.push(s.text[lang]);
    }
  }
  return used.composed(p.whyTitle(namesOf(refs)), joinSections(sections));
}

/** Since when: the report's date and what came after it. */
function since(facts: Facts, refs: readonly CountryRef[], lang: Lang): Composed {
  const p = PHRASES[lang];
  const used = new Used();
  const heads = refs.map((ref) => facts.headline(ref, lang));
  const sections = [heads.join('\n'), p.sinceIntro(facts.reportDate(lang))];
  for (const id of ['report-2021', 'count-38', 'still-current-2026']) {
    const s = facts.statement(id);
    used.add(s);
    sections.push(`• ${s.text[lang]}`);
  }
  return used.composed(p.sinceTitle(namesOf(refs)), joinSections(sections));
}

/** What being on the list (or off it) means in practice. */
function meaning(facts: Facts, lang: Lang): Composed {
  const p = PHRASES[lang];
  const used = new Used();
  const sections = ['meaning', 'not-a-ban', 'end-user-2021'].map((id) => {
    const s = facts.statement(id);
    used.add(s);
    return s.text[lang];
  });
  return used.composed(p.meaningHeading, joinSections(sections));
}

/** Everything reported about the countries and Pegasus. */
function about(facts: Facts, refs: readonly CountryRef[], lang: Lang): Composed {
  const p = PHRASES[lang];
  const used = new Used();
  const sections = refs.map((ref) => {
    const notes = facts.notesOf(ref.code);
    if (notes.length === 0) return `${facts.headline(ref, lang)}\n${p.noNotes(ref.name)}`;
    for (const note of notes) used.add(note);
    return [
      `${ref.flag} ${p.notesHeading(ref.name)}${COLON[lang].trimEnd()}`,
      ...notes.map((n) => facts.bullet(n, lang)),
    ].join('\n');
  });
  return used.composed(refs.map((r) => facts.headline(r, lang)).join(' · '), joinSections(sections));
}

/** "🇲🇦 Morocco · 🇲🇽 Mexico": the countries a title is about. */
function namesOf(refs: readonly CountryRef[]): string {
  return refs.map((r) => `${r.flag} ${r.name}`).join(' · ');
}

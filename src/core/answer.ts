/**
 * Answer composition: from what a question asks to the `Answer` value, in the reply's language.
 * Every fact comes from the knowledge; this file only arranges it.
 */
import type { CountryNote, Knowledge, Statement, TimelineEvent } from '../knowledge/schema.js';
import { flagOf } from './countries.js';
import { COLON, formatDate, joinNames, PHRASES, REGION_LABEL, STATUS_LABEL, TOPIC_TITLE } from './i18n.js';
import type { Answer, CountryRef, Lang, MapSpec, Source, Status, Topic } from './types.js';

/** Answers stay under this many characters of text, so that every platform can show them whole. */
export const MAX_TEXT_LENGTH = 3600;
/** At most this many sources are listed under an answer. */
export const MAX_SOURCES = 8;
/** Most recent notes shown for one country. */
const NOTES_PER_COUNTRY = 4;
/** Events in the "latest" topic. */
const LATEST_EVENTS = 6;

const COLLATORS = { en: new Intl.Collator('en'), fr: new Intl.Collator('fr') };

type Dated = Pick<TimelineEvent, 'date' | 'precision' | 'text' | 'sources'>;

export interface Named {
  code: string;
  matched: string;
}

export class Composer {
  private readonly listed: ReadonlySet<string>;
  private readonly removed: ReadonlySet<string>;
  private readonly statements: ReadonlyMap<string, Statement>;
  private readonly notesByCountry = new Map<string, CountryNote[]>();
  private readonly eventsByTopic = new Map<Topic, TimelineEvent[]>();
  private readonly keyEvents: TimelineEvent[];
  private readonly latestEvents: TimelineEvent[];

  constructor(private readonly kb: Knowledge) {
    const list = kb.exportList;
    this.listed = new Set(list.listed);
    this.removed = new Set(list.removed);
    this.statements = new Map([...list.statements, ...list.conflicts].map((s) => [s.id, s]));
    const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
    for (const note of [...kb.notes].sort(byDate)) {
      const notes = this.notesByCountry.get(note.country) ?? [];
      notes.push(note);
      this.notesByCountry.set(note.country, notes);
    }
    const events = [...kb.events].sort(byDate);
    for (const event of events) {
      for (const topic of event.topics) {
        const list = this.eventsByTopic.get(topic) ?? [];
        list.push(event);
        this.eventsByTopic.set(topic, list);
      }
    }
    this.keyEvents = events.filter((e) => e.key);
    this.latestEvents = events.slice(-LATEST_EVENTS).reverse();
  }

  statusOf(code: string): Status {
    if (code === this.kb.exportList.domestic) return 'domestic';
    if (this.listed.has(code)) return 'listed';
    if (this.removed.has(code)) return 'removed';
    return 'not_listed';
  }

  nameOf(code: string, lang: Lang): string {
    return this.kb.names[code]?.display[lang] ?? code;
  }

  countryRef(named: Named, lang: Lang): CountryRef {
    return {
      code: named.code,
      name: this.nameOf(named.code, lang),
      flag: flagOf(named.code),
      status: this.statusOf(named.code),
      matched: named.matched,
    };
  }

  /** "🇲🇦 Morocco: dropped from the list". */
  private headline(ref: CountryRef, lang: Lang): string {
    return `${ref.flag} ${ref.name}${COLON[lang]}${STATUS_LABEL[ref.status][lang]}`;
  }

  private statement(id: string): Statement {
    const found = this.statements.get(id);
    if (!found) throw new Error(`data/export-list.json: no statement or conflict with id "${id}"`);
    return found;
  }

  private reportDate(lang: Lang): string {
    return formatDate(this.kb.exportList.reportedOn, 'day', lang);
  }

  private bullet(item: Dated, lang: Lang): string {
    return `• ${formatDate(item.date, item.precision, lang)}${COLON[lang]}${item.text[lang]}`;
  }

  countryStatus(question: string, named: readonly Named[], lang: Lang): Answer {
    const p = PHRASES[lang];
    const refs = named.map((n) => this.countryRef(n, lang));
    const used = new Used();
    const report = this.statement('report-2021');
    const meaning = this.statement('meaning');
    used.add(report);
    const sections = refs.map((ref) => {
      // With one country the title already says it; with several, each section starts with its own.
      const lines = refs.length > 1 ? [this.headline(ref, lang)] : [];
      lines.push(this.kb.exportList.statusText[ref.status][lang].replaceAll('{name}', ref.name));
      for (const conflict of this.kb.exportList.conflicts.filter((c) => c.countries.includes(ref.code))) {
        lines.push(`⚠️ ${p.conflictHeading}${COLON[lang]}${conflict.text[lang]}`);
        used.add(conflict);
      }
      const notes = (this.notesByCountry.get(ref.code) ?? []).slice(-NOTES_PER_COUNTRY);
      if (notes.length > 0 && refs.length <= 3) {
        lines.push(`${p.notesHeading(ref.name)}${COLON[lang].trimEnd()}`);
        for (const note of notes) {
          lines.push(this.bullet(note, lang));
          used.add(note);
        }
      }
      return lines.join('\n');
    });
    if (!refs.every((r) => r.status === 'domestic')) {
      sections.push(`${p.meaningHeading}${COLON[lang]}${meaning.text[lang]}`);
      used.add(meaning);
    }
    sections.push(`${p.reportDate(this.reportDate(lang), this.kb.exportList.reportedBy)} ${p.countryFootnote}`);
    return {
      question,
      lang,
      intent: 'country_status',
      countries: refs,
      topic: null,
      title: refs.map((r) => this.headline(r, lang)).join(' · '),
      text: joinSections(sections),
      sources: used.sources(),
      asOf: used.asOf(),
    };
  }

  listAllowed(question: string, lang: Lang): Answer {
    const p = PHRASES[lang];
    const list = this.kb.exportList;
    const used = new Used();
    const names = this.sortedNames(list.listed, lang);
    const sections = [`${p.listIntro(list.listed.length, list.previousCount, this.reportDate(lang))}\n${names}.`];
    for (const id of ['shape', 'count-38', 'india', 'meaning']) {
      const s = this.statement(id);
      sections.push(s.text[lang]);
      used.add(s);
    }
    used.add(this.statement('report-2021'));
    return {
      question,
      lang,
      intent: 'list_allowed',
      countries: [],
      topic: null,
      title: p.listTitle(list.listed.length, this.reportDate(lang)),
      text: joinSections(sections),
      sources: used.sources(),
      asOf: used.asOf(),
    };
  }

  listRemoved(question: string, lang: Lang): Answer {
    const p = PHRASES[lang];
    const list = this.kb.exportList;
    const used = new Used();
    const fewer = list.previousCount - list.listed.length;
    const named = joinNames(
      list.removed.map((c) => `${flagOf(c)} ${this.nameOf(c, lang)}`),
      lang,
    );
    const sections = [
      `${p.removedIntro(list.previousCount, list.listed.length, named)} ${p.removedRest(fewer - list.removed.length)}`,
    ];
    for (const id of ['not-a-ban', 'meaning']) {
      const s = this.statement(id);
      sections.push(s.text[lang]);
      used.add(s);
    }
    used.add(this.statement('report-2021'));
    sections.push(p.reportDate(this.reportDate(lang), this.kb.exportList.reportedBy));
    return {
      question,
      lang,
      intent: 'list_removed',
      countries: [],
      topic: null,
      title: p.removedTitle(fewer),
      text: joinSections(sections),
      sources: used.sources(),
      asOf: used.asOf(),
    };
  }

  nso(question: string, topic: Topic, named: readonly Named[], lang: Lang): Answer {
    const p = PHRASES[lang];
    const refs = named.map((n) => this.countryRef(n, lang));
    const used = new Used();
    const noteLines: string[] = [];
    for (const ref of refs) {
      const notes = (this.notesByCountry.get(ref.code) ?? []).slice(-NOTES_PER_COUNTRY);
      if (notes.length === 0) continue;
      noteLines.push(`${ref.flag} ${p.notesHeading(ref.name)}${COLON[lang].trimEnd()}`);
      for (const note of notes) {
        noteLines.push(this.bullet(note, lang));
        used.add(note);
      }
    }
    const events = this.eventsFor(topic);
    const budget = MAX_TEXT_LENGTH - noteLines.join('\n').length - 100;
    const shown: TimelineEvent[] = [];
    let length = 0;
    // Newest first until the budget is spent, then back in date order.
    for (const event of topic === 'latest' ? events : [...events].reverse()) {
      const line = this.bullet(event, lang);
      if (length + line.length + 1 > budget) break;
      length += line.length + 1;
      shown.push(event);
    }
    if (topic !== 'latest') shown.reverse();
    const lines = shown.map((e) => this.bullet(e, lang));
    const hidden = events.length - shown.length;
    if (hidden > 0) lines.unshift(p.moreEvents(hidden));
    for (const event of [...shown].reverse()) used.add(event);
    return {
      question,
      lang,
      intent: 'nso',
      countries: refs,
      topic,
      title: TOPIC_TITLE[topic][lang],
      text: joinSections([lines.join('\n'), noteLines.join('\n')]),
      sources: used.sources(),
      asOf: used.asOf(),
    };
  }

  private eventsFor(topic: Topic): TimelineEvent[] {
    if (topic === 'overview') return this.keyEvents;
    if (topic === 'latest') return this.latestEvents;
    return this.eventsByTopic.get(topic) ?? [];
  }

  sources(question: string, lang: Lang): Answer {
    const p = PHRASES[lang];
    const used = new Used();
    for (const id of ['report-2021', 'meaning', 'end-user-2021']) used.add(this.statement(id));
    for (const event of [...this.keyEvents].reverse()) used.add(event);
    const list = used.sources();
    const lines = list.map((s) => `• ${s.publisher}, ${s.date}${COLON[lang]}${s.title}`);
    return {
      question,
      lang,
      intent: 'sources',
      countries: [],
      topic: null,
      title: p.sourcesTitle,
      text: joinSections([p.sourcesIntro, lines.join('\n')]),
      sources: list,
      asOf: used.asOf(),
    };
  }

  /** A map: the caption and what to draw (a region, or a locator map of the named country). */
  map(question: string, spec: MapSpec, named: readonly Named[], lang: Lang): Answer {
    const p = PHRASES[lang];
    const list = this.kb.exportList;
    const used = new Used();
    used.add(this.statement('report-2021'));
    used.add(this.statement('meaning'));
    const refs = named.slice(0, 1).map((n) => this.countryRef(n, lang));
    const ref = refs[0];
    const dropped = joinNames(
      list.removed.map((c) => this.nameOf(c, lang)),
      lang,
    );
    const caption = p.mapCaption(list.listed.length, list.previousCount, this.reportDate(lang), dropped);
    const text = ref
      ? joinSections([
          list.statusText[ref.status][lang].replaceAll('{name}', ref.name),
          p.reportDate(this.reportDate(lang), this.kb.exportList.reportedBy),
        ])
      : caption;
    return {
      question,
      lang,
      intent: 'map',
      countries: refs,
      topic: null,
      title: ref ? p.mapFocusTitle(this.headline(ref, lang)) : p.mapTitle(REGION_LABEL[spec.region][lang]),
      text,
      sources: used.sources(),
      asOf: used.asOf(),
      map: { region: spec.region, focus: ref?.code ?? null },
    };
  }

  help(question: string, lang: Lang): Answer {
    const p = PHRASES[lang];
    return { ...empty(question, lang, 'help'), title: p.helpTitle, text: p.help };
  }

  unknown(question: string, lang: Lang, word?: string, suggestions: readonly string[] = []): Answer {
    const p = PHRASES[lang];
    if (word === undefined) return { ...empty(question, lang, 'unknown'), title: p.unknownTitle, text: p.unknown };
    const names = suggestions.map((c) => `${flagOf(c)} ${this.nameOf(c, lang)}`);
    const or = lang === 'fr' ? ' ou ' : ' or ';
    return {
      ...empty(question, lang, 'unknown'),
      title: p.unknownCountryTitle,
      text: p.unknownCountry(word, names.join(or)),
    };
  }

  private sortedNames(codes: readonly string[], lang: Lang): string {
    const names = codes.map((c) => this.nameOf(c, lang));
    return names.sort(COLLATORS[lang].compare).join(', ');
  }
}

function empty(question: string, lang: Lang, intent: 'help' | 'unknown'): Omit<Answer, 'title' | 'text'> {
  return { question, lang, intent, countries: [], topic: null, sources: [], asOf: null };
}

/** Joins non-empty sections with a blank line, cut at a line end if it ever runs too long. */
function joinSections(sections: readonly string[]): string {
  const text = sections.filter((s) => s.length > 0).join('\n\n');
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const cut = text.lastIndexOf('\n', MAX_TEXT_LENGTH - 1);
  return `${text.slice(0, cut > 0 ? cut : MAX_TEXT_LENGTH - 1)}\n…`;
}

/** The facts an answer used: their sources (each URL once) and the newest date. */
class Used {
  private readonly byUrl = new Map<string, Source>();
  private newest = '';
  add(item: { date: string; sources: readonly Source[] }): void {
    if (item.date > this.newest) this.newest = item.date;
    const first = item.sources[0];
    if (first && !this.byUrl.has(first.url)) this.byUrl.set(first.url, first);
  }
  sources(): Source[] {
    return [...this.byUrl.values()].slice(0, MAX_SOURCES);
  }
  asOf(): string {
    return this.newest;
  }
}

/**
 * The knowledge arranged for answering: indexes over the data, and the small pieces every answer is
 * built from (headlines, dated bullets, the sources an answer used). Every fact comes from `data/`.
 */
import type {
  CountryNote,
  DatePrecision,
  Knowledge,
  Statement,
  StatusSummary,
  TimelineEvent,
  TopicSummary,
} from '../../knowledge/schema.js';
import { COLON, formatDate, t } from '../phrases.js';
import type { Answer, CountryRef, Lang, Source, Status, Topic } from '../types.js';
import { flagOf } from '../understand/countries.js';

/** Answers stay under this many characters of text, so that every platform can show them whole. */
export const MAX_TEXT_LENGTH = 3600;
/** At most this many sources are listed under an answer. */
export const MAX_SOURCES = 8;
/** Events in the "latest" topic. */
const LATEST_EVENTS = 6;

export type Dated = Pick<TimelineEvent, 'date' | 'precision' | 'text' | 'sources'>;

/** What an intent's composer returns; the common fields of the Answer are filled in around it. */
export type Composed = Pick<
  Answer,
  'title' | 'text' | 'details' | 'pages' | 'sources' | 'asOf' | 'reportedOn' | 'reviewedOn'
>;

/** When the key fact was reported and how current the data is (see `Answer`). */
export interface AnswerDates {
  reportedOn?: string | null;
  reviewedOn?: string | null;
}

/** Reported facts per page of "More". */
const NOTES_PER_PAGE = 5;

/** A dated item's date as precise as it is known: `2021-11-25`, `2021-11` or `2021`. */
export function dateOf(item: { date: string; precision: DatePrecision }): string {
  return item.precision === 'day'
    ? item.date
    : item.precision === 'month'
      ? item.date.slice(0, 7)
      : item.date.slice(0, 4);
}

export class Facts {
  readonly listed: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
  private readonly statements: ReadonlyMap<string, Statement>;
  private readonly notesByCountry = new Map<string, CountryNote[]>();
  private readonly eventsByTopic = new Map<Topic, TimelineEvent[]>();
  private readonly topicSummaries: ReadonlyMap<Topic, TopicSummary>;
  readonly keyEvents: readonly TimelineEvent[];
  readonly latestEvents: readonly TimelineEvent[];

  constructor(readonly kb: Knowledge) {
    const list = kb.exportList;
    this.listed = new Set(list.listed);
    this.removed = new Set(list.removed);
    this.statements = new Map([...list.statements, ...list.conflicts].map((s) => [s.id, s]));
    this.topicSummaries = new Map(kb.summaries.topics.map((s) => [s.topic, s]));
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

  countryRef(code: string, matched: string, lang: Lang): CountryRef {
    return { code, name: this.nameOf(code, lang), flag: flagOf(code), status: this.statusOf(code), matched };
  }

  /** The line that answers for one country ("🇲🇦 Morocco — not on Israel's list since Nov 2021: …"). */
  statusLine(ref: CountryRef, lang: Lang): string {
    return this.statusSummary(ref.status)
      .text[lang].replaceAll('{flag}', ref.flag)
      .replaceAll('{name}', ref.name)
      .replaceAll('{since}', this.cutMonth(lang));
  }

  statusSummary(status: Status): StatusSummary {
    return this.kb.summaries.status[status];
  }

  /** Where an NSO topic stands now, when the data has a line for it. */
  topicSummary(topic: Topic): TopicSummary | undefined {
    return this.topicSummaries.get(topic);
  }

  statement(id: string): Statement {
    const found = this.statements.get(id);
    if (!found) throw new Error(`data/export-list.json: no statement or conflict with id "${id}"`);
    return found;
  }

  /** Conflicts (where sources disagree) about one country. */
  conflictsAbout(code: string): Statement[] {
    return this.kb.exportList.conflicts.filter((c) => c.countries.includes(code));
  }

  notesOf(code: string): readonly CountryNote[] {
    return this.notesByCountry.get(code) ?? [];
  }

  eventsFor(topic: Topic): readonly TimelineEvent[] {
    if (topic === 'overview') return this.keyEvents;
    if (topic === 'latest') return this.latestEvents;
    return this.eventsByTopic.get(topic) ?? [];
  }

  reportDate(lang: Lang): string {
    return formatDate(this.kb.exportList.reportedOn, lang);
  }

  /** The month the list was cut, as the report dates it ("Nov 2021"). */
  cutMonth(lang: Lang): string {
    return formatDate(this.kb.exportList.reportedOn.slice(0, 7), lang);
  }

  /** How current the list is: the data's review date (the newest source saying it has not changed). */
  listReviewedOn(): string {
    return this.kb.exportList.reviewedOn;
  }

  /** The dates of an answer about the list: when it was reported, and when the data was checked. */
  listDates(): { reportedOn: string; reviewedOn: string } {
    return { reportedOn: dateOf(this.statement('report-2021')), reviewedOn: this.listReviewedOn() };
  }

  /** How far the NSO timeline's sources were checked. */
  timelineReviewedOn(): string {
    return this.kb.timelineReviewedOn;
  }

  /** Every reported fact about the countries ("More" of a country or NSO answer), five a page. */
  notePages(refs: readonly CountryRef[], lang: Lang): string[] {
    return refs.flatMap((ref) =>
      pagesOf(this.notesOf(ref.code), NOTES_PER_PAGE, (notes) =>
        [`${ref.flag} ${t(lang, 'page-notes', { name: ref.name })}`, ...notes.map((n) => this.bullet(n, lang))].join(
          '\n',
        ),
      ),
    );
  }

  /** "• 25 Nov 2021: …", the whole text. */
  bullet(item: Dated, lang: Lang): string {
    return `• ${formatDate(item.date, lang, item.precision)}${COLON[lang]}${item.text[lang]}`;
  }

  /** "• Nov 2021: …", the first sentence only (the short answer). */
  shortBullet(item: Dated, lang: Lang, max = SHORT_LINE): string {
    return `• ${formatDate(item.date, lang, item.precision)}${COLON[lang]}${firstSentence(item.text[lang], max)}`;
  }
}

/** A short line of an answer stays under this many characters. */
export const SHORT_LINE = 190;

/**
 * The first sentence of a text, or the text cut at a word before `max` characters with "…": the
 * sentences in `data/` each say one thing, so the first one stands on its own.
 */
export function firstSentence(text: string, max = SHORT_LINE): string {
  let sentence = text;
  for (const end of text.matchAll(SENTENCE_END)) {
    const before = text.slice(0, end.index + 1);
    if (ABBREVIATION.test(before)) continue;
    sentence = before;
    break;
  }
  if (sentence.length <= max) return sentence;
  const cut = sentence.lastIndexOf(' ', max - 1);
  return `${sentence.slice(0, cut > max / 2 ? cut : max - 1).replace(/[\s,;:(…]+$/u, '')}…`;
}

/** A full stop, question or exclamation mark followed by the start of a new sentence. */
const SENTENCE_END = /[.!?](?=\s+[\p{Lu}«“"(])/gu;
/** Text ending in an abbreviation, not a sentence ("U.S.", "v.", "St.", "Inc.", "J."). */
const ABBREVIATION =
  /(?:^|[\s(])(?:\p{Lu}|U\.S|U\.K|v|vs|Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|Jr|No|nos|cf|M|Rep|Reps|Sen|Gov|Gen|Col|Lt|Prof|Mme|Mgr|approx|e\.g|i\.e)\.$/u;

/** Items cut into pages of `size` for "More", each page rendered by `render`. */
export function pagesOf<T>(
  items: readonly T[],
  size: number,
  render: (page: readonly T[], index: number) => string,
): string[] {
  const pages: string[] = [];
  for (let i = 0; i < items.length; i += size) pages.push(render(items.slice(i, i + size), i));
  return pages;
}

/** Joins non-empty sections with a blank line, cut at a line end if it ever runs too long. */
export function joinSections(sections: readonly (string | null | undefined)[]): string {
  const text = sections.filter((s): s is string => !!s && s.length > 0).join('\n\n');
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const cut = text.lastIndexOf('\n', MAX_TEXT_LENGTH - 1);
  return `${text.slice(0, cut > 0 ? cut : MAX_TEXT_LENGTH - 1)}\n…`;
}

/** The facts an answer used: their sources (each URL once) and the newest date. */
export class Used {
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
  asOf(): string | null {
    return this.newest || null;
  }
  /** An answer's parts, with the sources and date of what it used; `pages` are what "More" shows. */
  composed(title: string, text: string, pages: readonly string[] = [], dates: AnswerDates = {}): Composed {
    const shown = pages.filter((p) => p.length > 0);
    return {
      title,
      text,
      details: shown.length > 0 ? shown.join('\n\n') : null,
      pages: shown,
      sources: this.sources(),
      asOf: this.asOf(),
      reportedOn: dates.reportedOn ?? null,
      reviewedOn: dates.reviewedOn ?? null,
    };
  }
}

/**
 * `nso`: the NSO Group story by topic. The title is where the topic stands now (from
 * `data/summaries.json`); the text the newest facts, one short line each; "More" every dated event,
 * five a page, and what was reported about the countries the question named.
 */
import type { TimelineEvent } from '../../knowledge/schema.js';
import { COLON, formatDate, TOPIC_TITLE, t } from '../phrases.js';
import type { CountryRef, Lang, Topic } from '../types.js';
import { type Composed, dateOf, type Facts, firstSentence, pagesOf, Used } from './facts.js';

/** Lines of the short answer. */
const SHORT_LINES = 3;
/** A line of the short answer stays under this many characters. */
const LINE = 150;
/** Dated events per page behind "More". */
const EVENTS_PER_PAGE = 5;

export function nsoAnswer(facts: Facts, topic: Topic, refs: readonly CountryRef[], lang: Lang): Composed {
  const used = new Used();
  const events = facts.eventsFor(topic);
  // Newest first for the short answer; "latest" already is.
  const newestFirst = topic === 'latest' ? events : [...events].reverse();
  const summary = facts.topicSummary(topic);
  const lead = newestFirst[0];
  let title: string;
  let reportedOn: string | null = null;
  if (summary) {
    title = summary.text[lang];
    reportedOn = dateOf(summary);
    used.add(summary);
  } else if (lead) {
    title = `${formatDate(lead.date, lang, lead.precision)}${COLON[lang]}${firstSentence(lead.text[lang], 200)}`;
    reportedOn = dateOf(lead);
  } else {
    title = TOPIC_TITLE[topic][lang];
  }

  const lines: string[] = [];
  for (const ref of refs) {
    const note = facts.notesOf(ref.code).at(-1);
    if (!note || lines.length >= SHORT_LINES - 1) continue;
    lines.push(`${ref.flag} ${facts.shortBullet(note, lang, LINE).slice(2)}`);
    used.add(note);
  }
  for (const event of newestFirst) {
    if (lines.length >= SHORT_LINES) break;
    // The event the title already states is not repeated.
    if (!summary && event === lead) continue;
    lines.push(facts.shortBullet(event, lang, LINE));
    used.add(event);
  }
  if (lead && !summary) used.add(lead);

  const chronological = topic === 'latest' ? [...events].reverse() : events;
  const pages = [...facts.notePages(refs, lang), ...eventPages(facts, topic, chronological, lang)];
  return used.composed(title, lines.join('\n'), pages, { reportedOn, reviewedOn: facts.timelineReviewedOn() });
}

/** Every event of the topic in date order, five a page, each page headed "Events 6–10 of 12". */
function eventPages(facts: Facts, topic: Topic, events: readonly TimelineEvent[], lang: Lang): string[] {
  return pagesOf(events, EVENTS_PER_PAGE, (page, start) => {
    const heading = `${TOPIC_TITLE[topic][lang]} · ${t(lang, 'topic-page', {
      from: start + 1,
      to: start + page.length,
      count: events.length,
    })}`;
    return [heading, ...page.map((e) => facts.bullet(e, lang))].join('\n');
  });
}

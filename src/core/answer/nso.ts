/**
 * `nso`: the NSO Group story by topic, as dated events from the timeline, with what was reported
 * about the countries the question named.
 */
import type { TimelineEvent } from '../../knowledge/schema.js';
import { COLON, PHRASES, TOPIC_TITLE } from '../i18n.js';
import type { CountryRef, Lang, Topic } from '../types.js';
import { type Composed, type Facts, joinSections, MAX_TEXT_LENGTH, Used } from './facts.js';

/** Most recent notes shown for one country. */
const NOTES_PER_COUNTRY = 4;

export function nsoAnswer(facts: Facts, topic: Topic, refs: readonly CountryRef[], lang: Lang): Composed {
  const p = PHRASES[lang];
  const used = new Used();
  const noteLines: string[] = [];
  for (const ref of refs) {
    const notes = facts.notesOf(ref.code).slice(-NOTES_PER_COUNTRY);
    if (notes.length === 0) continue;
    noteLines.push(`${ref.flag} ${p.notesHeading(ref.name)}${COLON[lang].trimEnd()}`);
    for (const note of notes) {
      noteLines.push(facts.bullet(note, lang));
      used.add(note);
    }
  }
  const events = facts.eventsFor(topic);
  const budget = MAX_TEXT_LENGTH - noteLines.join('\n').length - 100;
  const shown = newestWithin(facts, events, topic, lang, budget);
  const lines = shown.map((e) => facts.bullet(e, lang));
  const hidden = events.length - shown.length;
  if (hidden > 0) lines.unshift(p.moreEvents(hidden));
  for (const event of [...shown].reverse()) used.add(event);
  // "More": the events that did not fit, oldest first.
  const earlier = events.filter((e) => !shown.includes(e));
  const details = earlier.length > 0 ? joinSections([earlier.map((e) => facts.bullet(e, lang)).join('\n')]) : null;
  return used.composed(
    TOPIC_TITLE[topic][lang],
    joinSections([lines.join('\n'), noteLines.join('\n')]),
    details ? [details] : [],
  );
}

/** Newest first until the budget is spent, then back in date order ("latest" stays newest first). */
function newestWithin(
  facts: Facts,
  events: readonly TimelineEvent[],
  topic: Topic,
  lang: Lang,
  budget: number,
): TimelineEvent[] {
  const shown: TimelineEvent[] = [];
  let length = 0;
  for (const event of topic === 'latest' ? events : [...events].reverse()) {
    const line = facts.bullet(event, lang);
    if (length + line.length + 1 > budget) break;
    length += line.length + 1;
    shown.push(event);
  }
  return topic === 'latest' ? shown : shown.reverse();
}

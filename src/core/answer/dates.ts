/**
 * The dates line under an answer, the same on every platform: when its key fact was reported and how
 * current the knowledge is ("Reported 25 Nov 2021 · no change known as of May 2026").
 */
import { formatDate, precisionOf, t } from '../../i18n/index.js';
import type { Answer } from '../types.js';

/** Intents whose `reviewedOn` says the list has not changed since; the others say how far the sources were checked. */
const LIST_INTENTS: ReadonlySet<Answer['intent']> = new Set(['country_status', 'list_allowed', 'list_removed', 'map']);

export function datesLine(answer: Pick<Answer, 'intent' | 'lang' | 'reportedOn' | 'reviewedOn'>): string | null {
  const { lang } = answer;
  const parts: string[] = [];
  if (answer.reportedOn) {
    const date = formatDate(answer.reportedOn, lang);
    parts.push(t(lang, 'dates-reported', { date, precision: precisionOf(answer.reportedOn) }));
  }
  if (answer.reviewedOn) {
    const date = formatDate(answer.reviewedOn, lang);
    const id = LIST_INTENTS.has(answer.intent) ? 'dates-unchanged' : 'dates-checked';
    parts.push(t(lang, id, { date, precision: precisionOf(answer.reviewedOn) }));
  }
  if (parts.length === 0) return null;
  const line = parts.join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

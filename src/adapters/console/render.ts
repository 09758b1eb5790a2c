/**
 * Plain-text rendering for the terminal and the `ask` command.
 */
import { type Answer, COLON } from '../../core/index.js';

const LABEL = {
  en: { sources: 'Sources', asOf: 'As of' },
  fr: { sources: 'Sources', asOf: 'À jour au' },
} as const;

export function renderPlain(answer: Answer): string {
  const label = LABEL[answer.lang];
  const parts = [answer.title, '', answer.text];
  if (answer.sources.length > 0) {
    const colon = COLON[answer.lang];
    parts.push('', `${label.sources}${colon.trimEnd()}`);
    for (const s of answer.sources)
      parts.push(
        `  - ${[s.publisher, s.date].filter(Boolean).join(', ')}${s.title ? `${colon}${s.title}` : ''} <${s.url}>`,
      );
  }
  if (answer.asOf) parts.push('', `${label.asOf} ${answer.asOf}`);
  return parts.join('\n');
}

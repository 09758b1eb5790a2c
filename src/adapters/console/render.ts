/**
 * Plain-text rendering for the terminal and the `ask` command: the title (the line that answers),
 * the short text, the dates line and one line of sources, as on the chat platforms. Asked for its
 * sources, an answer lists them all with their links (a terminal has no links to click under it).
 */
import { type Answer, datesLine, type Query } from '../../core/index.js';
import { t } from '../../i18n/index.js';
import { describeSource, helpCommands, isHelp, shownSources, sourcesLabel } from '../frame.js';

export function renderPlain(answer: Answer, query?: Query): string {
  const { lang } = answer;
  if (query?.aspect === 'sources') {
    const lines = answer.sources.map((s) => {
      const { label, title } = describeSource(s, lang);
      return `  - ${label}${title ? `: ${title}` : ''} <${s.url}>`;
    });
    return [answer.title, '', ...(lines.length > 0 ? lines : [answer.text])].join('\n');
  }
  const parts = [answer.title, '', answer.text];
  if (query && isHelp(answer, query.aspect)) {
    parts.push('', t(lang, 'help-commands'));
    for (const c of helpCommands(lang)) {
      const example = c.example ? ` (${t(lang, 'help-example', { example: `/${c.name} ${c.example}` })})` : '';
      parts.push(`  /${c.name} — ${c.description}${example}`);
    }
  }
  const closing: string[] = [];
  const dates = datesLine(answer);
  if (dates) closing.push(dates);
  const shown = shownSources(answer);
  if (shown.length > 0) closing.push(`${sourcesLabel(lang)} ${shown.map((s) => s.publisher).join(' · ')}`);
  if (closing.length > 0) parts.push('', ...closing);
  return parts.join('\n');
}

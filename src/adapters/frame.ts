/**
 * The frame every platform puts around an answer, decided once: which sources are linked under the
 * short answer (the "Sources" view lists the others), how a source is described (its title and date
 * only where the data has them), the page label, and the help's list of commands (from the command
 * table, so a new command shows up without editing the help).
 *
 * @example
 * shownSources(answer);           // the first three, linked under the answer
 * hiddenSources(answer);          // the rest, for the "Sources" view
 * pageLabel('en', 1, 4);          // "Page 2 of 4"
 */
import { COMMANDS } from '../../commands/table.js';
import type { Answer, Lang, Source } from '../core/index.js';
import { formatDate, hasPhrase, t } from '../i18n/index.js';

/** How many sources the short answer links to, on every platform. */
export const SHOWN_SOURCES = 3;

/** A source as the data may have it: the title and the date may be unknown (null), never made up. */
export type SourceView = Pick<Source, 'publisher' | 'url'> & { title: string | null; date: string | null };

export function shownSources(answer: Pick<Answer, 'sources'>): SourceView[] {
  return answer.sources.slice(0, SHOWN_SOURCES);
}

export function hiddenSources(answer: Pick<Answer, 'sources'>): SourceView[] {
  return answer.sources.slice(SHOWN_SOURCES);
}

/** "Publisher, 25 Nov 2021: Title" with what is known; the title and the date are left out when null. */
export function describeSource(source: SourceView, lang: Lang): { label: string; title: string | null } {
  const date = source.date ? formatDate(source.date, lang) : null;
  const label = date ? `${source.publisher}, ${date}` : source.publisher;
  return { label, title: source.title };
}

/** "Page 2 of 4": `index` counts from 0. */
export function pageLabel(lang: Lang, index: number, count: number): string {
  return t(lang, 'page-of', { page: index + 1, count });
}

export function sourcesLabel(lang: Lang): string {
  return t(lang, 'sources-label');
}

/** One command of the help: its name, what it does, and an example of its argument when it takes one. */
export interface HelpCommand {
  name: string;
  description: string;
  /** The first option's name, when the command has one. */
  option: string | undefined;
  /** An example of the argument (`Morocco`), when the phrase catalogue has one for this command. */
  example: string | undefined;
}

/** Every command of the command table, in its order, for the help. */
export function helpCommands(lang: Lang): HelpCommand[] {
  return COMMANDS.map((spec) => {
    const id = `help-example-${spec.name}`;
    const option = spec.options[0]?.name;
    return {
      name: spec.name,
      description: spec.description[lang],
      option,
      example: option && hasPhrase(lang, id) ? t(lang, id) : undefined,
    };
  });
}

/** Whether an answer is the help itself (not a thank-you or a reset, which share its intent). */
export function isHelp(answer: Pick<Answer, 'intent'>, aspect: string | null): boolean {
  return answer.intent === 'help' && aspect === null;
}

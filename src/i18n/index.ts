/**
 * Every phrase the bot shows, core and adapters, from Fluent files in `locales/<lang>/*.ftl`, read
 * once at start-up through `@fluent/bundle`. Facts are not here: they come from `data/`.
 *
 * @example
 * t('fr', 'status-removed');  // "plus sur la liste"
 * formatDate('2021-11', 'en');    // "Nov 2021"
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { atRoot } from '../paths.js';

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

const LOCALE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

function loadBundle(dir: string, lang: Lang): FluentBundle {
  // Placeables are not wrapped in Unicode isolation marks: chat apps would show them as stray characters.
  const bundle = new FluentBundle(LOCALE[lang], { useIsolating: false });
  const files = readdirSync(join(dir, lang))
    .filter((f) => f.endsWith('.ftl'))
    .sort();
  for (const file of files) {
    const errors = bundle.addResource(new FluentResource(readFileSync(join(dir, lang, file), 'utf8')));
    if (errors.length > 0) throw new Error(`locales/${lang}/${file}: ${errors.map((e) => e.message).join('; ')}`);
  }
  return bundle;
}

const DIR = atRoot('locales');
const BUNDLES: Record<Lang, FluentBundle> = { en: loadBundle(DIR, 'en'), fr: loadBundle(DIR, 'fr') };

export type Args = Record<string, string | number>;

/** The phrase `id` in `lang`; a missing phrase is a bug (a test checks both languages have every one). */
export function t(lang: Lang, id: string, args?: Args): string {
  const bundle = BUNDLES[lang];
  const message = bundle.getMessage(id);
  if (!message?.value) throw new Error(`locales/${lang}: no phrase "${id}"`);
  const errors: Error[] = [];
  const text = bundle.formatPattern(message.value, args ?? null, errors);
  if (errors.length > 0) throw new Error(`locales/${lang}: phrase "${id}": ${errors[0]?.message}`);
  return text;
}

/** Whether `lang` has the phrase `id` (for phrases that only some items have, such as a command's example). */
export function hasPhrase(lang: Lang, id: string): boolean {
  return BUNDLES[lang].hasMessage(id);
}

/** The ids of every phrase in `lang` (for the test that both languages have the same ones). */
export function phraseIds(lang: Lang): string[] {
  const ids: string[] = [];
  for (const [id] of BUNDLES[lang]._messages) ids.push(id);
  return ids.sort();
}

export type DatePrecision = 'day' | 'month' | 'year';

const DATE_FORMATS: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
  day: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  month: { month: 'short', year: 'numeric', timeZone: 'UTC' },
  year: { year: 'numeric', timeZone: 'UTC' },
};
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as precise as it is known, one format per language on every platform: "25 Nov 2021" /
 * "25 nov. 2021", "Nov 2021", "2021". `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `precision`, when
 * given, may only make it less precise (data written `2021-01-01` with precision `year`).
 */
/** The precision a date is written with: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export function precisionOf(date: string): DatePrecision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

export function formatDate(date: string, lang: Lang, precision?: DatePrecision): string {
  const parts = date.split('-');
  const known = precisionOf(date);
  const shown = precision && rank(precision) < rank(known) ? precision : known;
  const key = `${lang}.${shown}`;
  let format = FORMATTERS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[lang], DATE_FORMATS[shown]);
    FORMATTERS.set(key, format);
  }
  const [year = '1970', month = '01', day = '01'] = parts;
  return format.format(Date.UTC(Number(year), Number(month) - 1, Number(day)));
}

function rank(precision: DatePrecision): number {
  return precision === 'day' ? 2 : precision === 'month' ? 1 : 0;
}

const LISTS = new Map<string, Intl.ListFormat>();

/** "A, B and C" / "A, B et C" ("A, B or C" with `or`), from `Intl.ListFormat`. */
export function joinNames(names: readonly string[], lang: Lang, kind: 'and' | 'or' = 'and'): string {
  const key = `${lang}.${kind}`;
  let list = LISTS.get(key);
  if (!list) {
    list = new Intl.ListFormat(LOCALE[lang], { style: 'long', type: kind === 'and' ? 'conjunction' : 'disjunction' });
    LISTS.set(key, list);
  }
  return list.format(names);
}

/** The reply language a platform locale suggests (Discord `locale`, Telegram `language_code`). */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

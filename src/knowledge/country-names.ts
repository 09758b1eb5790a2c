/**
 * Country names from `i18n-iso-countries` (maintained ISO 3166-1 names in many languages), read once
 * at start-up and handed to the core with the rest of the knowledge.
 */
import { createRequire } from 'node:module';
// The library alone: the package's main entry registers all of its 78 languages, this module the 14 it reads.
import countries from 'i18n-iso-countries/index.js';
import type { CountryName } from './schema.js';

/** Languages read besides English and French: names in them resolve too. */
const OTHER_LANGS = ['de', 'es', 'it', 'pt', 'nl', 'ar', 'he', 'ru', 'tr', 'pl', 'zh', 'ja'];

const require = createRequire(import.meta.url);

export function loadCountryNames(): Record<string, CountryName> {
  for (const lang of ['en', 'fr', ...OTHER_LANGS]) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  }
  const table: Record<string, CountryName> = {};
  const all = (lang: string) => countries.getNames(lang, { select: 'all' }) as Record<string, string[]>;
  const en = all('en');
  const fr = all('fr');
  const others = OTHER_LANGS.map(all);
  const displayEn = new Intl.DisplayNames(['en'], { type: 'region' });
  const displayFr = new Intl.DisplayNames(['fr'], { type: 'region' });
  for (const [code, enNames] of Object.entries(en)) {
    const display = { en: displayEn.of(code) ?? enNames[0] ?? code, fr: displayFr.of(code) ?? code };
    table[code] = {
      alpha3: countries.alpha2ToAlpha3(code) ?? code,
      display,
      en: [display.en, ...enNames],
      fr: [display.fr, ...(fr[code] ?? [])],
      other: others.flatMap((names) => names[code] ?? []),
    };
  }
  return table;
}

/**
 * The map's own words in English and French, the report date, and a rough text-width estimate for
 * the Inter font (the SVG is laid out before resvg measures anything).
 */
import { formatDate as formatCoreDate } from '../core/phrases.js';
import type { Status } from '../core/types.js';
import type { Lang } from '../knowledge/schema.js';

type Phrase = Record<Lang, string>;

export const MAP_TEXT = {
  title: {
    en: 'Countries Israeli firms may sell offensive cyber tools to',
    fr: 'Pays auxquels les firmes israéliennes peuvent vendre des outils cyber offensifs',
  },
  /** `{date}`, `{from}`, `{to}` are filled in. */
  subtitle: {
    en: 'Reported {date}: the list was cut from {from} to {to} countries. Each sale still needs an export licence.',
    fr: 'Révélé le {date} : la liste est passée de {from} à {to} pays. Chaque vente reste soumise à une licence d’exportation.',
  },
  legendListed: { en: 'On the list ({n})', fr: 'Sur la liste ({n})' },
  legendRemoved: { en: 'Named as removed ({n}): {names}', fr: 'Cités comme retirés ({n}) : {names}' },
  legendOther: { en: 'Not on the list', fr: 'Hors liste' },
  legendDomestic: { en: 'Israel (exporting country)', fr: 'Israël (pays exportateur)' },
  legendSmall: { en: 'Small country on the list', fr: 'Petit pays de la liste' },
  israel: { en: 'Israel', fr: 'Israël' },
  footer: {
    en: 'Sources: {by} report and its press reprints · Borders: Natural Earth',
    fr: 'Sources : article de {by} et ses reprises · Frontières : Natural Earth',
  },
  focusFooter: {
    en: 'List reported {date} · Borders: Natural Earth',
    fr: 'Liste révélée le {date} · Frontières : Natural Earth',
  },
} satisfies Record<string, Phrase>;

/** Region names: the same as in the bot's answers and menus. */
export { REGION_LABEL as REGION_NAME } from '../core/phrases.js';

/** What a focus map says about its country, after the name. */
export const FOCUS_STATUS: Record<Status, Phrase> = {
  listed: { en: 'On the list of {n} countries', fr: 'Sur la liste des {n} pays' },
  removed: {
    en: 'Not on the list: named as removed from it',
    fr: 'Absent de la liste : cité parmi les pays retirés',
  },
  not_listed: { en: 'Not on the list of {n} countries', fr: 'Absent de la liste des {n} pays' },
  domestic: { en: 'The exporting country', fr: 'Le pays exportateur' },
};

/** "25 Nov 2021" / "25 nov. 2021": the core's dates, so the map and the answer agree. */
export function formatDate(iso: string, lang: Lang): string {
  return formatCoreDate(iso, lang);
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const NARROW = new Set("iljIft.,:;!|'’()[] ");
const WIDE = new Set('mwMW@%');

/** Estimated advance width of `text` in Inter at `size` px (a little generous, so layouts do not clip). */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (NARROW.has(c)) em += 0.3;
    else if (WIDE.has(c)) em += 0.86;
    else if (c >= '0' && c <= '9') em += 0.6;
    else if (c !== c.toLowerCase()) em += 0.7;
    else em += 0.56;
  }
  return em * size * (bold ? 1.06 : 1);
}

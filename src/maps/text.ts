/**
 * What the map's words need beyond the phrases (locales/<lang>/maps.ftl, through `t`): region names,
 * the locator map's status phrases, XML escaping, and a rough text-width estimate for the Inter font
 * (the SVG is laid out before resvg measures anything).
 */
import type { Status } from '../core/types.js';

/** Region names: the same as in the bot's answers and menus. */
export { REGION_LABEL as REGION_NAME } from '../core/phrases.js';

/** The phrase of what a locator map says about its country, after the name. */
export const FOCUS_STATUS: Record<Status, string> = {
  listed: 'image-focus-listed',
  removed: 'image-focus-removed',
  not_listed: 'image-focus-not-listed',
  domestic: 'image-focus-domestic',
};

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

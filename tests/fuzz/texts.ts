/**
 * The text the fuzzer types: real questions in English and French, country names in odd spellings,
 * hostile unicode, markup of both platforms, random code units and 100 KB strings, mixed.
 */
import type { Random } from './random.js';

export const QUESTIONS = [
  'is morocco allowed',
  'Is Morocco allowed?',
  'what happened with nso',
  'What happened with NSO Group?',
  'quels pays ont été retirés',
  'Quels pays ont été retirés de la liste ?',
  'Est-ce que le Maroc est autorisé ?',
  'India and Mexico?',
  'can israel sell pegasus to saudi arabia',
  'is the UAE on the list',
  'les Émirats sont-ils sur la liste ?',
  'who owns nso now',
  'qui possède NSO ?',
  'whatsapp lawsuit',
  'le procès Apple contre NSO',
  'khashoggi',
  'list',
  'which countries are on the list?',
  'quels pays sont sur la liste ?',
  'sources',
  "d'où viennent ces informations ?",
  'map of europe',
  'carte du Maroc',
  'map of Morocco',
  'help',
  'aide',
  'is germany allowed? and france?',
  'Niger',
  'Nigeria',
  'Marocco',
  'Germny',
  'l’Inde est-elle autorisée ?',
  'au Maroc',
  'aux Émirats',
  'was hungary removed',
  'pegasus in spain',
  'US entity list nso',
  'latest news about NSO',
  'what is the export list',
  'mexico',
];

const COUNTRYISH = [
  'MA',
  'MAR',
  'ma',
  'IN',
  'in',
  'US',
  'XX',
  '🇲🇦',
  '🇮🇳🇲🇽',
  '🇦🇪',
  '🏴‍☠️',
  'Moroccan',
  'marocaine',
  'UAE',
  'EAU',
  'KSA',
  'Holland',
  'المغرب',
  'מרוקו',
  'Марокко',
  '摩洛哥',
  'モロッコ',
  'Maroc, Inde, Mexique',
  'Niger',
  'Nigeria',
  'Israel',
  'Palestine',
  'Kosovo',
  'Taiwan',
  'Antarctica',
];

const UNICODE = [
  '😀',
  '👨‍👩‍👧‍👦',
  '🇲🇦',
  '🏳️‍🌈',
  '❤️',
  'ﷺ',
  'مرحبا',
  'שלום',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
  'e\u0301\u0301\u0301',
  'Z̴̡̛͓̈́a̸̢͇͐l̷̗̈́g̸͚̈o̵̰͊',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00a0',
  '\u3000',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\t',
  '\u2028',
  '\ufffd',
  '\uffff',
  '𝕸𝖆𝖗𝖔𝖈',
  'Ｍｏｒｏｃｃｏ',
];

const MARKUP = [
  '<b>',
  '</b>',
  '<b>bold</b>',
  '<i>',
  '<a href="https://evil.example/?a=1&b=2">x</a>',
  '<a href=javascript:alert(1)>',
  '<script>alert(1)</script>',
  '<tg-spoiler>',
  '<span class="tg-spoiler">',
  '<pre><code class="language-js">',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#0;',
  '&#x110000;',
  '&unknown;',
  '&',
  '<',
  '>',
  '"',
  "'",
  '\\',
  '**bold**',
  '__underline__',
  '*',
  '_',
  '`code`',
  '```js\nx\n```',
  '||spoiler||',
  '~~strike~~',
  '# heading',
  '> quote',
  '- item',
  '1. item',
  '[link](https://evil.example)',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&987654321098765432>',
  '<#111111111111111111>',
  '<:emoji:222222222222222222>',
  '<t:1700000000:R>',
  '</help:1>',
  '@cyberexport',
  '/help',
];

/** ISO codes for questions about many countries at once (long answers, long button data). */
const CODES = (
  'MA IN MX AE SA FR DE US GB IL HU PL ES IT NL BE CH AT SE NO DK FI IE PT GR CY RO BG CZ SK SI HR RS ' +
  'UA RU TR EG JO BH QA OM KW NG KE RW ZA ET GH CI SN TZ UG CN JP KR TW TH VN PH ID MY SG AU NZ CA BR AR CL CO PE'
).split(' ');
const NAMES = {
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
  fr: new Intl.DisplayNames(['fr'], { type: 'region' }),
};

/** A code as a flag emoji: two regional indicator symbols. */
function flagOf(code: string): string {
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

type Category = 'question' | 'noisy' | 'countries' | 'many' | 'unicode' | 'markup' | 'random' | 'blank' | 'huge';

const CATEGORIES: Record<Category, number> = {
  question: 30,
  noisy: 20,
  countries: 10,
  many: 4,
  unicode: 12,
  markup: 12,
  random: 8,
  blank: 2,
  huge: 2,
};

/** 100 KB: the longest string the fuzzer sends. */
export const HUGE_LENGTH = 100 * 1024;

function pieces(rng: Random, from: readonly string[], count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += rng.pick(from) + (rng.chance(0.5) ? ' ' : '');
  return out;
}

/** Any UTF-16 code units, lone surrogates and controls included. */
function randomUnits(rng: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const plane = rng.int(4);
    const code = plane === 0 ? rng.int(0x80) : plane === 1 ? rng.int(0x800) : rng.int(0x10000);
    out += String.fromCharCode(code);
  }
  return out;
}

/** A real question with noise and markup spliced in at random places. */
function noisy(rng: Random): string {
  let text = rng.pick(QUESTIONS);
  for (let n = rng.between(1, 4); n > 0; n--) {
    const at = rng.int(text.length + 1);
    const noise = rng.chance(0.5) ? rng.pick(UNICODE) : rng.pick(MARKUP);
    text = text.slice(0, at) + noise + text.slice(at);
  }
  return text;
}

/** From two to sixty countries by name (English or French), flag or code, in one question. */
function manyCountries(rng: Random): string {
  const countries = Array.from({ length: rng.between(2, 60) }, () => {
    const code = rng.pick(CODES);
    const form = rng.int(4);
    return form === 0 ? flagOf(code) : form === 1 ? code : (NAMES[form === 2 ? 'en' : 'fr'].of(code) ?? code);
  });
  const list = countries.join(rng.pick([', ', ' and ', ' ', '']));
  return rng.chance(0.5) ? list : `are ${list} allowed?`;
}

function huge(rng: Random): string {
  const unit = rng.chance(0.5) ? `${rng.pick(QUESTIONS)} ${rng.pick(MARKUP)} ` : randomUnits(rng, 64);
  return unit.repeat(Math.ceil(HUGE_LENGTH / unit.length)).slice(0, HUGE_LENGTH);
}

/** One piece of user text: never empty, and of any kind the fuzzer knows. */
export function fuzzText(rng: Random): string {
  const category = rng.weighted(CATEGORIES);
  switch (category) {
    case 'question':
      return rng.pick(QUESTIONS);
    case 'noisy':
      return noisy(rng);
    case 'countries':
      return rng.chance(0.5) ? rng.pick(COUNTRYISH) : `is ${rng.pick(COUNTRYISH)} allowed?`;
    case 'many':
      return manyCountries(rng);
    case 'unicode':
      return pieces(rng, UNICODE, rng.between(1, 12));
    case 'markup':
      return rng.chance(0.5) ? pieces(rng, MARKUP, rng.between(1, 8)) : `${rng.pick(MARKUP)} ${rng.pick(QUESTIONS)}`;
    case 'random':
      return randomUnits(rng, rng.between(1, 300));
    case 'blank':
      return rng.pick(['\u200b', '\u2060', '\u00a0', '\u3000 \u200b', '\ufeff']);
    case 'huge':
      return huge(rng);
  }
}

/** A country-like value: a name, code, flag or any fuzz text. */
export function countryText(rng: Random): string {
  return rng.chance(0.6) ? rng.pick(COUNTRYISH) : fuzzText(rng);
}

/** Forged values: names that live on every JavaScript object, and other keys no table holds. */
export const PROTOTYPE_NAMES = [
  'toString',
  'valueOf',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  'prototype',
];

/** A short description of a text for a report: quoted with escapes, cut, its length when long. */
export function quote(text: string, max = 80): string {
  const shown = JSON.stringify(text.length > max ? text.slice(0, max) : text);
  return text.length > max ? `${shown.slice(0, -1)}…" (${text.length} chars)` : shown;
}

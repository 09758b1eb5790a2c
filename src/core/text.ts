/**
 * Text clean-up shared by the core: what a question becomes before anything reads it.
 */

/** Questions are cut to this many characters; nothing useful is longer. */
export const MAX_QUESTION_LENGTH = 500;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Only this many words of a question are read (the longest message of the NLU corpora has 47): a
 * long message costs no more than a long question. The whole cleaned text is still echoed. */
export const MAX_READ_WORDS = 64;

/**
 * Makes any string safe to echo and to parse: well-formed UTF-16, no control or bidi characters,
 * whitespace collapsed, at most MAX_QUESTION_LENGTH characters (never cutting a surrogate pair).
 */
export function cleanQuestion(raw: string): string {
  // A long message is cleaned a piece at a time: at most twice the characters kept, unless collapsed
  // whitespace or removed characters leave too few, then up to four times as many.
  let take = MAX_QUESTION_LENGTH * 2;
  let text = clean(raw.length > take ? raw.slice(0, take) : raw);
  while (raw.length > take && text.length <= MAX_QUESTION_LENGTH + 1 && take < MAX_QUESTION_LENGTH * 4) {
    take *= 2;
    text = clean(raw.slice(0, take));
  }
  if (text.length > MAX_QUESTION_LENGTH) text = `${text.slice(0, cutBefore(text, MAX_QUESTION_LENGTH)).trimEnd()}…`;
  return text;
}

/** Where to cut a text to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cutBefore(text: string, max: number): number {
  return /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
}

function clean(head: string): string {
  // Most text is well formed: the look-behind pattern only runs on the rest.
  const formed = head.isWellFormed() ? head : head.replace(LONE_SURROGATE, '');
  return formed.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Printable ASCII: most names and messages, normalized without Unicode decomposition. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Lower case, accents removed, apostrophes and punctuation turned into spaces. */
export function normalize(text: string): string {
  // The same result for ASCII (nothing to decompose; its letters and digits are a–z and 0–9 once
  // lower-cased), at a fraction of the cost.
  if (PRINTABLE_ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A word of the question: its normalized form and where it stands in the original text. */
export interface Token {
  norm: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Splits a text into words (apostrophes and hyphens separate words: "l'Inde" gives "l", "inde"), the
 * first `limit` of them.
 */
export function tokenize(text: string, limit = MAX_READ_WORDS): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    if (tokens.length >= limit) break;
    tokens.push({ norm: normalize(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/**
 * Country resolution: finds the countries a question names, by ISO code, flag emoji, name in many
 * languages (from the ISO library), alias or demonym (from `data/aliases.json`), with small typos.
 */
import { distance } from 'fastest-levenshtein';
import type { CountryName, Lang } from '../../knowledge/schema.js';
import { normalize, type Token } from '../text.js';

export type MatchKind = 'code' | 'flag' | 'name' | 'alias' | 'fuzzy';

export interface CountryMatch {
  code: string;
  /** The words of the question that named it. */
  matched: string;
  kind: MatchKind;
  /** The language the matched name belongs to, when it belongs to only one of English and French. */
  lang: Lang | null;
  start: number;
  end: number;
  /** For a name that fits several countries ("Congo"): all of them; `code` is the first. */
  choices?: readonly string[];
}

interface Entry {
  code: string;
  kind: 'name' | 'alias';
  lang: Lang | null;
  choices?: readonly string[];
}

interface FuzzyName {
  norm: string;
  code: string;
  /** `letterMask(norm)`: a cheap test that rules most names out before measuring a distance. */
  mask: number;
}

interface Offered {
  norm: string;
  code: string;
  kind: 'name' | 'alias';
}

/** `closest`'s tables of the offered names. */
interface PairTables {
  /** Letter pair → the names in `offered` that have it, and how many times: [place, count, …]. */
  namesWithPair: Map<number, number[]>;
  /** Each offered name's letters, at the same place as in `offered`. */
  measured: Measured[];
}

/** What `closest` measures of an offered name, at the same place as in `offered`. */
interface Measured {
  /** `letterCounts(norm)`. */
  letters: Uint8Array;
  /** How many letter pairs it has (`pairsOf`). */
  pairCount: number;
}

/** Upper-case codes that are more often words or abbreviations than countries ("AI", "IT", "IN"...). */
const AMBIGUOUS_CODES = new Set([
  'AI',
  'AM',
  'AS',
  'AT',
  'BE',
  'BY',
  'DO',
  'ID',
  'IN',
  'IS',
  'IT',
  'ME',
  'MY',
  'NO',
  'SO',
  'TO',
  'ET',
  'OK',
  'PM',
  'TV',
  'CV',
  'AND',
  'ARE',
  'CAN',
  'TON',
  'GAB',
  'PER',
  'BIS',
  'NSO',
  'CEO',
]);

const FLAG = /[\u{1F1E6}-\u{1F1FF}]{2}/gu;
const LETTER = /^\p{L}$/u;
const CAPITALIZED = /\p{Lu}\p{Ll}/uy;
/** `matchAt`'s empty list of names. */
const NO_KEYS: readonly string[] = [];

/** Whether the text has a capital then a small letter at `at` (a capitalized word starts there). */
function startsCapitalized(text: string, at: number): boolean {
  CAPITALIZED.lastIndex = at;
  return CAPITALIZED.test(text);
}
const REGIONAL_A = 0x1f1e6;

/** The flag emoji of an alpha-2 code. */
export function flagOf(code: string): string {
  return String.fromCodePoint(...[...code].map((c) => REGIONAL_A + c.charCodeAt(0) - 65));
}

function codeOfFlag(flag: string): string {
  return [...flag].map((c) => String.fromCharCode((c.codePointAt(0) ?? REGIONAL_A) - REGIONAL_A + 65)).join('');
}

/**
 * The letters a word uses, one bit each ("a"–"z"; other characters share six more bits). One edit
 * adds or removes at most two bits, so two words `k` edits apart differ in at most `2k` bits: most
 * names are ruled out by an XOR and a bit count, before any distance is measured.
 */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask;
}

/** How many times a word uses each letter (characters share 32 counts by their low five bits). */
function letterCounts(word: string): Uint8Array {
  const counts = new Uint8Array(32);
  for (let i = 0; i < word.length; i++) {
    const at = word.charCodeAt(i) & 31;
    counts[at] = Math.min(255, (counts[at] as number) + 1);
  }
  return counts;
}

/**
 * A lower bound of the edit distance of two words from their letter counts: each edit adds at most
 * one letter and removes at most one, so the words are at least as many edits apart as the larger of
 * the letters one has in excess and the letters the other has.
 */
function bagDistance(a: Uint8Array, b: Uint8Array): number {
  let more = 0;
  let less = 0;
  for (let i = 0; i < 32; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d > 0) more += d;
    else less -= d;
  }
  return Math.max(more, less);
}

/** The pairs of neighbouring letters of a word, with its start and end ("^m", "ma", …, "o$"). */
function pairsOf(word: string): Float64Array {
  const pairs = new Float64Array(word.length + 1);
  let previous = 0; // the start
  for (let i = 0; i <= word.length; i++) {
    const c = i < word.length ? word.charCodeAt(i) + 1 : 0x10001; // 0x10001: the end
    pairs[i] = previous * 0x10002 + c;
    previous = c;
  }
  return pairs;
}

/** Each distinct item of a list and how many times it occurs. */
function countsOf(items: ArrayLike<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < items.length; i++) counts.set(items[i] as number, (counts.get(items[i] as number) ?? 0) + 1);
  return counts;
}

/** The number of bits set. */
function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Levenshtein distance, with two swapped neighbours ("Mexcio") counted as one typo. */
export function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) ? 1 : d;
}

/** Most typos are one or two letters; shorter words allow fewer, so "spin" never becomes "Spain". */
function typoBudget(length: number): number {
  if (length < 5) return 0;
  return length < 7 ? 1 : 2;
}

export interface Suggestion {
  code: string;
  /** 0 exact name or code, 1 alias, 2 name prefix, 3 word prefix, 4 close spelling. */
  rank: number;
}

export class CountryIndex {
  private readonly exact = new Map<string, Entry>();
  /** First word of every name → the most words a name starting with it has. */
  private readonly firstWords = new Map<string, number>();
  private readonly alpha2 = new Set<string>();
  private readonly alpha3 = new Map<string, string>();
  private readonly fuzzyByLength = new Map<number, FuzzyName[]>();
  /** Names offered to people (autocomplete, suggestions): English, French, aliases. */
  private readonly offered: Offered[] = [];
  /** What only `closest` (a did-you-mean) reads: built at its first call, not at start-up. */
  private pairTables: PairTables | undefined;
  /** Scratch: letter pairs each name shares with the word `closest` looks at. */
  private shared = new Uint16Array(0);
  /** Where each country's names are in `offered`. */
  private readonly offeredOf = new Map<string, number[]>();
  private readonly fuzzyMemo = new Map<string, string | null>();

  constructor(
    names: Record<string, CountryName>,
    aliases: Record<string, string[]>,
    private readonly commonWords: ReadonlySet<string>,
    ambiguous: Record<string, readonly string[]> = {},
  ) {
    // First, so that "Congo" asks which one instead of meaning the first country named so.
    for (const [name, codes] of Object.entries(ambiguous)) {
      const norm = normalize(name);
      const [first] = codes;
      if (!norm || !first) continue;
      this.exact.set(norm, { code: first, kind: 'name', lang: null, choices: codes });
      const parts = norm.split(' ');
      const head = parts[0] ?? norm;
      this.firstWords.set(head, Math.max(this.firstWords.get(head) ?? 0, parts.length));
    }
    for (const [code, name] of Object.entries(names)) {
      this.alpha2.add(code);
      this.alpha3.set(name.alpha3, code);
      for (const n of name.en) this.add(normalize(n), code, 'name', 'en');
      for (const n of name.fr) this.add(normalize(n), code, 'name', 'fr');
    }
    for (const [code, list] of Object.entries(aliases)) {
      for (const n of list) this.add(normalize(n), code, 'alias', null);
    }
    for (const [code, name] of Object.entries(names)) {
      for (const n of name.other) {
        const norm = normalize(n);
        // Other languages only add names that cannot be mistaken for a common word.
        if (norm.length >= 4 && !commonWords.has(norm)) this.add(norm, code, 'name', null);
      }
    }
  }

  /** Adds a name, already normalized. */
  private add(norm: string, code: string, kind: Entry['kind'], lang: Lang | null): void {
    if (!norm) return;
    const known = this.exact.get(norm);
    if (known) {
      // The same name in English and French tells nothing about the language.
      if (known.code === code && known.lang !== lang) known.lang = null;
      return;
    }
    this.exact.set(norm, { code, kind, lang });
    const parts = norm.split(' ');
    const first = parts[0] ?? norm;
    this.firstWords.set(first, Math.max(this.firstWords.get(first) ?? 0, parts.length));
    // Names from other languages resolve, but are neither offered nor typo-matched.
    if (kind === 'alias' || lang !== null) {
      const places = this.offeredOf.get(code) ?? [];
      places.push(this.offered.length);
      this.offeredOf.set(code, places);
      this.offered.push({ norm, code, kind });
      if (norm.length >= 5) {
        const bucket = this.fuzzyByLength.get(norm.length) ?? [];
        bucket.push({ norm, code, mask: letterMask(norm) });
        this.fuzzyByLength.set(norm.length, bucket);
      }
    }
  }

  /** A bare code given where a country is expected (an autocomplete value): "IN" is India there. */
  byCode(raw: string): string | undefined {
    const code = raw.trim();
    if (!/^[A-Z]{2,3}$/.test(code)) return undefined;
    return code.length === 2 ? (this.alpha2.has(code) ? code : undefined) : this.alpha3.get(code);
  }

  /**
   * The countries a text names, in order of appearance, each once.
   * `fuzzy` allows typo matching (the caller turns it off where a typo match would be a guess).
   */
  resolve(text: string, tokens: readonly Token[], fuzzy: boolean): CountryMatch[] {
    const found: CountryMatch[] = [];
    for (const m of text.matchAll(FLAG)) {
      const code = codeOfFlag(m[0]);
      if (this.alpha2.has(code))
        found.push({ code, matched: m[0], kind: 'flag', lang: null, start: m.index, end: m.index + m[0].length });
    }
    const shouting = isShouting(text);
    for (let i = 0; i < tokens.length; ) {
      const match = this.matchAt(text, tokens, i, shouting, fuzzy);
      if (match) {
        found.push(match.match);
        i += match.length;
      } else {
        i += 1;
      }
    }
    found.sort((a, b) => a.start - b.start);
    const seen = new Set<string>();
    return found.filter((m) => !seen.has(m.code) && seen.add(m.code));
  }

  private matchAt(
    text: string,
    tokens: readonly Token[],
    i: number,
    shouting: boolean,
    fuzzy: boolean,
  ): { match: CountryMatch; length: number } | undefined {
    const token = tokens[i] as Token;
    const longest = Math.min(this.firstWords.get(token.norm) ?? 0, tokens.length - i);
    // The names of 1 to `longest` words starting here, longest first (most words start none: no list).
    let keys = NO_KEYS;
    if (longest > 0) {
      const list = [token.norm];
      for (let n = 2; n <= longest; n++) list.push(`${list[n - 2]} ${(tokens[i + n - 1] as Token).norm}`);
      keys = list;
    }
    for (let n = longest; n >= 1; n--) {
      const entry = this.exact.get(keys[n - 1] as string);
      if (entry) {
        const match: CountryMatch = {
          code: entry.code,
          matched: text.slice(token.start, endOfSpan(tokens, i, n)),
          kind: entry.kind,
          lang: entry.lang,
          start: token.start,
          end: endOfSpan(tokens, i, n),
          ...(entry.choices ? { choices: entry.choices } : {}),
        };
        return { match, length: n };
      }
    }
    // Typos are read only where a country is expected, or in a capitalized word inside a sentence;
    // codes are two or three letters. Most words are neither: they end here, with nothing made.
    const typos = fuzzy || (i > 0 && startsCapitalized(text, token.start));
    const size = token.end - token.start;
    if (!typos && size !== 2 && size !== 3) return undefined;
    const raw = text.slice(token.start, token.end);
    const code = this.codeOf(raw, shouting);
    const at = { lang: null, start: token.start } as const;
    if (code) return { match: { ...at, code, matched: raw, kind: 'code', end: token.end }, length: 1 };
    if (!typos) return undefined;
    const next = tokens[i + 1];
    if (next && this.firstWords.has(token.norm)) {
      const pair = this.closeName(`${token.norm} ${next.norm}`);
      if (pair) {
        const end = endOfSpan(tokens, i, 2);
        return { match: { ...at, code: pair, matched: text.slice(token.start, end), kind: 'fuzzy', end }, length: 2 };
      }
    }
    const single = this.closeName(token.norm);
    if (single) return { match: { ...at, code: single, matched: raw, kind: 'fuzzy', end: token.end }, length: 1 };
    return undefined;
  }

  private codeOf(raw: string, shouting: boolean): string | undefined {
    if (shouting || !/^[A-Z]{2,3}$/.test(raw) || AMBIGUOUS_CODES.has(raw)) return undefined;
    if (raw.length === 2) return this.alpha2.has(raw) ? raw : undefined;
    return this.alpha3.get(raw);
  }

  /** The one country name within the typo budget of a word, or null (none, or a tie). */
  private closeName(norm: string): string | null {
    const memo = this.fuzzyMemo.get(norm);
    if (memo !== undefined) return memo;
    let result: string | null = null;
    const budget = typoBudget(norm.length);
    if (budget > 0 && !this.commonWords.has(norm) && !/\d/.test(norm)) {
      let best = budget + 1;
      let tie = false;
      const mask = letterMask(norm);
      for (let len = norm.length - budget; len <= norm.length + budget; len++) {
        for (const candidate of this.fuzzyByLength.get(len) ?? []) {
          // More than `budget` edits away (a swap keeps the letters): it can neither win nor tie.
          if (bitCount(mask ^ candidate.mask) > 2 * budget) continue;
          const d = typoDistance(norm, candidate.norm);
          if (d < best) {
            best = d;
            result = candidate.code;
            tie = false;
          } else if (d === best && candidate.code !== result) {
            tie = true;
          }
        }
      }
      // Two countries equally close: too ambiguous to pick either.
      if (tie) result = null;
    }
    if (this.fuzzyMemo.size > 10_000) this.fuzzyMemo.clear();
    this.fuzzyMemo.set(norm, result);
    return result;
  }

  /** Whether a normalized word or phrase is, by itself, a country's name, alias or code. */
  namesCountry(norm: string): boolean {
    return this.exact.has(norm) || this.alpha2.has(norm.toUpperCase()) || this.alpha3.has(norm.toUpperCase());
  }

  /** Countries whose names start with or resemble `query`, best first (autocomplete). */
  suggest(query: string, limit: number): Suggestion[] {
    const norm = normalize(query);
    const best = new Map<string, number>();
    const keep = (code: string, rank: number) => {
      if ((best.get(code) ?? 99) > rank) best.set(code, rank);
    };
    const upper = query.trim().toUpperCase();
    if (this.alpha2.has(upper)) keep(upper, 0);
    const a3 = this.alpha3.get(upper);
    if (a3) keep(a3, 0);
    for (const m of query.matchAll(FLAG)) keep(codeOfFlag(m[0]), 0);
    if (norm) {
      const budget = Math.min(2, typoBudget(norm.length + 1));
      for (const { norm: name, code, kind } of this.offered) {
        if (name === norm) keep(code, kind === 'alias' ? 1 : 0);
        else if (name.startsWith(norm)) keep(code, 2);
        else if (name.includes(` ${norm}`)) keep(code, 3);
        else if (budget > 0 && distance(norm, name.slice(0, norm.length)) <= budget) keep(code, 4);
      }
    }
    return [...best]
      .map(([code, rank]) => ({ code, rank }))
      .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code))
      .slice(0, limit);
  }

  /** The letter pairs and counts of the offered names, for `closest`: built at its first call. */
  private pairs(): PairTables {
    if (this.pairTables) return this.pairTables;
    const namesWithPair = new Map<number, number[]>();
    const measured = this.offered.map(({ norm }, at) => {
      const pairs = pairsOf(norm);
      for (const [pair, count] of countsOf(pairs)) {
        const list = namesWithPair.get(pair);
        if (list) list.push(at, count);
        else namesWithPair.set(pair, [at, count]);
      }
      return { letters: letterCounts(norm), pairCount: pairs.length };
    });
    this.pairTables = { namesWithPair, measured };
    return this.pairTables;
  }

  /**
   * The countries whose names are closest to a word that named none (for "did you mean"): a name it
   * starts, or within half the longer one's length; closest first. Names are measured closest bound
   * first, and only until no other can enter the `limit` best.
   */
  closest(word: string, limit: number): string[] {
    const norm = normalize(word);
    if (norm.length < 2) return [];
    const counts = letterCounts(norm);
    const pairs = pairsOf(norm);
    // A name that shares no pair of letters with the word (nor its start or end) is more than half its
    // length away, since each edit changes at most two pairs each way: only the names sharing one are
    // looked at, found through the pairs.
    const { namesWithPair, measured } = this.pairs();
    if (this.shared.length !== this.offered.length) this.shared = new Uint16Array(this.offered.length);
    const shared = this.shared;
    const touched: number[] = [];
    for (const [pair, count] of countsOf(pairs)) {
      const list = namesWithPair.get(pair) ?? [];
      for (let i = 0; i < list.length; i += 2) {
        const at = list[i] as number;
        if (shared[at] === 0) touched.push(at);
        shared[at] = (shared[at] as number) + Math.min(count, list[i + 1] as number);
      }
    }
    const best = new Map<string, number>();
    const pending: { at: number; floor: number }[] = [];
    for (const at of touched) {
      const together = shared[at] as number;
      shared[at] = 0;
      const { norm: name, code } = this.offered[at] as Offered;
      const { letters, pairCount } = measured[at] as Measured;
      if (name.startsWith(norm)) best.set(code, 0);
      else {
        const longer = Math.max(norm.length, name.length);
        // Each edit changes at most one letter each way, and at most two letter pairs each way.
        const unshared = Math.max(pairs.length, pairCount) - together;
        const floor = Math.max(bagDistance(counts, letters), Math.ceil(unshared / 2)) / longer;
        if (floor <= 0.5) pending.push({ at, floor });
      }
    }
    pending.sort((a, b) => a.floor - b.floor);
    let worst = limitth(best, limit);
    for (const { at, floor } of pending) {
      // No name left can come closer than the `limit` kept: each is at least `floor` away.
      if (floor > worst) break;
      const { norm: name, code } = this.offered[at] as Offered;
      const d = distance(norm, name) / Math.max(norm.length, name.length);
      if (d <= 0.5 && d < (best.get(code) ?? 1)) {
        best.set(code, d);
        worst = limitth(best, limit);
      }
    }
    // Equally close: first the country with the first name that is not all edits away (measured
    // only for such ties).
    const places = new Map<string, number>();
    const order = (code: string) => {
      let place = places.get(code);
      if (place === undefined) {
        place =
          (this.offeredOf.get(code) ?? []).find((at) => {
            const name = (this.offered[at] as Offered).norm;
            return name.startsWith(norm) || distance(norm, name) < Math.max(norm.length, name.length);
          }) ?? 0;
        places.set(code, place);
      }
      return place;
    };
    return [...best]
      .sort((a, b) => a[1] - b[1] || order(a[0]) - order(b[0]))
      .slice(0, limit)
      .map(([code]) => code);
  }
}

/** The `limit`-th smallest distance kept, or the largest allowed (0.5) while fewer are kept. */
function limitth(best: ReadonlyMap<string, number>, limit: number): number {
  if (best.size < limit) return 0.5;
  return [...best.values()].sort((a, b) => a - b)[limit - 1] ?? 0.5;
}

/** Where the `n` words from word `i` end. */
function endOfSpan(tokens: readonly Token[], i: number, n: number): number {
  return (tokens[i + n - 1] as Token).end;
}

/** A text written in capitals: its two- and three-letter words are not codes ("IS IT OK IN MEXICO"). */
export function isShouting(text: string): boolean {
  // Letters counted in UTF-16 units, capitals in characters (as ever); ASCII with no regular
  // expression and no string made.
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 65 && c <= 90) upper++;
      else if (c < 97 || c > 122) continue;
      letters++;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) as number);
    i += ch.length - 1;
    if (!LETTER.test(ch)) continue;
    letters += ch.length;
    if (ch !== ch.toLowerCase()) upper++;
  }
  return letters >= 6 && upper / letters > 0.7;
}

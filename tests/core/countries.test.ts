/**
 * The country index skips most names before measuring a distance (letter masks and counts, closest
 * bound first): its suggestions must be exactly those of measuring every name.
 */
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, test } from 'vitest';
import { COMMON_WORDS } from '../../src/core/lexicon.js';
import { normalize } from '../../src/core/text.js';
import { CountryIndex, isShouting } from '../../src/core/understand/countries.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const kb = loadKnowledge();
const index = new CountryIndex(kb.names, kb.aliases, new Set(COMMON_WORDS), kb.ambiguous);
/** The names suggestions come from, in the index's order: English, French, aliases. */
const offered: { norm: string; code: string }[] = [];
{
  const seen = new Set<string>();
  const add = (name: string, code: string) => {
    const norm = normalize(name);
    if (norm && !seen.has(norm)) {
      seen.add(norm);
      offered.push({ norm, code });
    }
  };
  for (const norm of Object.keys(kb.ambiguous).map(normalize)) seen.add(norm);
  for (const [code, name] of Object.entries(kb.names)) {
    for (const n of name.en) add(n, code);
    for (const n of name.fr) add(n, code);
  }
  for (const [code, list] of Object.entries(kb.aliases)) for (const n of list) add(n, code);
}

/** Every name measured, as the index did before it skipped any. */
function closestByMeasuringAll(word: string, limit: number): string[] {
  const norm = normalize(word);
  if (norm.length < 2) return [];
  const scored = new Map<string, number>();
  for (const { norm: name, code } of offered) {
    const d = name.startsWith(norm) ? 0 : distance(norm, name) / Math.max(norm.length, name.length);
    if (d < (scored.get(code) ?? 1)) scored.set(code, d);
  }
  return [...scored]
    .filter(([, d]) => d <= 0.5)
    .sort((a, b) => a[1] - b[1])
    .slice(0, limit)
    .map(([code]) => code);
}

/** A name with one to three letters dropped, changed or added. */
const misspelt = fc
  .tuple(
    fc.constantFrom(...offered.map((o) => o.norm)),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'change', 'add'), fc.constantFrom(...'abeilnorsuzé')), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([name, edits]) => {
    const letters = [...name];
    for (const [at, edit, letter] of edits) {
      const i = at % (letters.length + 1);
      if (edit === 'add') letters.splice(i, 0, letter);
      else if (letters.length > 1)
        letters.splice(Math.min(i, letters.length - 1), 1, ...(edit === 'change' ? [letter] : []));
    }
    return letters.join('');
  });

describe('did-you-mean suggestions', () => {
  test('the reference sees the names the index offers', () => {
    expect(closestByMeasuringAll('marok', 3)).toContain('MA');
  });

  test.each([
    ['Marok', ['MA']],
    ['Atlantis', []],
    ['Wakanda', []],
    ['baham', ['BS', 'BH', 'PA']],
    ['tmalagysia', ['MY', 'DZ', 'MG']],
  ])('%s → %j, as measuring every name gives', (word, expected) => {
    expect(index.closest(word, 3)).toEqual(closestByMeasuringAll(word, 3));
    expect(index.closest(word, 3).slice(0, expected.length)).toEqual(expected);
  });

  test('misspelt names get the same suggestions as measuring every name (property)', () => {
    fc.assert(
      fc.property(misspelt, fc.integer({ min: 1, max: 5 }), (word, limit) => {
        expect(index.closest(word, limit)).toEqual(closestByMeasuringAll(word, limit));
      }),
      { numRuns: 2000 },
    );
  });

  test('random words get the same suggestions as measuring every name (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zé ]{2,16}$/), (word) => {
        expect(index.closest(word, 3)).toEqual(closestByMeasuringAll(word, 3));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalize', () => {
  /** The full path every text took before ASCII had its own. */
  const byUnicode = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  test('ASCII text normalizes as the Unicode path does (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => {
        expect(normalize(text)).toBe(byUnicode(text));
      }),
      { numRuns: 5000 },
    );
  });

  test.each([
    ['Côte d’Ivoire', 'cote d ivoire'],
    ['  IS   Morocco allowed?! ', 'is morocco allowed'],
    ['Türkiye', 'turkiye'],
    ['مصر', 'مصر'],
  ])('%s → %s', (text, expected) => {
    expect(normalize(text)).toBe(expected);
  });
});

describe('isShouting', () => {
  /** The Unicode reading every text had before ASCII got its own. */
  const byUnicode = (text: string) => {
    const letters = text.replace(/[^\p{L}]/gu, '');
    if (letters.length < 6) return false;
    let upper = 0;
    for (const ch of letters) if (ch !== ch.toLowerCase()) upper++;
    return upper / letters.length > 0.7;
  };

  test('reads any text as the Unicode reading does (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.string({ unit: fc.constantFrom('A', 'b', 'É', 'é', '𝐀', 'Σ', '…', ' ', '?', '\ud800'), maxLength: 40 }),
        ),
        (text) => {
          expect(isShouting(text)).toBe(byUnicode(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  test.each([
    ['CAN ISRAELI FIRMS SELL TO MOROCCO?', true],
    ['Can Israeli firms sell to Morocco?', false],
    ['LE MAROC EST-IL AUTORISÉ ?', true],
    ['ПОЧЕМУ МАРОККО', true],
    ['IS OK?', false],
  ])('%s → %s', (text, expected) => {
    expect(isShouting(text)).toBe(expected);
    expect(byUnicode(text)).toBe(expected);
  });
});

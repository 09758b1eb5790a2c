/**
 * Bad input: whatever a user types, the core returns a valid answer and never throws.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Answer, createCore, INTENTS, MAX_QUESTION_LENGTH, STATUSES } from '../../src/core/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const core = createCore(loadKnowledge());

function expectValid(answer: Answer): void {
  expect(INTENTS).toContain(answer.intent);
  expect(['en', 'fr']).toContain(answer.lang);
  expect(answer.title.length).toBeGreaterThan(0);
  expect(answer.text.length).toBeGreaterThan(0);
  expect(answer.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH + 1);
  expect(answer.question.isWellFormed()).toBe(true);
  expect(answer.text.isWellFormed()).toBe(true);
  for (const c of answer.countries) {
    expect(c.code).toMatch(/^[A-Z]{2}$/);
    expect(STATUSES).toContain(c.status);
  }
  if (answer.intent === 'help' || answer.intent === 'unknown') {
    expect(answer.asOf).toBeNull();
  } else {
    expect(answer.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(answer.sources.length).toBeGreaterThan(0);
    for (const s of answer.sources) expect(s.url).toMatch(/^https?:\/\//);
  }
  expect(() => JSON.stringify(answer)).not.toThrow();
}

const HOSTILE: [string, string][] = [
  ['empty', ''],
  ['whitespace', ' \t\n  \r\n '],
  ['a 100 KB line', 'Morocco '.repeat(12_800)],
  ['control characters', 'Is\u0000 Mor\u0007occo\u001b[31m allowed\u0008?'],
  ['lone surrogates', 'Is \ud800 Morocco \udfff allowed?'],
  ['HTML', '<script>alert("x")</script><b>Is Morocco allowed?</b>'],
  ['Markdown', '**Is** _Morocco_ `allowed`? [x](javascript:alert(1)) ||spoiler||'],
  ['mass mentions', '@everyone @here is Morocco allowed? <@123456789012345678>'],
  ['an emoji flood', '😀'.repeat(5000)],
  ['a flag flood', '🇲🇦🇮🇳🇫🇷'.repeat(2000)],
  ['right-to-left overrides', '\u202eIs Morocco allowed?\u202c'],
  ['another language', 'هل المغرب مسموح؟'],
  ['Hebrew', 'האם מרוקו מורשית?'],
  ['Russian', 'Марокко разрешено?'],
  ['binary', String.fromCharCode(...Array.from({ length: 512 }, (_, i) => i % 256))],
  ['only punctuation', '?!?!...,,,;;;'],
  ['a very long word', 'a'.repeat(20_000)],
];

describe('bad input', () => {
  test.each(HOSTILE)('%s gets a valid answer', (_name, question) => {
    expectValid(core.ask(question));
  });

  test('a 100 KB question is cut to the documented limit', () => {
    const answer = core.ask('Is Morocco allowed? '.repeat(5000));
    expect(answer.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH + 1);
    expect(answer.question.endsWith('…')).toBe(true);
    expect(answer.countries.map((c) => c.code)).toEqual(['MA']);
  });

  test('a question in a script the bot reads still finds the country', () => {
    expect(core.ask('Марокко').countries.map((c) => c.code)).toEqual(['MA']);
  });

  test('markup is echoed as text, never interpreted: matched words come from the question', () => {
    const answer = core.ask('<b>Maroc</b> ?');
    expect(answer.countries[0]?.matched).toBe('Maroc');
  });

  test('any string yields a valid answer (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (s) => {
        expectValid(core.ask(s));
      }),
      { numRuns: 400 },
    );
  });

  test('any mix of real words, names and noise yields a valid answer (property)', () => {
    const pieces = fc.constantFrom(
      'Is',
      'Morocco',
      'allowed',
      '?',
      'Maroc',
      'NSO',
      'Pegasus',
      'list',
      '🇮🇳',
      'UAE',
      'l’',
      'aux',
      'Émirats',
      '@everyone',
      '<i>',
      '&amp;',
      'retirés',
      'WhatsApp',
      'Apple',
      '\u0000',
      '\ud83d',
      'Niger',
      'MA',
      'sources',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
        expectValid(core.ask(parts.join(' ')));
      }),
      { numRuns: 400 },
    );
  });

  test('structured requests with any country text yield a valid answer (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constantFrom('en', 'fr' as const), (s, lang) => {
        expectValid(core.run({ intent: 'country_status', country: s }, { lang }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('structured requests', () => {
  test('a bare ISO code where a country is expected is that country, even "IN"', () => {
    expect(core.run({ intent: 'country_status', country: 'IN' }).countries.map((c) => c.code)).toEqual(['IN']);
    expect(core.run({ intent: 'country_status', country: 'MAR' }).countries.map((c) => c.code)).toEqual(['MA']);
  });

  test('a map request gives a region map, or a locator map of the country named', () => {
    expect(core.run({ intent: 'map', region: 'europe' }).map).toEqual({ region: 'europe', focus: null });
    const focus = core.run({ intent: 'map', country: 'Maroc' });
    expect(focus).toMatchObject({ intent: 'map', lang: 'fr', map: { focus: 'MA' } });
    expect(focus.countries.map((c) => c.status)).toEqual(['removed']);
    expect(core.ask('carte de l’Europe').map).toEqual({ region: 'europe', focus: null });
    expect(core.ask('map').map).toEqual({ region: 'world', focus: null });
  });

  test('an unknown country gets the closest names, never a status', () => {
    const answer = core.run({ intent: 'country_status', country: 'Moroco' }, { lang: 'en' });
    expect(answer.countries.map((c) => c.code)).toEqual(['MA']);
    const unknown = core.run({ intent: 'country_status', country: 'Atlantis' }, { lang: 'en' });
    expect(unknown.intent).toBe('unknown');
    expect(unknown.countries).toEqual([]);
  });
});

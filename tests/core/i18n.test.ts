import { describe, expect, it } from 'vitest';
import { datesLine } from '../../src/core/index.js';
import { formatDate, LANGS, phraseIds, t } from '../../src/i18n/index.js';

describe('phrase catalogue', () => {
  it('has the same phrases in English and French', () => {
    expect(phraseIds('fr')).toEqual(phraseIds('en'));
    expect(phraseIds('en').length).toBeGreaterThan(0);
  });

  it('refuses a phrase that does not exist instead of showing its id', () => {
    expect(() => t('en', 'no-such-phrase')).toThrow(/no phrase/);
  });

  it('formats dates one way per language, as precise as they are known', () => {
    expect(formatDate('2021-11-25', 'en')).toBe('25 Nov 2021');
    expect(formatDate('2021-11-25', 'fr')).toBe('25 nov. 2021');
    expect(formatDate('2026-05', 'en')).toBe('May 2026');
    expect(formatDate('2026-05', 'fr')).toBe('mai 2026');
    expect(formatDate('2007', 'fr')).toBe('2007');
    expect(formatDate('2007-01-01', 'en', 'year')).toBe('2007');
  });

  it('says when the key fact was reported and how current the data is', () => {
    const base = { intent: 'country_status', reportedOn: '2021-11-25', reviewedOn: '2026-05' } as const;
    expect(datesLine({ ...base, lang: 'en' })).toBe('Reported 25 Nov 2021 · no change known as of May 2026');
    expect(datesLine({ ...base, lang: 'fr' })).toBe('Rapporté le 25 nov. 2021 · aucun changement connu en mai 2026');
    expect(datesLine({ intent: 'nso', lang: 'en', reportedOn: null, reviewedOn: '2026-11' })).toBe(
      'Sources checked to Nov 2026',
    );
    expect(datesLine({ intent: 'help', lang: 'en', reportedOn: null, reviewedOn: null })).toBeNull();
    for (const lang of LANGS) expect(datesLine({ ...base, lang })).not.toMatch(/[\u2068\u2069]/);
  });
});

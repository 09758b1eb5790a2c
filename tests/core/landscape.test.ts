/**
 * The wider landscape: data integrity of data/vendors.json and data/regimes.json, the vendor name
 * resolver, the Query codec with vendors and rules, and what the answers say.
 */
import { describe, expect, test } from 'vitest';
import { Facts } from '../../src/core/answer/facts.js';
import { landscapeOf } from '../../src/core/answer/landscape.js';
import { createCore, datesLine, decodeQuery, encodeQuery, queryOf } from '../../src/core/index.js';
import { normalize } from '../../src/core/text.js';
import { REGIME_TOPICS, VENDOR_IDS } from '../../src/core/vocabulary.js';
import { phraseIds } from '../../src/i18n/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const kb = loadKnowledge();
const core = createCore(kb);
const known = new Set(Object.keys(kb.names));
const { vendors } = kb.vendors;
const { regimes } = kb.regimes;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

describe('data/vendors.json and data/regimes.json', () => {
  test('every vendor id and rule of the vocabulary is there once', () => {
    expect(vendors.map((v) => v.id).sort()).toEqual([...VENDOR_IDS].sort());
    expect(regimes.map((r) => r.id).sort()).toEqual([...REGIME_TOPICS].sort());
  });

  test('every measure is dated, sourced, said in both languages; a lifted one ends after it began', () => {
    const measures = vendors.flatMap((v) => v.measures.map((m) => ({ v: v.id, m })));
    expect(measures.length).toBeGreaterThanOrEqual(15);
    for (const { v, m } of measures) {
      expect(m.since, v).toMatch(PARTIAL_DATE);
      if (m.until) expect(m.until > m.since, v).toBe(true);
      expect(m.sources.length, v).toBeGreaterThan(0);
      expect(m.text.en.length, v).toBeGreaterThan(20);
      expect(m.text.fr.length, v).toBeGreaterThan(20);
    }
  });

  test('sources: publisher, exact URL without tracking, a title or date only where known (else null)', () => {
    const all = [
      ...vendors.flatMap((v) => [...v.measures, ...v.events].flatMap((x) => x.sources)),
      ...regimes.flatMap((r) => [...r.events, ...r.groups].flatMap((x) => x.sources)),
    ];
    expect(all.length).toBeGreaterThan(150);
    for (const s of all) {
      expect(s.publisher.trim()).toBe(s.publisher);
      expect(s.url).toMatch(/^https?:\/\/[^\s]+$/);
      expect(s.url).not.toMatch(/[?&](utm_|fbclid|gclid)/);
      if (s.date !== null) expect(s.date).toMatch(PARTIAL_DATE);
    }
    // No title was seen on a stored page: none is made up from a URL.
    expect(all.filter((s) => s.title !== null)).toEqual([]);
  });

  test('the facts that were not found are said so, and the conflicts between sources are said', () => {
    const intellexa = vendors.find((v) => v.id === 'intellexa');
    const lifted = intellexa?.measures.find((m) => m.until === '2025-12-30');
    expect(lifted?.text.en).toContain('one aggregator claims he was');
    const finfisher = vendors.find((v) => v.id === 'finfisher');
    expect(finfisher?.measures.find((m) => m.kind === 'closure')?.text.en).toContain('Sources differ');
    expect(regimes.find((r) => r.id === 'pall_mall')?.notFound[0]?.en).toContain('official full list');
  });

  test('member groups name real countries; Israel is reported outside the Joint Statement and Pall Mall', () => {
    for (const r of regimes) for (const g of r.groups) for (const c of g.countries) expect(known.has(c), c).toBe(true);
    const outside = (id: string) =>
      regimes
        .find((r) => r.id === id)
        ?.groups.filter((g) => g.kind === 'non_member')
        .flatMap((g) => g.countries);
    expect(outside('joint_statement')).toContain('IL');
    expect(outside('pall_mall')).toContain('IL');
    const members = regimes
      .find((r) => r.id === 'joint_statement')
      ?.groups.filter((g) => g.kind === 'member')
      .flatMap((g) => g.countries);
    expect(new Set(members).size).toBe(21);
  });

  test('aliases are unique across vendors and none names a country', () => {
    const seen = new Map<string, string>();
    for (const v of vendors) {
      for (const alias of [v.name, ...v.aliases]) {
        const norm = normalize(alias);
        expect(seen.get(norm) ?? v.id, alias).toBe(v.id);
        seen.set(norm, v.id);
        const query = core.understand(alias);
        expect(query.countries, alias).toEqual([]);
      }
    }
  });

  test('"Paragon", "Cytrox", "Predator" are vendors, not countries; "Macedonia" is a country, not a vendor', () => {
    for (const name of ['Paragon', 'Cytrox', 'Predator']) {
      const query = core.understand(`is ${name} allowed?`);
      expect(query.countries, name).toEqual([]);
      expect(query.vendors.length, name).toBe(1);
    }
    const macedonia = core.understand('Is Macedonia allowed?');
    expect(macedonia).toMatchObject({ intent: 'country_status', countries: ['MK'], vendors: [] });
  });

  test('no country name, English or French, reads as a vendor', () => {
    for (const [code, name] of Object.entries(kb.names)) {
      for (const n of [name.display.en, name.display.fr]) {
        const query = core.understand(`is ${n} allowed?`);
        expect(query.vendors, `${code} ${n}`).toEqual([]);
      }
    }
  });
});

describe('the Query codec with vendors and rules', () => {
  test('vendors and a rule survive encoding; at most 3 vendors, 8 countries and 4 choices fit in 62 bytes', () => {
    const query = queryOf('regime', 'fr', {
      regime: 'israel_export_control',
      vendors: ['positive_technologies', 'memento_labs', 'intellexa'],
      countries: ['MA', 'MX', 'AE', 'SA', 'IN', 'HU', 'PL', 'RW'],
      choices: ['CG', 'CD', 'GN', 'GW'],
      aspect: 'sources',
    });
    const key = encodeQuery(query);
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(62);
    expect(decodeQuery(key, known)).toMatchObject({
      intent: 'regime',
      regime: 'israel_export_control',
      vendors: ['positive_technologies', 'memento_labs', 'intellexa'],
    });
    expect(encodeQuery(queryOf('vendor_status', 'en', { vendors: ['candiru'] }))).toBe('1.v.en.....ca');
    // Keys without vendors are what they were before vendors existed.
    expect(encodeQuery(queryOf('country_status', 'en', { countries: ['MA'] }))).toBe('1.c.en...MA.');
  });

  test('forged keys are refused: unknown vendor or rule, vendors where they do not belong, empty or repeated', () => {
    for (const key of [
      '1.v.en...MA.',
      '1.v.en......',
      '1.v.en.....zz',
      '1.v.en.....ca,ca',
      '1.v.en.....ca,in,sv,pt',
      '1.v.en.....CA',
      '1.c.en...MA..ca',
      '1.n.en..overview...ns',
      '1.g.en..xx..',
      '1.g.en..pall_mall..',
      '1.g.en...MA.',
      '1.v.en..el...ca',
      '1.v.en.....toString',
      '1.v.en.....__proto__',
    ])
      expect(decodeQuery(key, known), key).toBeUndefined();
    expect(decodeQuery('1.g.en....', known)).toMatchObject({ intent: 'regime', regime: null });
    expect(decodeQuery('1.v.en....', known)).toMatchObject({ intent: 'vendor_status', vendors: [] });
  });
});

describe('vendor and rule answers', () => {
  /** The answer as shown by default: title, text, the dates line and one line of sources. */
  const shown = (q: string) => {
    const a = core.ask(q);
    const sources = a.sources
      .slice(0, 2)
      .map((s) => `${s.publisher}, ${s.url}`)
      .join(' · ');
    return { a, length: a.title.length + a.text.length + (datesLine(a)?.length ?? 0) + sources.length + 3 };
  };

  test.each([
    ...VENDOR_IDS.filter((id) => id !== 'nso').map((id) => `/vendor ${id}`),
    ...REGIME_TOPICS.map((id) => `/rules ${id}`),
  ])('%s: a bottom line, at most 3 short lines, at most 900 characters, dated, with sources', (command) => {
    const [name, arg] = command.slice(1).split(' ') as [string, string];
    const query = core.understand(arg, { expect: name === 'vendor' ? 'vendor_status' : 'regime' });
    const a = core.answer(query);
    expect(a.title.length).toBeGreaterThan(20);
    expect(a.text.split('\n').length).toBeLessThanOrEqual(3);
    const length = a.title.length + a.text.length + (datesLine(a)?.length ?? 0) + 120;
    expect(length, command).toBeLessThanOrEqual(900);
    expect(a.reviewedOn).toBe('2026-11');
    expect(a.sources.length, command).toBeGreaterThan(0);
    for (const page of a.pages) expect(page.split('\n').filter((l) => l.startsWith('•')).length).toBeLessThanOrEqual(5);
  });

  test('Intellexa: the bottom line, its measures in Answer.vendors (3 people delisted Dec 2025)', () => {
    const { a, length } = shown('has intellexa been sanctioned');
    expect(a.title).toBe(
      'Intellexa — on the US Entity List since Jul 2023 and under US Treasury sanctions since Mar 2024 (3 people delisted Dec 2025).',
    );
    expect(length).toBeLessThanOrEqual(900);
    expect(a.vendors).toHaveLength(1);
    expect(a.vendors[0]?.measures).toContainEqual({ kind: 'entity_list', since: '2023-07-18', until: null });
    expect(a.vendors[0]?.measures).toContainEqual({ kind: 'ofac_sanctions', since: '2024-03-05', until: '2025-12-30' });
    expect(a.details).toContain('Tal Dilian was not reported as removed');
  });

  test('Paragon in Italy: what happened there leads, not NSO’s story', () => {
    const a = core.ask('What happened to Paragon in Italy?');
    expect(a.intent).toBe('vendor_status');
    expect(a.title).toMatch(/^Paragon Solutions in Italy — Paragon said it ended its Italian contracts/);
    expect(a.title).not.toContain('NSO');
    expect(a.reportedOn).toBe('2025-06-09');
  });

  test('May an American company supply NSO? — the Entity List applied: licence, presumption of denial, not an asset freeze', () => {
    const a = core.ask('May an American company supply NSO?');
    expect(a.title).toMatch(/^NSO Group — US Entity List since 3 Nov 2021: .*licence that is normally refused/);
    expect(a.text).toContain('not an asset freeze');
    expect(a.vendors.map((v) => v.id)).toEqual(['nso']);
    expect(a.topic).toBe('us_entity_list');
  });

  test('Paragon and the Entity List: no measure found, said as such', () => {
    const a = core.ask('Is Paragon on the Entity List?');
    expect(a.title).toBe('Paragon Solutions — no US Entity List measure against it in the sources.');
  });

  test('a country the sources say nothing about for a rule: "the sources do not say"', () => {
    const a = core.ask('is peru part of pall mall?');
    expect(a.title).toBe('🇵🇪 Peru — the sources do not say whether it takes part in the Pall Mall Process.');
    const fr = core.ask('le Pérou fait partie de pall mall ?');
    expect(fr.title).toContain('les sources ne disent pas');
  });

  test('a vendor with no measure says so instead of guessing', () => {
    const a = core.answer(core.understand('cellebrite', { expect: 'vendor_status' }));
    expect(a.text).toContain('No US listing, sanctions or other measure against it found in the sources.');
  });

  test('/vendor alone lists the vendors known', () => {
    const a = core.answer(core.understand('', { expect: 'vendor_status' }));
    expect(a.title).toBe('Spyware vendors the bot knows');
    expect(a.text).toContain('Memento Labs (Hacking Team)');
  });

  test('an unknown name after /vendor is said back, not guessed', () => {
    const q = core.understand('Acme Spyware', { expect: 'vendor_status' });
    expect(q).toMatchObject({ intent: 'unknown', unknownWord: 'Acme Spyware' });
  });
});

describe('landscapeOf: the lines a country answer can add', () => {
  test('Greece: outside the Joint Statement; Intellexa (Predator) based there, with its measures', () => {
    const f = new Facts(kb);
    const greece = landscapeOf(f, 'GR', 'en');
    expect(greece.lines).toHaveLength(2);
    // The vendors based there first: the most telling line leads.
    expect(greece.lines[0]).toBe(
      'Spyware firms based here facing measures: Intellexa (Predator): US Entity List, US Treasury (OFAC) sanctions, criminal case',
    );
    expect(greece.lines[1]).toBe('Reported as not in: Joint Statement on commercial spyware (22 Sept 2024)');
    expect(greece.sources.length).toBeGreaterThan(0);
    const france = landscapeOf(f, 'FR', 'fr');
    expect(france.lines).toEqual([
      'Participe à\u00a0: Déclaration commune sur les logiciels espions commerciaux (30 mars 2023) et Processus de Pall Mall (6 févr. 2024)',
    ]);
    expect(landscapeOf(f, 'PE', 'en').lines).toEqual([]);
    // Where a vendor based elsewhere acted: Paragon in Italy.
    expect(landscapeOf(f, 'IT', 'en').lines.some((l) => l.startsWith('Paragon'))).toBe(true);
  });
});

test('landscape phrases exist in both languages', () => {
  const en = phraseIds('en').filter((id) => /^(measure|vendor|regime|landscape|not-found|confidence)-/.test(id));
  const fr = phraseIds('fr').filter((id) => /^(measure|vendor|regime|landscape|not-found|confidence)-/.test(id));
  expect(en.length).toBeGreaterThan(20);
  expect(fr).toEqual(en);
});

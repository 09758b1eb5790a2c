/**
 * Data integrity: the knowledge the bot serves is complete, consistent and sourced.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DATA_DIR, loadKnowledge } from '../../src/knowledge/load.js';
import { TOPICS } from '../../src/knowledge/schema.js';

const kb = loadKnowledge();
const everything = [...kb.exportList.statements, ...kb.exportList.conflicts, ...kb.events, ...kb.notes];

describe('the export list', () => {
  test('holds 37 distinct valid ISO codes, down from 102', () => {
    expect(kb.exportList.listed).toHaveLength(37);
    expect(new Set(kb.exportList.listed).size).toBe(37);
    for (const code of kb.exportList.listed) expect(kb.names[code], code).toBeDefined();
    expect(kb.exportList.previousCount).toBe(102);
  });

  test('names Morocco, the UAE, Saudi Arabia and Mexico as dropped, and keeps India', () => {
    expect([...kb.exportList.removed].sort()).toEqual(['AE', 'MA', 'MX', 'SA']);
    expect(kb.exportList.listed).toContain('IN');
  });

  test('no country is both listed and removed, and Israel is neither', () => {
    for (const code of kb.exportList.removed) expect(kb.exportList.listed).not.toContain(code);
    expect(kb.exportList.listed).not.toContain('IL');
    expect(kb.exportList.removed).not.toContain('IL');
  });

  test('25 of the 27 EU states are on it: all but Hungary and Poland', () => {
    const eu = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
    expect(eu.filter((c) => !kb.exportList.listed.includes(c))).toEqual(['HU', 'PL']);
  });

  test('records where sources disagree: 38 countries and India', () => {
    const ids = kb.exportList.conflicts.map((c) => c.id);
    expect(ids).toContain('count-38');
    expect(ids).toContain('india');
    expect(kb.exportList.conflicts.find((c) => c.id === 'india')?.countries).toContain('IN');
  });

  test('every status text names the country in both languages', () => {
    for (const status of ['listed', 'removed', 'not_listed'] as const) {
      expect(kb.exportList.statusText[status].en).toContain('{name}');
      expect(kb.exportList.statusText[status].fr).toContain('{name}');
    }
  });
});

describe('the NSO timeline', () => {
  test('has at least 40 events from the 2010 founding to 2026', () => {
    expect(kb.events.length).toBeGreaterThanOrEqual(40);
    const dates = kb.events.map((e) => e.date).sort();
    expect(kb.events.some((e) => e.date.startsWith('2010') && e.topics.includes('ownership'))).toBe(true);
    expect((dates.at(-1) ?? '') >= '2026-01-01').toBe(true);
  });

  test('covers every topic (overview through key events, latest through dates)', () => {
    const tagged = new Set(kb.events.flatMap((e) => e.topics));
    for (const topic of TOPICS) {
      if (topic === 'overview') expect(kb.events.filter((e) => e.key).length).toBeGreaterThanOrEqual(8);
      else if (topic !== 'latest') expect(tagged.has(topic), topic).toBe(true);
    }
  });

  test('event ids are unique', () => {
    expect(new Set(kb.events.map((e) => e.id)).size).toBe(kb.events.length);
  });
});

describe('every fact', () => {
  test('has at least one source with an https URL', () => {
    for (const item of everything) {
      expect(
        item.sources.some((s) => s.url.startsWith('https://')),
        JSON.stringify(item.text.en),
      ).toBe(true);
    }
  });

  test('cites its sources by the URL as found: no tracking parameters added on the way', () => {
    for (const item of everything) {
      for (const source of item.sources) expect(source.url).not.toMatch(/[?&](utm_[a-z]+|fbclid|gclid|rl)=/);
    }
  });

  test('is written in English and in French, and the two differ', () => {
    for (const item of everything) {
      expect(item.text.en.length).toBeGreaterThan(10);
      expect(item.text.fr.length).toBeGreaterThan(10);
      expect(item.text.fr).not.toBe(item.text.en);
    }
  });

  test('has a date that exists and is not in the future', () => {
    for (const item of everything) {
      expect(Number.isNaN(Date.parse(item.date)), item.date).toBe(false);
      expect(item.date <= '2026-12-31').toBe(true);
    }
  });

  test('never calls a sale "legal" or "cleared"', () => {
    for (const item of [...everything.map((i) => i.text), ...Object.values(kb.exportList.statusText)]) {
      expect(item.en).not.toMatch(/\b(is legal|cleared)\b/i);
      expect(item.fr).not.toMatch(/\best légal/i);
    }
  });
});

describe('country notes and aliases', () => {
  test('every country with notes resolves to a known code', () => {
    for (const note of kb.notes) expect(kb.names[note.country], note.country).toBeDefined();
    const countries = new Set(kb.notes.map((n) => n.country));
    for (const code of ['SA', 'AE', 'MA', 'FR', 'MX', 'IN', 'HU', 'PL', 'ES', 'RW'])
      expect(countries.has(code)).toBe(true);
  });

  test('no alias points to two countries', () => {
    const seen = new Map<string, string>();
    for (const [code, list] of Object.entries(kb.aliases)) {
      for (const alias of list) {
        const key = alias
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase();
        expect(seen.get(key) ?? code, alias).toBe(code);
        seen.set(key, code);
      }
    }
  });
});

describe('loading bad data', () => {
  function brokenCopy(file: string, edit: (json: Record<string, unknown>) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'cyberexport-data-'));
    cpSync(DATA_DIR, dir, { recursive: true });
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    edit(json);
    writeFileSync(join(dir, file), JSON.stringify(json));
    return dir;
  }

  test('stops with an error naming the file and the field', () => {
    const dir = brokenCopy('timeline.json', (json) => {
      (json.events as { sources: unknown[] }[])[3] = { ...(json.events as object[])[3], sources: [] } as never;
    });
    expect(() => loadKnowledge(dir)).toThrow(/timeline\.json[\s\S]*events\.3\.sources/);
  });

  test('rejects a list that is not 37 countries', () => {
    const dir = brokenCopy('export-list.json', (json) => {
      (json.listed as string[]).pop();
    });
    expect(() => loadKnowledge(dir)).toThrow(/export-list\.json[\s\S]*listed/);
  });

  test('rejects an unknown country code', () => {
    const dir = brokenCopy('country-notes.json', (json) => {
      (json.notes as { country: string }[])[0] = { ...(json.notes as object[])[0], country: 'QQ' } as never;
    });
    expect(() => loadKnowledge(dir)).toThrow(/country-notes\.json: field notes\.0\.country: "QQ"/);
  });

  test('changes the data version when the data changes', () => {
    const dir = brokenCopy('aliases.json', (json) => {
      (json.aliases as Record<string, string[]>).MA?.push('Maroco-test');
    });
    expect(loadKnowledge(dir).version).not.toBe(kb.version);
  });
});

/**
 * Data integrity: the knowledge the bot serves is complete, consistent and sourced.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DATA_DIR, loadKnowledge } from '../../src/knowledge/load.js';
import { type Bilingual, type Source, TOPICS } from '../../src/knowledge/schema.js';
import { cleanUrl, hostIn, hostOf, tierOf, tierRank } from '../../src/knowledge/sources.js';

const kb = loadKnowledge();
const everything = [...kb.exportList.statements, ...kb.exportList.conflicts, ...kb.events, ...kb.notes];
const idOf = (item: (typeof everything)[number]) => ('id' in item ? item.id : `${item.country} ${item.date}`);
/** Everything that cites sources: the facts and the one-line summaries. */
const cited: { name: string; sources: Source[] }[] = [
  ...everything.map((item) => ({ name: idOf(item), sources: item.sources })),
  ...Object.entries(kb.summaries.status).map(([status, line]) => ({
    name: `summary ${status}`,
    sources: line.sources,
  })),
  ...kb.summaries.topics.map((line) => ({ name: `summary ${line.topic}`, sources: line.sources })),
];

/** The sources as written in the data files, before loading cleans anything. */
function rawSources(): Source[] {
  const read = (file: string) => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));
  const list = read('export-list.json');
  const items = [
    ...list.statements,
    ...list.conflicts,
    ...read('timeline.json').events,
    ...read('country-notes.json').notes,
  ];
  return items.flatMap((item: { sources: Source[] }) => item.sources);
}

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

describe('sources', () => {
  test('as written in the data, carry no tracking parameter', () => {
    const raw = rawSources();
    expect(raw.length).toBeGreaterThan(200);
    for (const source of raw) expect(cleanUrl(source.url, kb.sourcePolicy.trackingParams)).toBe(source.url);
  });

  test('come from no denied host (app-download sites, staging copies, feed readers)', () => {
    expect(kb.sourcePolicy.denyHosts).toEqual(expect.arrayContaining(['proapk.in', 'sott.net']));
    for (const item of cited)
      for (const source of item.sources)
        expect(hostIn(hostOf(source.url), kb.sourcePolicy.denyHosts), source.url).toBe(false);
  });

  test('name a publisher, and a title only where it is known: never empty, never the publisher again', () => {
    for (const item of cited) {
      for (const source of item.sources) {
        expect(source.publisher.trim().length).toBeGreaterThan(1);
        if (source.title !== null) {
          expect(source.title.trim().length, source.url).toBeGreaterThan(5);
          expect(source.title).not.toBe(source.publisher);
        }
      }
    }
  });

  test('do not name an anonymous mirror after the outlet it copies', () => {
    for (const item of cited)
      for (const source of item.sources)
        if (hostIn(hostOf(source.url), ['netlify.app'])) expect(source.publisher).not.toMatch(/forbidden stories/i);
  });

  test('carry a publication date only in the form of what is known, and none after the review', () => {
    const dated = cited.flatMap((item) => item.sources).filter((s) => s.date !== null);
    expect(dated.length).toBeGreaterThan(0);
    for (const source of dated) {
      expect(source.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect((source.date ?? '') <= kb.timelineReviewedOn, source.url).toBe(true);
    }
  });

  test('of each fact are listed best first: primary, reputable, others, weak', () => {
    for (const item of cited) {
      const ranks = item.sources.map((s) => tierRank(tierOf(s.url, kb.sourcePolicy)));
      expect(ranks, item.name).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  test('read the same wherever a page is cited: one publisher, title and date per URL', () => {
    const byUrl = new Map<string, Source>();
    for (const item of cited) {
      for (const source of item.sources) {
        const first = byUrl.get(source.url) ?? source;
        byUrl.set(source.url, first);
        expect(source, `${item.name}: ${source.url}`).toEqual(first);
      }
    }
  });

  test('are cited once per fact', () => {
    for (const item of cited) {
      const urls = item.sources.map((s) => s.url);
      expect(new Set(urls).size, item.name).toBe(urls.length);
    }
  });
});

describe('review dates', () => {
  test('the export list was last checked in May 2026, against the statement that it is still current', () => {
    expect(kb.exportList.reviewedOn).toBe('2026-05');
    const current = kb.exportList.statements.find((s) => s.id === 'still-current-2026');
    expect(current?.date.startsWith(kb.exportList.reviewedOn)).toBe(true);
  });

  test('the timeline was last checked in November 2026, after its newest event', () => {
    expect(kb.timelineReviewedOn).toBe('2026-11');
    for (const event of kb.events) expect(event.date.slice(0, 7) <= kb.timelineReviewedOn, event.id).toBe(true);
  });
});

const ROMAN = new Map([
  ['I', 1],
  ['V', 5],
  ['X', 10],
  ['L', 50],
  ['C', 100],
]);
function fromRoman(numeral: string): number {
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = ROMAN.get(numeral[i] as string) ?? 0;
    const next = ROMAN.get(numeral[i + 1] as string) ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * The numbers a text names, as a sorted list. Allowed differences of form: thousands written 1,000 in
 * English and 1 000 in French; decimals 6.5 and 6,5; ordinals 1st / 1er; French centuries in Roman
 * numerals (XXIe siècle).
 */
function numbersIn(text: string, lang: 'en' | 'fr'): string[] {
  let t = text;
  if (lang === 'fr') {
    t = t.replace(/\b([IVXLC]+)e siècle/g, (_, r: string) => `${fromRoman(r)} siècle`);
    t = t.replace(/(\d)[ \u00a0\u202f](?=\d{3}\b)/g, '$1');
    t = t.replace(/(\d),(\d)/g, '$1.$2');
  } else {
    t = t.replace(/(\d),(?=\d{3}\b)/g, '$1');
  }
  return (t.match(/\d+(?:\.\d+)?/g) ?? []).sort();
}

const MONTHS = {
  en: [
    /^Jan(uary)?$/,
    /^Feb(ruary)?$/,
    /^Mar(ch)?$/,
    /^Apr(il)?$/,
    /^May$/,
    /^June?$/,
    /^July?$/,
    /^Aug(ust)?$/,
    /^Sep(t|tember)?$/,
    /^Oct(ober)?$/,
    /^Nov(ember)?$/,
    /^Dec(ember)?$/,
  ],
  fr: [
    /^janvier$/,
    /^février$/,
    /^mars$/,
    /^avril$/,
    /^mai$/,
    /^juin$/,
    /^juillet$/,
    /^août$/,
    /^septembre$/,
    /^octobre$/,
    /^novembre$/,
    /^décembre$/,
  ],
} as const;

/** The months a text names next to a number (a day before it or a year after it), as month numbers. */
function monthsIn(text: string, lang: 'en' | 'fr'): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const month = MONTHS[lang].findIndex((re) => re.test(match[0]));
    if (month < 0) continue;
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    if (/\d(er)?[ \u00a0]+$/.test(before) || /^[ \u00a0]+\d/.test(after)) found.push(month + 1);
  }
  return found.sort((a, b) => a - b);
}

describe('English and French', () => {
  const pairs: [string, Bilingual][] = [
    ...everything.map((item): [string, Bilingual] => [idOf(item), item.text]),
    ...Object.entries(kb.exportList.statusText).map(([status, text]): [string, Bilingual] => [
      `status ${status}`,
      text,
    ]),
  ];

  /** The pairs whose English and French give different values, each with both values. */
  function differing<T>(of: (text: string, lang: 'en' | 'fr') => T[]): string[] {
    return pairs
      .filter(([, text]) => JSON.stringify(of(text.en, 'en')) !== JSON.stringify(of(text.fr, 'fr')))
      .map(([id, text]) => `${id}: en ${of(text.en, 'en').join(' ')} / fr ${of(text.fr, 'fr').join(' ')}`);
  }

  test('name the same numbers (amounts, counts, years, days)', () => {
    expect(differing(numbersIn)).toEqual([]);
  });

  test('name the same months in their dates', () => {
    expect(differing(monthsIn)).toEqual([]);
  });

  test('the comparison sees a dropped figure and a changed month', () => {
    expect(numbersIn('The PGR (~$15m), SEDENA and CISEN bought 1,091 licences on 25 Nov 2021.', 'en')).not.toEqual(
      numbersIn('La PGR, la SEDENA et le CISEN ont acheté 1 091 licences le 25 novembre 2021.', 'fr'),
    );
    expect(numbersIn('$167.25m and 1,223 victims in the 21st century', 'en')).toEqual(
      numbersIn('167,25 M$ et 1 223 victimes au XXIe siècle', 'fr'),
    );
    expect(monthsIn('by 22 July 2022', 'en')).not.toEqual(monthsIn('au 22 juin 2022', 'fr'));
    expect(monthsIn('in May 2021; it may fall', 'en')).toEqual(monthsIn('en mai 2021', 'fr'));
  });

  test('French uses typographic apostrophes, a no-break space before : and ;, and one term for offensive cyber tools', () => {
    for (const [id, text] of pairs) {
      expect(text.fr, id).not.toContain("'");
      expect(text.fr, id).not.toMatch(/ [:;?!]/);
      expect(text.fr, id).not.toMatch(/cyberarmes?|cyber-?outils|armes cyber|éditeurs d’espions/i);
      expect(text.fr, id).not.toMatch(/\bdommages (punitifs|compensatoires)/);
    }
  });
});

describe('statements say no more than their sources', () => {
  const event = (id: string) => kb.events.find((e) => e.id === id);

  test('Moody’s flagged the risk of a covenant breach, not a breach', () => {
    expect(event('moodys-caa2-2021')?.text.en).toMatch(/risk of a covenant breach/);
    expect(event('moodys-caa2-2021')?.text.fr).toMatch(/risque d’un manquement/);
  });

  test('Macron’s phone could not be examined, rather than was never examined', () => {
    const note = kb.notes.find((n) => n.country === 'FR' && n.date === '2021-07-22');
    expect(note?.text.en).toMatch(/could not examine/);
    expect(note?.text.en).not.toMatch(/never examined/);
  });

  test('L3Harris had dropped the talks by 22 July, in both languages', () => {
    expect(event('l3harris-drops-2022')?.text.fr).toMatch(/^Au 22 juillet 2022/);
  });

  test('the 2021 dispute was among Novalpina’s founders, and Benbenisti’s exit has its own source', () => {
    expect(event('novalpina-ousted-2021')?.text.en).toMatch(/Novalpina's own founders/);
    const benbenisti = event('benbenisti-quits-2021')?.sources.map((s) => s.url) ?? [];
    const hulio = event('hulio-steps-down-2022')?.sources.map((s) => s.url) ?? [];
    expect(benbenisti.some((u) => u.includes('new-nso-ceo-steps-aside'))).toBe(true);
    expect(benbenisti.some((u) => /laid|lays-off/.test(u))).toBe(false);
    expect(hulio.filter((u) => /laid|lays-off/.test(u))).toHaveLength(2);
    expect(hulio.filter((u) => benbenisti.includes(u))).toEqual([]);
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

  test('removes tracking parameters from source URLs as it loads them', () => {
    const original = (JSON.parse(readFileSync(join(DATA_DIR, 'timeline.json'), 'utf8')).events[0].sources[0] as Source)
      .url;
    const dir = brokenCopy('timeline.json', (json) => {
      const source = (json.events as { sources: Source[] }[])[0]?.sources[0] as Source;
      source.url = `${source.url}?utm_source=Push&utm_medium=Chrome&fbclid=IwAR0`;
    });
    expect(loadKnowledge(dir).events[0]?.sources[0]?.url).toBe(original);
  });

  test('rejects a source from a denied host', () => {
    const dir = brokenCopy('country-notes.json', (json) => {
      const source = (json.notes as { sources: Source[] }[])[2]?.sources[0] as Source;
      source.url = 'https://proapk.in/israel-bans-export-of-cyber-weapons-to-65-countries/';
    });
    expect(() => loadKnowledge(dir)).toThrow(
      /country-notes\.json: field notes\.2\.sources\.0\.url: host proapk\.in is denied/,
    );
  });

  test('rejects an empty title and a source date that is not a date', () => {
    const edit = (field: 'title' | 'date', value: string) =>
      brokenCopy('export-list.json', (json) => {
        const source = (json.statements as { sources: Source[] }[])[0]?.sources[0] as Source;
        Object.assign(source, { [field]: value });
      });
    expect(() => loadKnowledge(edit('title', ''))).toThrow(/statements\.0\.sources\.0\.title/);
    expect(() => loadKnowledge(edit('date', '2021-13'))).toThrow(/statements\.0\.sources\.0\.date/);
    expect(() => loadKnowledge(edit('date', '2021-02-30'))).toThrow(/statements\.0\.sources\.0\.date/);
    expect(loadKnowledge(edit('date', '2021-11')).exportList.statements[0]?.sources[0]?.date).toBe('2021-11');
  });

  test('changes the data version when the data changes', () => {
    const dir = brokenCopy('aliases.json', (json) => {
      (json.aliases as Record<string, string[]>).MA?.push('Maroco-test');
    });
    expect(loadKnowledge(dir).version).not.toBe(kb.version);
  });
});

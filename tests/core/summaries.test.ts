/**
 * The bottom lines (`data/summaries.json`): the one line that opens an answer is short, sourced and
 * says the same thing in English and in French.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { STATUSES, type Status } from '../../src/core/types.js';
import { flagOf } from '../../src/core/understand/countries.js';
import { formatDate } from '../../src/i18n/index.js';
import { DATA_DIR, loadKnowledge } from '../../src/knowledge/load.js';
import { type Lang, type StatusSummary, TOPICS, type TopicSummary } from '../../src/knowledge/schema.js';

const kb = loadKnowledge();
const LANGS: Lang[] = ['en', 'fr'];
const STATUS_MAX = 140;
const TOPIC_MAX = 170;

const statusLines = STATUSES.map((status) => [status, kb.summaries.status[status]] as const);
const topicLines = kb.summaries.topics;
const topicLine = (topic: string) => topicLines.find((l) => l.topic === topic);
const allLines: (StatusSummary | TopicSummary)[] = [...statusLines.map(([, line]) => line), ...topicLines];

/** The countries a status line can be about, as the data has them. */
function countriesWith(status: Status): string[] {
  const { listed, removed, domestic } = kb.exportList;
  if (status === 'listed') return listed;
  if (status === 'removed') return removed;
  if (status === 'domestic') return [domestic];
  return Object.keys(kb.names).filter((c) => c !== domestic && !listed.includes(c) && !removed.includes(c));
}

/** A status line as an answer shows it for one country. */
function fill(text: string, code: string, lang: Lang): string {
  return text
    .replaceAll('{flag}', flagOf(code))
    .replaceAll('{name}', kb.names[code]?.display[lang] ?? code)
    .replaceAll('{since}', formatDate(kb.exportList.reportedOn, lang, 'month'));
}

/** The figures a text states, written the same way whatever the language ("167,25" = "167.25", "50 000" = "50,000"). */
function numbers(text: string, lang: Lang): string[] {
  const plain =
    lang === 'en'
      ? text.replace(/(\d),(?=\d{3}\b)/g, '$1')
      : text.replace(/(\d)[ \u00a0\u202f](?=\d{3}\b)/g, '$1').replace(/(\d),(\d)/g, '$1.$2');
  return (plain.match(/\d+(?:\.\d+)?/g) ?? []).sort();
}

describe('the status lines', () => {
  test('name the country in both languages', () => {
    for (const [status, line] of statusLines)
      for (const lang of LANGS) expect(line.text[lang], `${status} ${lang}`).toContain('{name}');
  });

  test(`fit in ${STATUS_MAX} characters for the longest country name of their status`, () => {
    for (const [status, line] of statusLines) {
      for (const lang of LANGS) {
        const longest = countriesWith(status)
          .map((code) => fill(line.text[lang], code, lang))
          .sort((a, b) => b.length - a.length)[0];
        expect(longest, `${status} ${lang}`).toBeDefined();
        expect(longest?.length, longest).toBeLessThanOrEqual(STATUS_MAX);
      }
    }
  });

  test('read as the answer for Morocco, Spain and Israel', () => {
    expect(fill(kb.summaries.status.removed.text.en, 'MA', 'en')).toMatch(/^🇲🇦 Morocco — .*Nov 2021/);
    expect(fill(kb.summaries.status.listed.text.fr, 'ES', 'fr')).toMatch(/^🇪🇸 Espagne\u00a0: .*nov\. 2021/);
    expect(fill(kb.summaries.status.domestic.text.en, 'IL', 'en')).toMatch(/^🇮🇱 Israel .*DECA/);
  });

  test('use no placeholder but {flag}, {name} and {since}', () => {
    for (const [status, line] of statusLines)
      for (const lang of LANGS)
        for (const [placeholder] of line.text[lang].matchAll(/\{[^}]*\}/g))
          expect(['{flag}', '{name}', '{since}'], `${status} ${lang}`).toContain(placeholder);
  });

  test('in French, agree with no country name (no “absent” or “retiré”)', () => {
    for (const [status, line] of statusLines) expect(line.text.fr, status).not.toMatch(/\b(absente?s?|retirée?s?)\b/i);
  });
});

describe('the NSO topic lines', () => {
  test('cover every topic, once', () => {
    expect(topicLines.map((l) => l.topic).sort()).toEqual([...TOPICS].sort());
  });

  test(`fit in ${TOPIC_MAX} characters and hold no placeholder`, () => {
    for (const line of topicLines) {
      for (const lang of LANGS) {
        expect(line.text[lang].length, line.text[lang]).toBeLessThanOrEqual(TOPIC_MAX);
        expect(line.text[lang], line.topic).not.toMatch(/[{}]/);
      }
    }
  });

  test('give WhatsApp’s award, its cut and the appeal', () => {
    const whatsapp = topicLine('whatsapp_lawsuit');
    expect(whatsapp?.text.en).toMatch(/\$167\.25m[\s\S]*\$4m[\s\S]*appeal/);
    expect(whatsapp?.text.fr).toMatch(/167,25\u00a0M\$[\s\S]*4\u00a0M\$[\s\S]*[Aa]ppel/);
  });

  test('say the 2025 sale of NSO is not confirmed', () => {
    const ownership = topicLine('ownership');
    expect(ownership?.text.en).toMatch(/not confirmed/);
    expect(ownership?.text.fr).toMatch(/non confirmé/);
  });
});

describe('every bottom line', () => {
  test('is one line, in English and in French, and the two differ', () => {
    for (const line of allLines) {
      for (const lang of LANGS) expect(line.text[lang]).not.toMatch(/\n/);
      expect(line.text.fr).not.toBe(line.text.en);
    }
  });

  test('states the same figures in English and in French', () => {
    for (const line of allLines) expect(numbers(line.text.fr, 'fr'), line.text.en).toEqual(numbers(line.text.en, 'en'));
  });

  test('writes French with curly apostrophes and a non-breaking space before : ; ? !', () => {
    for (const line of allLines) {
      expect(line.text.fr, line.text.fr).not.toMatch(/'/);
      expect(line.text.fr, line.text.fr).not.toMatch(/[^\u00a0\u202f][:;?!]/);
      expect(line.text.fr, line.text.fr).not.toMatch(/«[^\u00a0\u202f]|[^\u00a0\u202f]»/);
    }
  });

  test('has a date that fits its precision and is not in the future', () => {
    for (const line of allLines) {
      expect(Number.isNaN(Date.parse(line.date)), line.date).toBe(false);
      expect(line.date <= '2026-12-31', line.date).toBe(true);
      if (line.precision === 'month') expect(line.date).toMatch(/-01$/);
      if (line.precision === 'year') expect(line.date).toMatch(/-01-01$/);
    }
  });

  test('cites one to three sources by the URL as found: no tracking parameters', () => {
    for (const line of allLines) {
      expect(line.sources.length).toBeGreaterThanOrEqual(1);
      expect(line.sources.length).toBeLessThanOrEqual(3);
      expect(new Set(line.sources.map((s) => s.url)).size, line.text.en).toBe(line.sources.length);
      for (const source of line.sources)
        expect(source.url).not.toMatch(/[?&](utm_[a-z]+|fbclid|gclid|rl|cache|mc_[a-z]+)=/);
    }
  });

  test('never calls a sale "legal" or "cleared"', () => {
    for (const line of allLines) {
      expect(line.text.en).not.toMatch(/\b(is legal|cleared)\b/i);
      expect(line.text.fr).not.toMatch(/\best légal/i);
    }
  });
});

describe('loading bad bottom lines', () => {
  function brokenCopy(edit: (json: { status: Record<string, StatusSummary>; topics: TopicSummary[] }) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'cyberexport-summaries-'));
    cpSync(DATA_DIR, dir, { recursive: true });
    const file = join(dir, 'summaries.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    edit(json);
    writeFileSync(file, JSON.stringify(json));
    return dir;
  }

  test('rejects a placeholder the answer does not fill', () => {
    const dir = brokenCopy((json) => {
      const removed = json.status.removed as StatusSummary;
      removed.text.en = `${removed.text.en} {count}`;
    });
    expect(() => loadKnowledge(dir)).toThrow(
      /summaries\.json: field status\.removed\.text\.en: unknown placeholder \{count\}/,
    );
  });

  test('rejects two lines for one topic', () => {
    const count = kb.summaries.topics.length;
    const dir = brokenCopy((json) => {
      json.topics.push({ ...(json.topics[0] as TopicSummary) });
    });
    expect(() => loadKnowledge(dir)).toThrow(
      new RegExp(`summaries\\.json: field topics\\.${count}\\.topic: "overview" has two lines`),
    );
  });

  test('rejects a source date guessed in the wrong shape, and a fourth source', () => {
    const badDate = brokenCopy((json) => {
      const first = json.topics[0] as TopicSummary;
      first.sources = [{ ...(first.sources[0] as TopicSummary['sources'][number]), date: 'Nov 2021' }];
    });
    expect(() => loadKnowledge(badDate)).toThrow(/summaries\.json[\s\S]*topics\.0\.sources\.0\.date/);
    const tooMany = brokenCopy((json) => {
      const first = json.topics[0] as TopicSummary;
      const source = first.sources[0] as TopicSummary['sources'][number];
      first.sources = [1, 2, 3, 4].map((n) => ({ ...source, url: `https://example.org/${n}` }));
    });
    expect(() => loadKnowledge(tooMany)).toThrow(/summaries\.json[\s\S]*topics\.0\.sources/);
  });
});

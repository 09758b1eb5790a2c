/**
 * The short answer a person reads on a phone: a first line that answers, at most three short lines,
 * one dates line; everything else behind "More", page by page.
 */
import { describe, expect, it } from 'vitest';
import { createCore, datesLine, queryOf, TOPICS } from '../../src/core/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const kb = loadKnowledge();
const core = createCore(kb);
/** What the platforms add to the short answer: one line of two or three linked publishers. */
const SOURCES_LINE = 150;

function shown(answer: ReturnType<typeof core.answer>): string {
  return [answer.title, answer.text, datesLine(answer) ?? ''].join('\n');
}

describe('short answers', () => {
  it('every country: one line that answers, at most three more, within 600 characters with sources', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const code of Object.keys(kb.names)) {
        const answer = core.answer(queryOf('country_status', lang, { countries: [code] }));
        expect(answer.title).not.toContain('\n');
        expect(answer.title).toContain(answer.countries[0]?.name ?? '?');
        expect(answer.text.split('\n').length).toBeLessThanOrEqual(3);
        expect(shown(answer).length + SOURCES_LINE, `${lang} ${code}`).toBeLessThanOrEqual(600);
        expect(answer.reportedOn).toBe(kb.exportList.reportedOn);
        expect(answer.reviewedOn).not.toBeNull();
      }
    }
  });

  it('every NSO topic and both lists: within 900 characters with sources, the rest in pages', () => {
    const queries = [
      ...TOPICS.map((topic) => queryOf('nso', 'en', { topic })),
      queryOf('list_allowed', 'en'),
      queryOf('list_removed', 'en'),
    ];
    for (const lang of ['en', 'fr'] as const) {
      for (const query of queries) {
        const answer = core.answer({ ...query, lang });
        const label = `${lang} ${query.intent} ${query.topic}`;
        expect(answer.title, label).not.toContain('\n');
        expect(answer.text.split('\n').length, label).toBeLessThanOrEqual(3);
        expect(shown(answer).length + SOURCES_LINE, label).toBeLessThanOrEqual(900);
        expect(answer.pages.length, label).toBeGreaterThan(0);
        expect(answer.details).toBe(answer.pages.join('\n\n'));
        for (const page of answer.pages)
          expect(page.split('\n').filter((l) => l.startsWith('• ')).length).toBeLessThanOrEqual(5);
      }
    }
  });

  it('who owns NSO now and what WhatsApp won are said in the first line', () => {
    expect(core.ask('who owns nso now?').title).toMatch(/US investor group/);
    expect(core.ask('how much did whatsapp win?').title).toMatch(/\$167\.25m.*\$4m/);
  });

  it('the first line of a country says what it means for a sale, in both languages', () => {
    expect(core.ask('is morocco allowed?').title).toMatch(/^🇲🇦 Morocco — .*licence/);
    expect(core.ask('le maroc est-il autorisé ?').title).toMatch(/^🇲🇦 Maroc\s.*licence/u);
  });

  it('"more" typed after an answer gives every page', () => {
    const first = core.ask('is morocco allowed?');
    const more = core.ask('more', { context: core.understand('is morocco allowed?') });
    expect(more.text).toBe(first.details);
  });
});

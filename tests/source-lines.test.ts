/**
 * How a source reads wherever it is shown: the publisher always, the date and the title only when the
 * data knows them (never "null", never a made-up headline or day).
 */
import { describe, expect, test } from 'vitest';
import { renderPlain } from '../src/adapters/console/render.js';
import { sourceFields } from '../src/adapters/discord/render.js';
import { renderSources } from '../src/adapters/telegram/render.js';
import { type Answer, createCore } from '../src/core/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { parseTelegramHtml } from './emulators/telegram-api.js';

const core = createCore(loadKnowledge());

const SOURCES: Answer['sources'] = [
  {
    publisher: 'Amnesty International',
    title: 'Forensic methodology report',
    url: 'https://example.org/a',
    date: '2021-07-18',
  },
  { publisher: 'Globes (via vLex)', title: null, url: 'https://example.org/b', date: '2022-04' },
  { publisher: 'The Wire', title: null, url: 'https://example.org/c', date: null },
];

describe('the sources answer', () => {
  test('lists the publisher, then the date and the title where known', () => {
    const en = core.ask('sources?', { hint: 'en' });
    expect(en.text).toContain(
      '• The Times of Israel: Amid NSO scandal, Israel said to ban cyber tech sales to 65 countries',
    );
    expect(en.text).toMatch(/^• Israel Hayom, 10 Nov 2025$/m);
    const fr = core.ask('quelles sont tes sources ?', { hint: 'fr' });
    expect(fr.lang).toBe('fr');
    expect(fr.text).toMatch(/^• Israel Hayom, 10 nov\. 2025$/m);
    for (const answer of [en, fr]) expect(answer.text).not.toMatch(/null|undefined|NaN/);
  });
});

describe('renderers', () => {
  const answer: Answer = { ...core.ask('Is Morocco allowed?'), sources: SOURCES };

  test('Telegram links the publisher (and the title when known), with the date at its precision', () => {
    const seen = parseTelegramHtml(renderSources(answer).join('\n'));
    expect(seen).toContain('Amnesty International: Forensic methodology report (18 Jul 2021)');
    expect(seen).toContain('Globes (via vLex) (Apr 2022)');
    expect(seen).toMatch(/The Wire$/m);
    expect(seen).not.toMatch(/null|undefined|NaN/);
  });

  test('Discord links the title, or the publisher when there is no title, and adds the date only when known', () => {
    const value = sourceFields(SOURCES, 'en')
      .map((f) => f.value)
      .join('\n');
    expect(value).toContain(
      '• [Forensic methodology report](https://example.org/a) — Amnesty International, 2021-07-18',
    );
    expect(value).toContain('• [Globes (via vLex)](https://example.org/b) — Globes (via vLex), 2022-04\n');
    expect(value).toMatch(/• \[The Wire\]\(https:\/\/example\.org\/c\) — The Wire$/m);
    expect(value).not.toMatch(/null|undefined/);
  });

  test('the terminal prints what is known and nothing else', () => {
    const text = renderPlain(answer);
    expect(text).toContain(
      '  - Amnesty International, 2021-07-18: Forensic methodology report <https://example.org/a>',
    );
    expect(text).toContain('  - Globes (via vLex), 2022-04 <https://example.org/b>');
    expect(text).toContain('  - The Wire <https://example.org/c>');
  });
});

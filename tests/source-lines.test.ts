/**
 * How a source reads wherever it is shown: the publisher always, the date and the title only when the
 * data knows them (never "null", never a made-up headline or day).
 */
import { describe, expect, test } from 'vitest';
import { renderPlain } from '../src/adapters/console/render.js';
import { renderDiscord } from '../src/adapters/discord/render.js';
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
  // The short answer links the first three by publisher; the Sources view describes the others in full.
  const shown = ['A', 'B', 'C'].map((p) => ({
    publisher: p,
    title: null,
    url: `https://example.org/${p}`,
    date: null,
  }));
  const answer: Answer = { ...core.ask('Is Morocco allowed?'), sources: [...shown, ...SOURCES] };
  const query = { ...core.understand('Is Morocco allowed?'), aspect: 'sources' as const };

  test('Telegram links the publisher and date at its precision, then the title when known', () => {
    const seen = parseTelegramHtml(renderSources(answer).join('\n'));
    expect(seen).toContain('• Amnesty International, 18 Jul 2021: Forensic methodology report');
    expect(seen).toMatch(/^• Globes \(via vLex\), Apr 2022$/m);
    expect(seen).toMatch(/^• The Wire$/m);
    expect(seen).not.toMatch(/null|undefined|NaN/);
  });

  test('Discord links the publisher and the date only when known, then the title when known', () => {
    const value = renderDiscord(answer, query).embeds[0]?.description ?? '';
    expect(value).toContain(
      '• [Amnesty International, 18 Jul 2021](https://example.org/a): Forensic methodology report',
    );
    expect(value).toContain('• [Globes (via vLex), Apr 2022](https://example.org/b)\n');
    expect(value).toMatch(/• \[The Wire\]\(https:\/\/example\.org\/c\)$/m);
    expect(value).not.toMatch(/null|undefined/);
  });

  test('the terminal prints what is known and nothing else', () => {
    const text = renderPlain(answer, query);
    expect(text).toContain(
      '  - Amnesty International, 18 Jul 2021: Forensic methodology report <https://example.org/a>',
    );
    expect(text).toContain('  - Globes (via vLex), Apr 2022 <https://example.org/b>');
    expect(text).toContain('  - The Wire <https://example.org/c>');
  });
});

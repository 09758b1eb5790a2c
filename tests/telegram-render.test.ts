import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeAction } from '../src/adapters/actions.js';
import {
  answerKeyboard,
  escapeHtml,
  MAX_CAPTION_LENGTH,
  MAX_MESSAGE_LENGTH,
  plainText,
  renderCaption,
  renderSources,
  renderTelegram,
} from '../src/adapters/telegram/render.js';
import { type Answer, createCore } from '../src/core/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { parseTelegramHtml } from './emulators/telegram-api.js';

const core = createCore(loadKnowledge());

function longAnswer(paragraphs: number, paragraph: string): Answer {
  return {
    ...core.ask('Is Morocco allowed?'),
    text: Array.from({ length: paragraphs }, (_, i) => `${i}: ${paragraph}`).join('\n\n'),
  };
}

describe('renderTelegram', () => {
  test('a country answer: its title in bold first, the text, the dates line, one line of sources', () => {
    const answer: Answer = { ...core.ask('Is Morocco allowed?'), reportedOn: '2021-11-25', reviewedOn: '2026-05' };
    const [html] = renderTelegram(answer);
    expect(html?.startsWith(`<b>${escapeHtml(answer.title)}</b>\n\n`)).toBe(true);
    const lines = (html as string).split('\n');
    expect(lines.at(-2)).toBe('<i>Reported 25 Nov 2021 · no change known as of May 2026</i>');
    const sources = lines.at(-1) as string;
    expect(sources).toMatch(
      /^Sources: <a href="https:\/\/[^"]+">[^<]+<\/a>( · <a href="https:\/\/[^"]+">[^<]+<\/a>){0,2}$/,
    );
    expect(sources).toContain(`>${escapeHtml(answer.sources[0]?.publisher ?? '')}</a>`);
    expect(parseTelegramHtml(html as string)).not.toContain('<');
  });

  test('every dynamic string is escaped, href quotes included', () => {
    const answer: Answer = {
      ...core.ask('Is Morocco allowed?'),
      title: '<script>alert(1)</script> & co',
      text: 'a < b && c > d "quoted" @everyone',
      sources: [{ title: 'T<i>', publisher: 'P&Q', url: 'https://example.org/?a="x"&b=<y>', date: '2021-11-25' }],
    };
    const [html] = renderTelegram(answer);
    expect(html).toContain('<b>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</b>');
    expect(html).toContain('<a href="https://example.org/?a=&quot;x&quot;&amp;b=&lt;y&gt;">P&amp;Q</a>');
    const [listed] = renderSources({
      ...answer,
      sources: [...answer.sources, ...answer.sources, ...answer.sources, ...answer.sources],
    });
    expect(listed).toContain(
      '<a href="https://example.org/?a=&quot;x&quot;&amp;b=&lt;y&gt;">P&amp;Q, 25 Nov 2021</a>: T&lt;i&gt;',
    );
    expect(parseTelegramHtml(html as string)).toContain('a < b && c > d "quoted" @everyone');
  });

  test('a long answer is split on paragraph boundaries into valid messages of at most 4096 characters', () => {
    const answer = longAnswer(12, 'Pegasus & <co> '.repeat(50));
    const messages = renderTelegram(answer);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(() => parseTelegramHtml(m)).not.toThrow();
    }
    const seen = messages.map(parseTelegramHtml).join('\n\n');
    for (let i = 0; i < 12; i++) expect(seen).toContain(`${i}: Pegasus & <co>`);
  });

  test('a single huge line is cut hard without breaking an entity or an emoji', () => {
    const answer = longAnswer(1, `${'🇲🇦&'.repeat(3000)}`);
    const messages = renderTelegram(answer);
    expect(messages.length).toBeGreaterThan(2);
    let plain = '';
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      plain += parseTelegramHtml(m);
    }
    expect(plain.match(/🇲🇦&/g)?.length).toBe(3000);
  });
});

describe('buttons', () => {
  test.each([
    'Is Morocco allowed?',
    'India and Mexico?',
    'NSO whatsapp lawsuit',
    'which were removed?',
    'intellexa, candiru and sandvine?',
    'May an American company supply NSO?',
    'is israel part of pall mall?',
    'is the israeli export law covering intellexa',
  ])('%s: callback data stays under 64 bytes and maps back to the same request', (question) => {
    const query = core.understand(question);
    const answer = core.answer(query);
    const buttons = answerKeyboard(answer, query, core)?.inline_keyboard.flat() ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) {
      expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
      const action = decodeAction(button.callback_data, core);
      expect(action).toBeDefined();
      // Every button but the map answers about the same thing (countries, vendors, rule), with its
      // aspect or language.
      if (action?.kind === 'map') continue;
      expect(action?.query.countries).toEqual(query.countries);
      expect(action?.query.vendors).toEqual(query.vendors);
      expect(action?.query.regime).toBe(query.regime);
    }
  });

  test('only an answer about one country gets the Map button, which asks for its locator map', () => {
    const labels = (question: string, lang?: 'fr') => {
      const query = core.understand(question, lang ? { lang } : {});
      return answerKeyboard(core.answer(query), query, core)?.inline_keyboard.flat() ?? [];
    };
    const map = labels('Is Morocco allowed?').at(-1);
    expect(map?.text).toBe('🗺 Map');
    expect(decodeAction(map?.callback_data, core)?.query).toMatchObject({ intent: 'map', countries: ['MA'] });
    expect(labels('Is Morocco allowed?', 'fr').at(-1)?.text).toBe('🗺 Carte');
    for (const question of ['India and Mexico?', 'map of Morocco', 'which were removed?']) {
      expect(labels(question).map((b) => b.text)).not.toContain('🗺 Map');
    }
  });

  test('"Congo" gets one button a row for each country it may mean', () => {
    const query = core.understand('Congo');
    const rows = answerKeyboard(core.answer(query), query, core)?.inline_keyboard ?? [];
    expect(rows.map((r) => r.map((b) => b.text))).toEqual([['🇨🇬 Congo - Brazzaville'], ['🇨🇩 Congo - Kinshasa']]);
    expect(decodeAction(rows[1]?.[0]?.callback_data, core)?.query.countries).toEqual(['CD']);
  });

  test('unknown actions and garbage callback data are refused', () => {
    for (const data of ['src|en|toString', 'lang|fr|constructor', 'x:1.c.en...MA.', 's:1.c.en...ZZ.', '<script>', '']) {
      expect(decodeAction(data, core)).toBeUndefined();
    }
    expect(escapeHtml('&<>"')).toBe('&amp;&lt;&gt;&quot;');
    expect(plainText('<b>A &amp; B</b> &lt;3')).toBe('A & B <3');
  });
});

describe('renderCaption', () => {
  const map = core.ask('map of Europe');

  test('a map caption: bold title, text, the dates line, the sources line', () => {
    const html = renderCaption({ ...map, reportedOn: null, reviewedOn: '2026-05' });
    expect(html.startsWith(`<b>${escapeHtml(map.title)}</b>\n\n`)).toBe(true);
    expect(html).toMatch(/\n\n<i>No change known as of May 2026<\/i>\nSources: <a href="https:\/\/[^"]+">/);
    expect(parseTelegramHtml(html).length).toBeLessThanOrEqual(MAX_CAPTION_LENGTH);
  });

  test('a long text is cut at a break, as plain text, to fit 1024 characters once parsed', () => {
    const long: Answer = {
      ...map,
      reportedOn: '2021-11-25',
      reviewedOn: null,
      text: Array.from({ length: 60 }, (_, i) => `${i} <&> café 🇲🇦. `).join(''),
    };
    const html = renderCaption(long);
    const seen = parseTelegramHtml(html);
    expect(seen.length).toBeLessThanOrEqual(MAX_CAPTION_LENGTH);
    expect(seen.length).toBeGreaterThan(MAX_CAPTION_LENGTH - 60);
    expect(seen).toMatch(/🇲🇦\.…\n\nReported 25 Nov 2021\nSources: /);
    // The markup itself is longer than 1024: the limit counts what the user sees.
    expect(html.length).toBeGreaterThan(MAX_CAPTION_LENGTH);
  });

  test('whatever the text, title and sources, the caption parses and fits', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '.', '\n', '<', '&', '"', '🇲🇦', 'é'), maxLength: 3000 });
    fc.assert(
      fc.property(text, text, text, (body, title, source) => {
        const answer: Answer = {
          ...map,
          title,
          text: body,
          sources: [{ ...(map.sources[0] as Answer['sources'][number]), title: source, publisher: source }],
        };
        const seen = parseTelegramHtml(renderCaption(answer));
        expect(seen.length).toBeLessThanOrEqual(MAX_CAPTION_LENGTH);
        expect(seen).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('vendor and rule answers on Telegram', () => {
  test('a vendor answer: bold bottom line, its measures dated, sources as links, valid HTML', () => {
    const [html] = renderTelegram(core.ask('has intellexa been sanctioned'));
    expect(html).toMatch(/^<b>Intellexa — on the US Entity List since Jul 2023 and under US Treasury sanctions/);
    expect(html).toContain('• US Entity List: since 18 Jul 2023');
    expect(html).toContain('• US Treasury (OFAC) sanctions: since 5 Mar 2024');
    expect(html).toContain('<a href="http://federal.elaws.us/fr/7/19/2023/2023-15343">');
    expect(parseTelegramHtml(html as string)).not.toContain('<');
  });

  test('a rule answer in French: "c’est quoi le processus de Pall Mall ?"', () => {
    const [html] = renderTelegram(core.ask('c’est quoi le processus de Pall Mall ?'));
    expect(html).toMatch(/^<b>Processus de Pall Mall — une initiative franco-britannique/);
    expect(html).toContain('Royaume-Uni, France, États-Unis, Canada et Roumanie');
    expect(parseTelegramHtml(html as string)).not.toContain('<');
  });
});

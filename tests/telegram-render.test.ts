import { describe, expect, test } from 'vitest';
import { requestFromKey, requestKey } from '../src/adapters/request-key.js';
import {
  answerKeyboard,
  escapeHtml,
  MAX_MESSAGE_LENGTH,
  parseCallbackData,
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
  test('a country answer starts with the bold headline, flag and status first, and ends with sources and date', () => {
    const [html] = renderTelegram(core.ask('Is Morocco allowed?'));
    expect(html).toMatch(/^<b>🇲🇦 Morocco: dropped from the list<\/b>\n\n/);
    expect(html).toContain('<a href="https://www.timesofisrael.com/');
    expect(html).toMatch(/<i>As of \d+ \w+ \d{4}<\/i>$/);
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
    expect(html).toContain('<a href="https://example.org/?a=&quot;x&quot;&amp;b=&lt;y&gt;">P&amp;Q: T&lt;i&gt;</a>');
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
  test('callback data stays under 64 bytes and maps back to the same request', () => {
    for (const question of [
      'Is Morocco allowed?',
      'India and Mexico?',
      'NSO whatsapp lawsuit',
      'which were removed?',
    ]) {
      const answer = core.ask(question);
      const key = requestKey(answer) as string;
      const keyboard = answerKeyboard(answer, key);
      for (const button of keyboard?.inline_keyboard.flat() ?? []) {
        expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
        expect(parseCallbackData(button.callback_data)?.key).toBe(key);
      }
      const again = core.run(requestFromKey(key) as never, { lang: 'fr' });
      expect(again.intent).toBe(answer.intent);
      expect(again.countries.map((c) => c.code)).toEqual(answer.countries.map((c) => c.code));
    }
  });

  test('unknown keys and garbage callback data are refused', () => {
    expect(requestFromKey('c:zz')).toBeUndefined();
    expect(requestFromKey('n:nope')).toBeUndefined();
    expect(parseCallbackData('lang|de|c:MA')).toBeUndefined();
    expect(parseCallbackData('<script>')).toBeUndefined();
    expect(escapeHtml('&<>"')).toBe('&amp;&lt;&gt;&quot;');
  });
});

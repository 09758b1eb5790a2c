/**
 * The fuzzer of `npm run fuzz` (tests/fuzz/): its generator replays a seed, its checks catch calls that
 * break the platform rules, and a seeded run of 2,000 hostile updates through the real bot process
 * finds no invalid call, no unanswered question and no crash.
 */
import { describe, expect, test } from 'vitest';
import type { RecordedCall } from './emulators/discord-fake.js';
import type { ApiCall } from './emulators/telegram-api.js';
import { checkDiscordCall, checkTelegramCall } from './fuzz/checks.js';
import { runFuzz } from './fuzz/fuzz.js';
import { Generator } from './fuzz/generator.js';
import { formatSummary } from './fuzz/report.js';

const CHAT = 1001;
const telegramCall = (method: string, params: Record<string, unknown>): ApiCall => ({
  method,
  params: { chat_id: CHAT, parse_mode: 'HTML', ...params },
  outcome: { ok: true, result: true },
});
const rules = (violations: { rule: string }[]) => violations.map((v) => v.rule);

const discordReply = (data: Record<string, unknown>): RecordedCall => ({
  method: 'POST',
  path: '/api/v10/interactions/1/token/callback',
  query: new URLSearchParams(),
  body: { type: 4, data: { allowed_mentions: { parse: [] }, ...data } },
  status: 204,
});

describe('the checks on outgoing calls', () => {
  test('Telegram: markup that does not parse, text too long once parsed, long button data, an unknown chat', () => {
    const chats = new Set([CHAT]);
    expect(rules(checkTelegramCall(telegramCall('sendMessage', { text: '<b>fine &amp; short</b>' }), chats))).toEqual(
      [],
    );
    expect(rules(checkTelegramCall(telegramCall('sendMessage', { text: 'a <b>b' }), chats))).toEqual([
      'telegram: HTML does not parse',
    ]);
    expect(rules(checkTelegramCall(telegramCall('sendMessage', { text: '&amp;'.repeat(4097) }), chats))).toEqual([
      'telegram: text > 4096 after parsing',
    ]);
    // 4096 characters of text, longer as HTML: what Telegram counts is what the user sees.
    expect(rules(checkTelegramCall(telegramCall('sendMessage', { text: '&lt;'.repeat(4096) }), chats))).toEqual([]);
    expect(rules(checkTelegramCall(telegramCall('sendPhoto', { caption: 'x'.repeat(1025) }), chats))).toEqual([
      'telegram: caption > 1024 after parsing',
    ]);
    const keyboard = { inline_keyboard: [[{ text: 'Sources', callback_data: `src|en|c:${'MA,'.repeat(30)}` }]] };
    expect(rules(checkTelegramCall(telegramCall('sendMessage', { text: 'x', reply_markup: keyboard }), chats))).toEqual(
      ['telegram: callback_data > 64 bytes'],
    );
    expect(rules(checkTelegramCall(telegramCall('sendMessage', { text: 'x', chat_id: 42 }), chats))).toEqual([
      'telegram: unknown chat',
    ]);
    const results = Array.from({ length: 51 }, (_, i) => ({
      id: String(i),
      input_message_content: { message_text: 'x' },
    }));
    expect(rules(checkTelegramCall(telegramCall('answerInlineQuery', { results }), chats))).toEqual([
      'telegram: > 50 inline results',
    ]);
  });

  test('Discord: mentions that could ping, embeds over their limits, long custom ids, too many choices', () => {
    const embed = { title: 'T', description: 'D', fields: [{ name: 'Sources', value: 'x' }] };
    expect(rules(checkDiscordCall(discordReply({ embeds: [embed] })))).toEqual([]);
    expect(rules(checkDiscordCall(discordReply({ content: 'hi', allowed_mentions: undefined })))).toEqual([
      'discord: allowed_mentions.parse not empty',
    ]);
    expect(rules(checkDiscordCall(discordReply({ content: 'x'.repeat(2001) })))).toEqual(['discord: content > 2000']);
    const big = { title: 'T', description: 'd'.repeat(4000), fields: [{ name: 'F', value: 'v'.repeat(1025) }] };
    expect(rules(checkDiscordCall(discordReply({ embeds: [{ ...big, footer: { text: 'f'.repeat(1000) } }] })))).toEqual(
      ['discord: embed field value empty or > 1024', 'discord: embed total > 6000'],
    );
    const button = { type: 2, style: 2, label: 'Sources', custom_id: `cx:s:en:c:${'MA,'.repeat(40)}` };
    expect(
      rules(checkDiscordCall(discordReply({ content: 'x', components: [{ type: 1, components: [button] }] }))),
    ).toEqual(['discord: custom_id empty or > 100']);
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `Country ${i}`, value: 'MA' }));
    const autocomplete = { ...discordReply({}), body: { type: 8, data: { choices } } };
    expect(rules(checkDiscordCall(autocomplete))).toEqual(['discord: > 25 autocomplete choices']);
  });
});

test('the same seed gives the same updates', () => {
  const bot = { id: '1', username: 'cyberexport', bot: true };
  const run = () => {
    const generator = new Generator(7, { discordBot: bot, keepTelegramMessages: 1000 });
    return Array.from({ length: 500 }, () => generator.next().summary);
  };
  expect(run()).toEqual(run());
});

test('2,000 seeded hostile updates through the real bot: no invalid call, no lost question, no crash', async () => {
  const summary = await runFuzz({ updates: 2000, seed: 20251130, concurrency: 16 });
  // The whole report on failure: each broken rule and unanswered question with the input behind it.
  expect(
    { invalid: summary.invalid.total, lost: summary.lost.total, crashes: summary.crashes.total },
    formatSummary(summary),
  ).toEqual({ invalid: 0, lost: 0, crashes: 0 });
}, 120_000);

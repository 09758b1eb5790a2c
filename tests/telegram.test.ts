/**
 * The Telegram adapter end to end: real telegraf, over loopback HTTP, against the local Bot API
 * emulator. Assertions read what the user would see: the HTML the emulator accepted.
 */
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { COMMANDS } from '../commands/table.js';
import { decodeAction } from '../src/adapters/actions.js';
import { startTelegram, type TelegramHandle } from '../src/adapters/telegram/bot.js';
import { escapeHtml, renderTelegram } from '../src/adapters/telegram/render.js';
import { type Answer, type Core, createCore, type Intent, type Lang, type Query, queryOf } from '../src/core/index.js';
import { t } from '../src/i18n/index.js';
import { createCache } from '../src/infra/cache.js';
import { loadConfig } from '../src/infra/config.js';
import { createMemoryCounter } from '../src/infra/counter.js';
import { createLogger } from '../src/infra/log.js';
import { createMetrics } from '../src/infra/metrics.js';
import { RateLimiter } from '../src/infra/rate-limit.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createMapRenderer, getMapPng } from '../src/maps/index.js';
import { Answers } from '../src/service/answers.js';
import {
  type ApiCall,
  BOT_USER,
  MAX_CAPTION_LENGTH,
  parseTelegramHtml,
  TelegramApiEmulator,
} from './emulators/telegram-api.js';
import { freePort } from './support/ports.js';

const TOKEN = '123456:TEST-token-for-emulator';
const kb = loadKnowledge();
const core = createCore(kb);
/** One renderer for the file: each map is drawn once, whichever test asks first. */
const maps = createMapRenderer(kb);
const log = createLogger({ level: 'silent', pretty: false });

const alice = { id: 1001, is_bot: false, first_name: 'Alice', language_code: 'en' };
const marie = { id: 1002, is_bot: false, first_name: 'Marie', language_code: 'fr' };
const group = { id: -1001234567890, type: 'supergroup', title: 'Export policy' };
let messageId = 1;

/** The entities a Telegram client would attach: the leading command, and @mentions. */
function entities(text: string) {
  const found: { type: string; offset: number; length: number }[] = [];
  const command = /^\/\w+(@\w+)?/.exec(text);
  if (command) found.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@\w{5,32}/g)) found.push({ type: 'mention', offset: m.index, length: m[0].length });
  return found.length > 0 ? { entities: found } : {};
}

function privateMessage(text: string, from = alice) {
  const chat = { id: from.id, type: 'private', first_name: from.first_name };
  return { message: { message_id: messageId++, date: 1764201600, chat, from, text, ...entities(text) } };
}

function groupMessage(text: string, extra: Record<string, unknown> = {}) {
  return {
    message: { message_id: messageId++, date: 1764201600, chat: group, from: alice, text, ...entities(text), ...extra },
  };
}

/** The title of the core's answer to a Query: what the first line of a reply must be. */
const titleOf = (intent: Intent, lang: Lang, fields: Partial<Query> = {}) =>
  core.answer(queryOf(intent, lang, fields)).title;
const firstLine = (text: string) => text.split('\n')[0];
const startsWith = (prefix: string) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const html = (call: ApiCall) => String(call.params.text ?? '');
/** What the user reads: the text the emulator parsed out of the HTML it accepted. */
const seen = (call: ApiCall) => {
  expect(call.outcome.ok).toBe(true);
  return parseTelegramHtml(html(call));
};
const toChat = (chatId: number) => (call: ApiCall) => call.params.chat_id === chatId;

let api: TelegramApiEmulator;
let handles: TelegramHandle[] = [];

beforeEach(async () => {
  api = await TelegramApiEmulator.start();
});

afterEach(async () => {
  await Promise.all(handles.map((h) => h.stop('test done')));
  handles = [];
  await api.close();
});

function config(extra: Record<string, string> = {}) {
  return loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: 'silent', ...extra });
}

async function start(
  options: { core?: Core; env?: Record<string, string>; maps?: boolean } = {},
): Promise<TelegramHandle> {
  const answers = new Answers(
    options.core ?? core,
    createCache({ namespace: core.version, ttlMs: 60_000 }),
    options.maps ? { maps } : {},
  );
  const handle = await startTelegram({ config: config(options.env), answers, log });
  handles.push(handle);
  return handle;
}

type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };
const rowsOf = (call: ApiCall) => (call.params.reply_markup as Keyboard).inline_keyboard;
const buttonsOf = (call: ApiCall) => rowsOf(call).flat();
const messageIdOf = (call: ApiCall) => (call.outcome as { result: { message_id: number } }).result.message_id;

/** Alice presses a button with `data` under the message `reply` sent; returns where the calls were. */
function press(data: string | undefined, reply: ApiCall, id: string) {
  const since = api.calls.length;
  const message = {
    message_id: messageIdOf(reply),
    date: 1,
    chat: { id: alice.id, type: 'private' },
    from: BOT_USER,
    ...(reply.method === 'sendPhoto' ? { photo: [{ file_id: 'p', file_unique_id: 'u', width: 1, height: 1 }] } : {}),
    ...(reply.method === 'sendMessage' ? { text: 'x' } : {}),
  };
  api.pushUpdate({ callback_query: { id, from: alice, chat_instance: '1', message, data } });
  return since;
}

/** Pushes an update and waits for the first message the bot sends to `chatId` afterwards. */
async function ask(update: { message: object }, chatId: number, timeoutMs = 3000) {
  const since = api.calls.length;
  api.pushUpdate(update);
  return api.waitFor('sendMessage', toChat(chatId), timeoutMs, since);
}

describe('private chat', () => {
  test('registers the command menu in English and French at start', async () => {
    await start();
    // Set while the bot starts taking updates: wait for the French menu, the second.
    await api.waitFor('setMyCommands', (c) => c.params.language_code === 'fr');
    const calls = api.callsTo('setMyCommands');
    expect(calls.map((c) => c.params.language_code ?? 'default')).toEqual(['default', 'fr']);
    const commands = (calls[0]?.params.commands ?? []) as { command: string }[];
    expect(commands.map((c) => c.command)).toContain('allowed');
    expect(JSON.stringify(calls[1]?.params.commands)).toContain('Les entreprises israéliennes');
  });

  test('a question gets the answer: bold headline with flag and status, sources, buttons', async () => {
    await start();
    const reply = await ask(privateMessage('Is Morocco allowed?'), alice.id);
    expect(reply.params.parse_mode).toBe('HTML');
    expect(html(reply).startsWith(`<b>${escapeHtml(titleOf('country_status', 'en', { countries: ['MA'] }))}</b>`)).toBe(
      true,
    );
    expect(seen(reply)).toContain(core.ask('Is Morocco allowed?').text.split('\n')[0]);
    const buttons = (reply.params.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['📚 Sources', '➕ More', 'Français', '🗺 Map']);
  });

  test('the reply follows the user language when the question does not tell', async () => {
    await start();
    const reply = await ask(privateMessage('🇲🇦 ?', marie), marie.id);
    expect(firstLine(seen(reply))).toBe(titleOf('country_status', 'fr', { countries: ['MA'] }));
  });

  test('/allowed with a typo finds Morocco; without a country it explains the usage', async () => {
    await start();
    const reply = await ask(privateMessage('/allowed Marocco'), alice.id);
    expect(firstLine(seen(reply))).toBe(titleOf('country_status', 'en', { countries: ['MA'] }));
    const usage = await ask(privateMessage('/allowed'), alice.id);
    expect(seen(usage)).toBe('Usage: /allowed <country>, for example /allowed Morocco');
  });

  test('/start, /list, /removed, /sources and /nso whatsapp go through the command table', async () => {
    await start();
    expect(seen(await ask(privateMessage('/start'), alice.id))).toMatch(startsWith(titleOf('help', 'en')));
    expect(seen(await ask(privateMessage('/list'), alice.id))).toMatch(startsWith(titleOf('list_allowed', 'en')));
    expect(seen(await ask(privateMessage('/removed'), alice.id))).toMatch(startsWith(titleOf('list_removed', 'en')));
    expect(seen(await ask(privateMessage('/sources'), alice.id))).toMatch(startsWith(titleOf('sources', 'en')));
    expect(seen(await ask(privateMessage('/nso whatsapp'), alice.id))).toMatch(
      startsWith(titleOf('nso', 'en', { topic: 'whatsapp_lawsuit' })),
    );
  });

  test('/vendor intellexa, /vendor alone and /rules pall-mall go through the command table', async () => {
    await start();
    expect(seen(await ask(privateMessage('/vendor intellexa'), alice.id))).toMatch(
      /^Intellexa — on the US Entity List since Jul 2023/,
    );
    expect(seen(await ask(privateMessage('/vendor'), alice.id))).toMatch(/^Spyware vendors the bot knows/);
    expect(seen(await ask(privateMessage('/rules pall-mall'), alice.id))).toMatch(/^Pall Mall Process — a UK–France/);
    const french = await ask(privateMessage('/rules wassenaar', marie), marie.id);
    expect(seen(french)).toMatch(/^Arrangement de Wassenaar — /);
  });
});

describe('groups', () => {
  test('plain chatter gets no reply; a mention or a reply to the bot does, as a reply', async () => {
    await start();
    const chatter = api.pushUpdate(groupMessage('is morocco allowed to sell couscous?'));
    await api.waitForConfirmed(chatter.update_id);
    const reply = await ask(groupMessage(`@${BOT_USER.username} is Morocco allowed?`), group.id);
    expect(firstLine(seen(reply))).toBe(titleOf('country_status', 'en', { countries: ['MA'] }));
    expect(reply.params.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    const threaded = await ask(
      groupMessage('and Mexico?', {
        reply_to_message: { message_id: 7, date: 1, chat: group, from: BOT_USER, text: 'x' },
      }),
      group.id,
    );
    expect(seen(threaded)).toMatch(/^🇲🇽 Mexico/);
    expect(api.callsTo('sendMessage')).toHaveLength(2);
  });

  test('/nso@botname answers; a command for another bot and a photo are ignored', async () => {
    await start();
    const other = api.pushUpdate(groupMessage('/nso@some_other_bot'));
    const photo = api.pushUpdate({
      message: {
        message_id: messageId++,
        date: 1,
        chat: group,
        from: alice,
        photo: [{ file_id: 'x', file_unique_id: 'y', width: 1, height: 1 }],
      },
    });
    await api.waitForConfirmed(other.update_id);
    await api.waitForConfirmed(photo.update_id);
    expect(api.callsTo('sendMessage')).toHaveLength(0);
    const reply = await ask(groupMessage(`/nso@${BOT_USER.username}`), group.id);
    expect(firstLine(seen(reply))).toBe(titleOf('nso', 'en', { topic: 'overview' }));
  });
});

describe('inline mode and buttons', () => {
  test('an inline query gets country cards in HTML, at most 50, cached', async () => {
    await start();
    api.pushUpdate({ inline_query: { id: 'iq1', from: alice, query: 'morocco', offset: '' } });
    const call = await api.waitFor('answerInlineQuery');
    expect(call.outcome.ok).toBe(true);
    expect(call.params.cache_time).toBeGreaterThan(0);
    const results = call.params.results as { title: string; input_message_content: { parse_mode: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(50);
    expect(results[0]?.title).toBe(titleOf('country_status', 'en', { countries: ['MA'] }));
    expect(results.every((r) => r.input_message_content.parse_mode === 'HTML')).toBe(true);

    api.pushUpdate({ inline_query: { id: 'iq2', from: alice, query: 'pegasus nso', offset: '' } });
    const nso = await api.waitFor('answerInlineQuery', (c) => c.params.inline_query_id === 'iq2');
    const titles = (nso.params.results as { title: string }[]).map((r) => r.title);
    expect(titles).toContain(titleOf('nso', 'en', { topic: 'apple_lawsuit' }));
  });

  test('the language button acknowledges first, then edits the message in French', async () => {
    await start();
    const reply = await ask(privateMessage('Is Morocco allowed?'), alice.id);
    const keyboard = reply.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const buttons = keyboard.inline_keyboard.flat();
    const sources = buttons.find((b) => b.text === '📚 Sources');
    const french = buttons.find((b) => b.text === 'Français');
    const message = {
      message_id: (reply.outcome as { result: { message_id: number } }).result.message_id,
      date: 1,
      chat: { id: alice.id, type: 'private' },
      from: BOT_USER,
      text: 'x',
    };
    api.pushUpdate({
      callback_query: { id: 'cb1', from: alice, chat_instance: '1', message, data: french?.callback_data },
    });
    const edit = await api.waitFor('editMessageText');
    const ack = api.calls.findIndex((c) => c.method === 'answerCallbackQuery');
    expect(ack).toBeGreaterThanOrEqual(0);
    expect(ack).toBeLessThan(api.calls.indexOf(edit));
    expect(seen(edit).split('\n')[0]).toBe(core.answer(queryOf('country_status', 'fr', { countries: ['MA'] })).title);

    const since = api.calls.length;
    api.pushUpdate({
      callback_query: { id: 'cb2', from: alice, chat_instance: '1', message, data: sources?.callback_data },
    });
    const list = await api.waitFor('sendMessage', toChat(alice.id), 3000, since);
    // The sources the answer did not link already, or a word that all are linked.
    const answer = core.answer(queryOf('country_status', 'en', { countries: ['MA'] }));
    if (answer.sources.length > 3) {
      expect(seen(list)).toContain('Sources not shown under the answer:');
      for (const s of answer.sources.slice(3)) expect(html(list)).toContain(`<a href="${escapeHtml(s.url)}">`);
      for (const s of answer.sources.slice(0, 3)) expect(html(list)).not.toContain(`"${escapeHtml(s.url)}"`);
    } else expect(seen(list)).toContain('All the sources of this answer are linked under it.');
  });
});

describe('hostile input', () => {
  test('markup, entities, mass mentions and control characters come back as valid HTML', async () => {
    await start();
    const nasty = '/allowed <script>alert(1)</script> & &amp; @everyone \u0000\u0007\u202e';
    const reply = await ask(privateMessage(nasty), alice.id);
    expect(seen(reply)).toContain('<script>alert(1)</script> & &amp; @everyone');
    const mention = await ask(groupMessage(`@${BOT_USER.username} <b>bold & <i>`), group.id);
    expect(mention.outcome.ok).toBe(true);
  });

  test('100 KB of text, an emoji flood, an empty message and a sticker all get a valid reply', async () => {
    await start();
    for (const text of ['x'.repeat(100_000), '🇲🇦'.repeat(5000), '', ' ']) {
      expect((await ask(privateMessage(text), alice.id)).outcome.ok).toBe(true);
    }
    const sticker = await ask(
      {
        message: {
          message_id: messageId++,
          date: 1,
          chat: { id: alice.id, type: 'private' },
          from: alice,
          sticker: { file_id: 's' },
        },
      },
      alice.id,
    );
    expect(seen(sticker)).toMatch(startsWith(titleOf('help', 'en')));
  });

  test('an answer longer than 4096 characters arrives as several valid messages', async () => {
    const long: Answer = {
      ...core.ask('', { expect: 'nso' }),
      text: Array.from({ length: 40 }, (_, i) => `${i} <&> ${'Pegasus '.repeat(30)}`).join('\n\n'),
    };
    const rendered = renderTelegram(long);
    expect(rendered.length).toBeGreaterThan(1);
    await start({ core: { ...core, answer: () => long } });
    const first = await ask(privateMessage('long please'), alice.id);
    await api.waitFor('sendMessage', (c) => c.params.text === rendered[rendered.length - 1]);
    const sent = api.callsTo('sendMessage');
    expect(sent.map(html)).toEqual(rendered);
    expect(sent.every((c) => c.outcome.ok)).toBe(true);
    expect(firstLine(seen(first))).toBe(titleOf('nso', 'en', { topic: 'overview' }));
    expect(sent.map(seen).join('\n')).toContain('39 <&> Pegasus');
  });
});

describe('errors', () => {
  test('a 429 is waited out and retried', async () => {
    await start();
    api.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    api.pushUpdate(privateMessage('Is Morocco allowed?'));
    const reply = await api.waitFor('sendMessage', (c) => c.outcome.ok, 5000);
    expect(seen(reply)).toMatch(/^🇲🇦 Morocco/);
    expect(api.callsTo('sendMessage').map((c) => c.outcome.ok)).toEqual([false, true]);
  });

  test('a user who blocked the bot is dropped, and the bot keeps answering others', async () => {
    await start();
    api.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const blocked = api.pushUpdate(privateMessage('Is Morocco allowed?'));
    await api.waitForConfirmed(blocked.update_id);
    expect(api.callsTo('sendMessage')).toHaveLength(1);
    expect(seen(await ask(privateMessage('🇲🇽 ?', marie), marie.id))).toMatch(/^🇲🇽 Mexique/);
  });

  test('a failing handler gets a short apology and the bot keeps running', async () => {
    const broken: Core = {
      ...core,
      understand: (q, o) => {
        if (q === 'boom') throw new Error('the core exploded');
        return core.understand(q, o);
      },
    };
    await start({ core: broken });
    expect(seen(await ask(privateMessage('boom'), alice.id))).toMatch(/^Sorry, something went wrong/);
    expect(seen(await ask(privateMessage('Is Morocco allowed?'), alice.id))).toMatch(/^🇲🇦 Morocco/);
  });

  test('a second poller fails at start with a message saying what to do', async () => {
    await start();
    await api.waitForPoller();
    await expect(start()).rejects.toThrow(
      /another instance.*Stop the other instance, or run every instance on a webhook/,
    );
  });
});

describe('poison updates (issue 9)', () => {
  const message = {
    message_id: 1,
    date: 1,
    chat: { id: alice.id, type: 'private' },
    from: BOT_USER,
    text: 'x',
  };

  test.each([
    'src|en|toString',
    'lang|fr|constructor',
    'src|en|__proto__',
    'src|en|valueOf',
    'map|en|mc:XX',
    `src|en|c:${'MA,'.repeat(15)}MA`,
    's:1.c.en...XX.',
    'p:1.n.en..constructor..',
    '\u0000\uffff',
  ])('forged button data %j gets "expired" once, nothing else, and the bot keeps answering', async (data) => {
    await start();
    const since = api.calls.length;
    const update = api.pushUpdate({ callback_query: { id: 'forged', from: alice, chat_instance: '1', message, data } });
    await api.waitForConfirmed(update.update_id);
    const reply = await ask(privateMessage('Is Morocco allowed?'), alice.id);
    const after = api.calls.slice(since, api.calls.indexOf(reply));
    const acks = after.filter((c) => c.method === 'answerCallbackQuery');
    expect(acks).toHaveLength(1);
    expect(acks[0]?.params.text).toBe('This button has expired: please ask again.');
    expect(after.filter((c) => c.method !== 'answerCallbackQuery' && c.method !== 'getUpdates')).toEqual([]);
    expect(seen(reply)).toMatch(/^🇲🇦 Morocco/);
  });

  test('a button press without data, or on no message, is told the button expired', async () => {
    await start();
    const since = api.calls.length;
    api.pushUpdate({ callback_query: { id: 'nodata', from: alice, chat_instance: '1', message } });
    api.pushUpdate({ callback_query: { id: 'nomsg', from: alice, chat_instance: '1', data: 'l:1.h.en....' } });
    await api.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === 'nomsg', 3000, since);
    const acks = api.calls.slice(since).filter((c) => c.method === 'answerCallbackQuery');
    expect(acks.map((c) => c.params.text)).toEqual([
      'This button has expired: please ask again.',
      'This button has expired: please ask again.',
    ]);
  });
});

describe('start-up and API faults (issue 9)', () => {
  test('a 500 from getMe, getWebhookInfo and the first getUpdates is retried, then the bot answers', async () => {
    const error = { error_code: 500, description: 'Internal Server Error' };
    api.failNext('getMe', error, 2);
    api.failNext('getWebhookInfo', error);
    api.failNext('getUpdates', error);
    await start();
    expect(api.callsTo('getMe').map((c) => c.outcome.ok)).toEqual([false, false, true]);
    expect(seen(await ask(privateMessage('Is Morocco allowed?'), alice.id))).toMatch(/^🇲🇦 Morocco/);
  });

  test('a Bot API server without getWebhookInfo is polled anyway', async () => {
    api.failNext('getWebhookInfo', { error_code: 404, description: 'Not Found: method not found' }, 10);
    await start();
    expect(seen(await ask(privateMessage('Is Morocco allowed?'), alice.id))).toMatch(/^🇲🇦 Morocco/);
  });

  test('a refused token stops Telegram with a message naming TELEGRAM_BOT_TOKEN', async () => {
    api.failNext('getMe', { error_code: 401, description: 'Unauthorized' });
    await expect(start()).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
  });

  test('HTML that Telegram refuses is sent again as plain text, not replaced by an apology', async () => {
    await start();
    api.failNext('sendMessage', {
      error_code: 400,
      description: "Bad Request: can't parse entities: unsupported start tag",
    });
    api.pushUpdate(privateMessage('Is Morocco allowed?'));
    const plain = await api.waitFor('sendMessage', (c) => c.outcome.ok);
    expect(plain.params.parse_mode).toBeUndefined();
    expect(firstLine(String(plain.params.text))).toBe(titleOf('country_status', 'en', { countries: ['MA'] }));
    expect(String(plain.params.text)).not.toContain('<b>');
  });

  test('a sustained 429 is waited out (retry_after), never answered with an apology', async () => {
    await start();
    api.failNext(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } },
      3,
    );
    api.pushUpdate(privateMessage('Is Morocco allowed?'));
    const reply = await api.waitFor('sendMessage', (c) => c.outcome.ok, 8000);
    expect(seen(reply)).toMatch(/^🇲🇦 Morocco/);
    expect(api.callsTo('sendMessage').map((c) => c.outcome.ok)).toEqual([false, false, false, true]);
  });
});

describe('conversations (issue 10)', () => {
  test('a follow-up in a private chat is read against the last question: why? then and Mexico?', async () => {
    await start();
    await ask(privateMessage('Is Morocco allowed?'), alice.id);
    expect(seen(await ask(privateMessage('why?'), alice.id))).toMatch(
      /Morocco[\s\S]*Amnesty International or Citizen Lab/,
    );
    expect(seen(await ask(privateMessage('and Mexico?'), alice.id))).toMatch(/^🇲🇽 Mexico/);
  });

  test('two users in one group keep their own conversations', async () => {
    await start();
    const bob = { id: 1003, is_bot: false, first_name: 'Bob', language_code: 'en' };
    const mention = `@${BOT_USER.username}`;
    await ask(groupMessage(`${mention} is Morocco allowed?`), group.id);
    await ask(groupMessage(`${mention} is India allowed?`, { from: bob }), group.id);
    expect(seen(await ask(groupMessage(`${mention} why?`), group.id))).toContain('Morocco');
    expect(seen(await ask(groupMessage(`${mention} why?`, { from: bob }), group.id))).toContain('India');
  });

  test('"Congo" asks which one with a button each; pressing one answers in place for that country', async () => {
    await start();
    const question = await ask(privateMessage('Congo'), alice.id);
    expect(firstLine(seen(question))).toBe(core.ask('Congo').title);
    const rows = rowsOf(question);
    expect(rows.map((r) => r[0]?.text)).toEqual(['🇨🇬 Congo - Brazzaville', '🇨🇩 Congo - Kinshasa']);
    const since = press(rows[1]?.[0]?.callback_data, question, 'pick');
    const edit = await api.waitFor('editMessageText', () => true, 3000, since);
    expect(firstLine(seen(edit))).toBe(titleOf('country_status', 'en', { countries: ['CD'] }));
    // The pick is remembered: "why?" is about that Congo.
    expect(seen(await ask(privateMessage('why?'), alice.id))).toContain('Congo - Kinshasa');
  });

  test('out of scope: says what it answers, with questions to try as buttons', async () => {
    await start();
    const reply = await ask(privateMessage('ethereum price today'), alice.id);
    expect(firstLine(seen(reply))).toBe(titleOf('unknown', 'en'));
    const buttons = buttonsOf(reply);
    expect(buttons.map((b) => b.text)).toEqual([
      'Is Morocco allowed?',
      'Which countries are on the list?',
      'What happened with NSO?',
    ]);
    const since = press(buttons[0]?.callback_data, reply, 'try');
    expect(seen(await api.waitFor('sendMessage', toChat(alice.id), 3000, since))).toMatch(/^🇲🇦 Morocco/);
  });

  test('a press Telegram will not let us acknowledge (too old) still gets its answer, never an apology', async () => {
    await start();
    const reply = await ask(privateMessage('Is Morocco allowed?'), alice.id);
    api.failNext('answerCallbackQuery', {
      error_code: 400,
      description: 'Bad Request: query is too old and response timeout expired',
    });
    const sources = buttonsOf(reply).find((b) => b.text === '📚 Sources');
    const since = press(sources?.callback_data, reply, 'old');
    const sent = await api.waitFor('sendMessage', toChat(alice.id), 3000, since);
    expect(seen(sent)).toMatch(/^Sources: 🇲🇦 Morocco/);
    expect(api.calls.slice(since).some((c) => String(c.params.text ?? '').startsWith('Sorry'))).toBe(false);
  });

  test('/reset forgets: "why?" afterwards is not about the last country', async () => {
    await start();
    await ask(privateMessage('Is Morocco allowed?'), alice.id);
    expect(seen(await ask(privateMessage('/reset'), alice.id))).toMatch(
      startsWith(titleOf('help', 'en', { aspect: 'reset' })),
    );
    expect(seen(await ask(privateMessage('why?'), alice.id))).not.toContain('🇲🇦');
  });
});

describe('webhook and shutdown', () => {
  test('a webhook processes updates with the right secret and refuses others with 401', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/telegram/hook`;
    await start({
      env: { TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: 's3cret_-token', HTTP_PORT: String(port) },
    });
    expect(api.callsTo('setWebhook')[0]?.params).toMatchObject({ url, secret_token: 's3cret_-token' });
    const delivered = api.pushUpdate(privateMessage('Is Morocco allowed?'));
    await api.waitForConfirmed(delivered.update_id);
    expect(seen(api.callsTo('sendMessage')[0] as ApiCall)).toMatch(/^🇲🇦 Morocco/);
    expect(api.deliveries).toEqual([{ update_id: delivered.update_id, status: 200 }]);

    const update = JSON.stringify({ update_id: 999, ...privateMessage('Is Mexico allowed?') });
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: update });
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    expect((await post({})).status).toBe(401);
    expect(api.callsTo('sendMessage')).toHaveLength(1);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  test('polling refuses to start while a webhook is set, instead of cutting off the instances on it', async () => {
    await fetch(`${api.apiRoot}bot${TOKEN}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://bot.example.org/telegram/hook', secret_token: 'fleet_secret' }),
    });
    await expect(start()).rejects.toThrow(/A webhook is set for this bot.*same TELEGRAM_WEBHOOK_URL/);
    expect(api.callsTo('deleteWebhook')).toHaveLength(0);
  });

  test('stop resolves, polling ends, and another instance can then take over', async () => {
    const handle = await start();
    await api.waitForPoller();
    await handle.stop('SIGTERM');
    const polls = api.callsTo('getUpdates').length;
    const after = api.pushUpdate(privateMessage('Is Morocco allowed?'));
    await start();
    await api.waitForConfirmed(after.update_id);
    expect(api.callsTo('getUpdates').length).toBeGreaterThan(polls);
    // The update pushed after stop was answered once, by the new instance only.
    expect(api.callsTo('sendMessage')).toHaveLength(1);
  });
});

describe('rate limits and logs', () => {
  test('over the limit: one polite notice, then silence; other users still answered; each answer logged', async () => {
    const counts = createMemoryCounter();
    const metrics = createMetrics();
    const lines: Record<string, unknown>[] = [];
    const capture = createLogger({
      level: 'info',
      secrets: [TOKEN],
      destination: { write: (l) => lines.push(JSON.parse(l)) },
    });
    const answers = new Answers(core, createCache({ namespace: 'limited', ttlMs: 60_000 }), {
      metrics,
      limits: {
        ask: new RateLimiter(counts, { limit: 2, windowMs: 60_000 }),
        inline: new RateLimiter(counts, { limit: 50, windowMs: 60_000 }),
      },
    });
    handles.push(await startTelegram({ config: config(), answers, log: capture }));

    expect(seen(await ask(privateMessage('Is Morocco allowed?'), alice.id))).toContain('Morocco');
    expect(seen(await ask(privateMessage('Is India allowed?'), alice.id))).toContain('India');
    expect(seen(await ask(privateMessage('Is Spain allowed?'), alice.id))).toMatch(/faster than I can keep up/);
    const sent = api.callsTo('sendMessage').length;
    const silent = api.pushUpdate(privateMessage('Is Japan allowed?'));
    await api.waitForConfirmed(silent.update_id);
    expect(api.callsTo('sendMessage')).toHaveLength(sent);
    expect(seen(await ask(privateMessage('Maroc ?', marie), marie.id))).toContain('Maroc');

    // The line is written once Telegram has confirmed the message.
    await vi.waitFor(() => expect(lines.filter((l) => l.msg === 'answered')).toHaveLength(3));
    const answered = lines.filter((l) => l.msg === 'answered');
    expect(answered[0]).toMatchObject({
      platform: 'telegram',
      chatId: alice.id,
      userId: alice.id,
      intent: 'country_status',
    });
    expect(typeof answered[0]?.latencyMs).toBe('number');
    expect(typeof answered[0]?.cached).toBe('boolean');
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/cyberexport_rate_limited_total\{platform="telegram",kind="ask"\} 2/);
    expect(text).toMatch(/cyberexport_answers_total\{platform="telegram",intent="country_status"\} 3/);
  });
});

describe('maps', () => {
  const caption = (call: ApiCall) => {
    expect(call.outcome.ok).toBe(true);
    expect(call.params.parse_mode).toBe('HTML');
    const text = parseTelegramHtml(String(call.params.caption ?? ''));
    expect(text.length).toBeLessThanOrEqual(MAX_CAPTION_LENGTH);
    return text;
  };
  /** The uploaded photo, decoded: it must be a PNG of the size the renderer draws. */
  function photo(call: ApiCall, expected: { width: number; height: number }): PNG {
    const bytes = api.photoOf(call);
    expect(bytes).toBeDefined();
    const png = PNG.sync.read(bytes as Buffer);
    expect([png.width, png.height]).toEqual([expected.width, expected.height]);
    return png;
  }
  async function photoReply(update: { message: object }, chatId: number) {
    const since = api.calls.length;
    api.pushUpdate(update);
    return api.waitFor('sendPhoto', toChat(chatId), 5000, since);
  }
  test('/map sends the world map as a photo; its language button swaps image and caption to French', async () => {
    await start({ maps: true });
    const reply = await photoReply(privateMessage('/map'), alice.id);
    photo(reply, getMapPng(kb, { lang: 'en', region: 'world' }));
    expect(api.photoOf(reply)?.subarray(1, 4).toString()).toBe('PNG');
    expect(
      String(reply.params.caption).startsWith(`<b>${escapeHtml(titleOf('map', 'en', { region: 'world' }))}</b>\n\n`),
    ).toBe(true);
    const text = caption(reply);
    expect(text.split('\n').at(-1)).toMatch(/^Sources: \S/);
    expect(String(reply.params.caption)).toContain('<a href="https://');
    const buttons = buttonsOf(reply);
    expect(buttons.map((b) => b.text)).toEqual(['📚 Sources', 'Français']);
    expect(api.callsTo('sendMessage')).toHaveLength(0);

    const since = press(buttons[1]?.callback_data, reply, 'cb-map-fr');
    const edit = await api.waitFor('editMessageMedia', () => true, 5000, since);
    const ack = api.calls.findIndex((c, i) => i >= since && c.method === 'answerCallbackQuery');
    expect(ack).toBeGreaterThanOrEqual(0);
    expect(ack).toBeLessThan(api.calls.indexOf(edit));
    expect(edit.outcome.ok).toBe(true);
    const media = edit.params.media as { type: string; caption: string; parse_mode: string };
    expect(media).toMatchObject({ type: 'photo', parse_mode: 'HTML' });
    expect(firstLine(parseTelegramHtml(media.caption))).toBe(titleOf('map', 'fr', { region: 'world' }));
    expect(parseTelegramHtml(media.caption).length).toBeLessThanOrEqual(MAX_CAPTION_LENGTH);
    photo(edit, getMapPng(kb, { lang: 'fr', region: 'world' }));
    expect(buttonsOf(edit).map((b) => b.text)).toEqual(['📚 Sources', 'English']);
  });

  test('/map europe, and "map of Europe" asked in a group, send the Europe map', async () => {
    await start({ maps: true });
    const europe = getMapPng(kb, { lang: 'en', region: 'europe' });
    const command = await photoReply(privateMessage('/map europe'), alice.id);
    photo(command, europe);
    expect(firstLine(caption(command))).toBe(titleOf('map', 'en', { region: 'europe' }));
    const asked = await photoReply(groupMessage(`@${BOT_USER.username} map of Europe`), group.id);
    photo(asked, europe);
    expect(firstLine(caption(asked))).toBe(titleOf('map', 'en', { region: 'europe' }));
    expect(asked.params.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
  });

  test('the Map button under "Is Morocco allowed?" acknowledges, then sends the locator map', async () => {
    await start({ maps: true });
    const reply = await ask(privateMessage('Is Morocco allowed?'), alice.id);
    const map = buttonsOf(reply).find((b) => b.text === '🗺 Map');
    expect(decodeAction(map?.callback_data, core)).toMatchObject({
      kind: 'map',
      query: { intent: 'map', countries: ['MA'] },
    });
    const since = press(map?.callback_data, reply, 'cb-map-ma');
    const sent = await api.waitFor('sendPhoto', toChat(alice.id), 5000, since);
    const ack = api.calls.findIndex((c, i) => i >= since && c.method === 'answerCallbackQuery');
    expect(ack).toBeGreaterThanOrEqual(0);
    expect(ack).toBeLessThan(api.calls.indexOf(sent));
    photo(sent, getMapPng(kb, { lang: 'en', focus: 'MA' }));
    expect(firstLine(caption(sent))).toBe(titleOf('map', 'en', { countries: ['MA'] }));
    expect(buttonsOf(sent).map((b) => b.text)).toEqual(['📚 Sources', 'Français']);
    // The answer the button sits under is left as it was.
    expect(api.callsTo('editMessageText')).toHaveLength(0);
  });

  test('"map of Congo", then a country picked: the locator map comes as a photo', async () => {
    await start({ maps: true });
    const question = await ask(privateMessage('map of Congo'), alice.id);
    const pick = rowsOf(question)[1]?.[0];
    expect(pick?.text).toBe('🇨🇩 Congo - Kinshasa');
    const since = press(pick?.callback_data, question, 'pick-map');
    const sent = await api.waitFor('sendPhoto', toChat(alice.id), 8000, since);
    expect(firstLine(caption(sent))).toBe(titleOf('map', 'en', { countries: ['CD'] }));
  });

  test('without a map renderer, /map answers with the text', async () => {
    await start();
    const reply = await ask(privateMessage('/map'), alice.id);
    expect(firstLine(seen(reply))).toBe(titleOf('map', 'en', { region: 'world' }));
    expect(api.callsTo('sendPhoto')).toHaveLength(0);
  });
});

describe('answers that fit a chat (issue 11)', () => {
  /** The core, with the NSO overview's details in three pages (whatever the core gives today). */
  const paged: Core = {
    ...core,
    answer: (query) => {
      const answer = core.answer(query);
      if (answer.intent !== 'nso') return answer;
      const pages = ['<b>2019</b>: first page & more', 'Second page', 'Third page'];
      return { ...answer, pages, details: pages.join('\n\n') };
    },
  };

  /** `from` presses a button with `data` under the message `reply` sent in `chat`. */
  function pressIn(data: string | undefined, reply: ApiCall, id: string, chat: object, from = alice) {
    const since = api.calls.length;
    const message = { message_id: messageIdOf(reply), date: 1, chat, from: BOT_USER, text: 'x' };
    api.pushUpdate({ callback_query: { id, from, chat_instance: '1', message, data } });
    return since;
  }
  const privateChat = { id: alice.id, type: 'private' };

  test('at start the bot sets its description and short description, in English and French', async () => {
    await start();
    await api.waitFor('setMyShortDescription', (c) => c.params.language_code === 'fr');
    expect(api.descriptions.get('')).toEqual({
      description: t('en', 'telegram-description'),
      short: t('en', 'telegram-short-description'),
    });
    expect(api.descriptions.get('fr')).toEqual({
      description: t('fr', 'telegram-description'),
      short: t('fr', 'telegram-short-description'),
    });
    expect(api.descriptions.get('fr')?.short).toMatch(/^La liste israélienne/);
  });

  test('a refused description is logged, and the bot still starts and answers', async () => {
    api.failNext('setMyDescription', { error_code: 400, description: 'Bad Request: description is too long' });
    await start();
    expect(seen(await ask(privateMessage('/list'), alice.id))).toBeTruthy();
  });

  test('in a group, the language button replies to the answer in French and leaves the answer as it was', async () => {
    await start();
    const reply = await ask(groupMessage(`@${BOT_USER.username} is Morocco allowed?`), group.id);
    const french = buttonsOf(reply).find((b) => b.text === 'Français');
    const since = pressIn(french?.callback_data, reply, 'g-fr', group);
    const sent = await api.waitFor('sendMessage', toChat(group.id), 3000, since);
    expect(seen(sent).split('\n')[0]).toBe(core.answer(queryOf('country_status', 'fr', { countries: ['MA'] })).title);
    expect(sent.params.reply_parameters).toMatchObject({ message_id: messageIdOf(reply) });
    expect(api.callsTo('editMessageText')).toHaveLength(0);
    expect(api.calls.findIndex((c, i) => i >= since && c.method === 'answerCallbackQuery')).toBeLessThan(
      api.calls.indexOf(sent),
    );
  });

  test('in a private chat, More turns the answer into its first page; ◀ ▶ page, ◀ goes back to the answer', async () => {
    await start({ core: paged });
    const reply = await ask(privateMessage('/nso'), alice.id);
    const more = buttonsOf(reply).find((b) => b.text === '➕ More');
    let since = pressIn(more?.callback_data, reply, 'more-1', privateChat);
    const first = await api.waitFor('editMessageText', () => true, 3000, since);
    expect(first.params.message_id).toBe(messageIdOf(reply));
    expect(seen(first)).toBe(
      `${core.answer(queryOf('nso', 'en')).title}\n\n<b>2019</b>: first page & more\n\nPage 1 of 3`,
    );
    expect(buttonsOf(first).map((b) => b.text)).toEqual(['◀ Short answer', '▶']);

    since = pressIn(buttonsOf(first)[1]?.callback_data, reply, 'more-2', privateChat);
    const second = await api.waitFor('editMessageText', () => true, 3000, since);
    expect(seen(second)).toMatch(/\n\nSecond page\n\nPage 2 of 3$/);
    expect(buttonsOf(second).map((b) => b.text)).toEqual(['◀', '▶']);

    since = pressIn(buttonsOf(second)[1]?.callback_data, reply, 'more-3', privateChat);
    const third = await api.waitFor('editMessageText', () => true, 3000, since);
    expect(seen(third)).toMatch(/\n\nThird page\n\nPage 3 of 3$/);
    expect(buttonsOf(third).map((b) => b.text)).toEqual(['◀']);

    since = pressIn(buttonsOf(first)[0]?.callback_data, reply, 'more-back', privateChat);
    const back = await api.waitFor('editMessageText', () => true, 3000, since);
    expect(back.params.text).toBe(reply.params.text);
    expect(buttonsOf(back).map((b) => b.text)).toEqual(buttonsOf(reply).map((b) => b.text));
  });

  test('in a group, More replies with the first page; its ◀ ▶ page through that reply, not the answer', async () => {
    await start({ core: paged });
    const reply = await ask(groupMessage(`/nso@${BOT_USER.username}`), group.id);
    const more = buttonsOf(reply).find((b) => b.text === '➕ More');
    let since = pressIn(more?.callback_data, reply, 'gm-1', group);
    const page = await api.waitFor('sendMessage', toChat(group.id), 3000, since);
    expect(page.params.reply_parameters).toMatchObject({ message_id: messageIdOf(reply) });
    expect(seen(page)).toMatch(/first page & more\n\nPage 1 of 3$/);
    since = pressIn(buttonsOf(page)[1]?.callback_data, page, 'gm-2', group);
    const next = await api.waitFor('editMessageText', () => true, 3000, since);
    expect(next.params.message_id).toBe(messageIdOf(page));
    expect(seen(next)).toMatch(/Second page\n\nPage 2 of 3$/);
    expect(api.callsTo('editMessageText').filter((c) => c.params.message_id === messageIdOf(reply))).toHaveLength(0);
  });

  test('a page the answer does not have, or page data that is not a small number, is an expired button', async () => {
    await start({ core: paged });
    const reply = await ask(privateMessage('/nso'), alice.id);
    const key = core.encode(queryOf('nso', 'en', { topic: 'overview' }));
    for (const [i, data] of [`m3:${key}`, `m03:${key}`, `m-1:${key}`, `m99:${key}`, `m1.5:${key}`].entries()) {
      const since = pressIn(data, reply, `bad-page-${i}`, privateChat);
      const ack = await api.waitFor('answerCallbackQuery', () => true, 3000, since);
      expect(ack.params.text).toBe('This button has expired: please ask again.');
    }
    expect(api.callsTo('editMessageText')).toHaveLength(0);
  });

  test('the Map of one answer is sent once: a second press only gets a short notice', async () => {
    await start({ maps: true });
    const reply = await ask(groupMessage(`@${BOT_USER.username} is Morocco allowed?`), group.id);
    const map = buttonsOf(reply).find((b) => b.text === '🗺 Map');
    let since = pressIn(map?.callback_data, reply, 'map-1', group);
    await api.waitFor('sendPhoto', toChat(group.id), 5000, since);
    const bob = { id: 1003, is_bot: false, first_name: 'Bob', language_code: 'en' };
    since = pressIn(map?.callback_data, reply, 'map-2', group, bob);
    const ack = await api.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === 'map-2', 3000, since);
    expect(ack.params.text).toBe('The map of this answer is already in the chat.');
    expect(api.callsTo('sendPhoto')).toHaveLength(1);
  });

  test('/help lists every command of the table with an example, and inline mode', async () => {
    await start();
    const help = seen(await ask(privateMessage('/help'), alice.id));
    for (const c of COMMANDS) expect(help).toContain(`/${c.name} — ${c.description.en}`);
    expect(help).toContain('/allowed — May Israeli firms sell cyber tools to this country? (e.g. /allowed Morocco)');
    expect(help).toContain(`In any chat, type @${BOT_USER.username} and a question`);
    const aide = seen(await ask(privateMessage('/help', marie), marie.id));
    expect(aide).toContain('(ex. /allowed Maroc)');
    expect(aide).toContain('Commandes\u00a0:');
  });

  test('inline cards are short: the title, one line, the short answer when sent, a button to the private chat', async () => {
    await start();
    api.pushUpdate({ inline_query: { id: 'iq-short', from: alice, query: 'morocco', offset: '' } });
    const call = await api.waitFor('answerInlineQuery', (c) => c.params.inline_query_id === 'iq-short');
    expect(call.outcome.ok).toBe(true);
    type Card = {
      title: string;
      description: string;
      input_message_content: { message_text: string };
      reply_markup: Keyboard & { inline_keyboard: { url?: string }[][] };
    };
    const [card] = call.params.results as Card[];
    const answer = core.answer(queryOf('country_status', 'en', { countries: ['MA'] }));
    expect(card?.title).toBe(answer.title);
    expect(card?.description.length).toBeLessThanOrEqual(120);
    expect(card?.description).not.toContain('\n');
    expect(card?.input_message_content.message_text).toBe(renderTelegram(answer)[0]);
    expect(card?.reply_markup.inline_keyboard.flat()).toEqual([
      { text: 'Ask me in a private chat', url: `https://t.me/${BOT_USER.username}?start=inline` },
    ]);
    expect(call.params.button).toEqual({ text: 'Ask me in a private chat', start_parameter: 'inline' });
  });

  test('inline, a name that is no country gets no sendable result, only the button to the private chat', async () => {
    await start();
    for (const [i, query] of ['wakanda', 'asdf qwerty banana'].entries()) {
      api.pushUpdate({ inline_query: { id: `iq-none-${i}`, from: alice, query, offset: '' } });
      const call = await api.waitFor('answerInlineQuery', (c) => c.params.inline_query_id === `iq-none-${i}`);
      expect(call.outcome.ok).toBe(true);
      const results = call.params.results as { input_message_content: { message_text: string } }[];
      for (const r of results)
        expect(r.input_message_content.message_text).not.toMatch(/not found|I don’t know a country/i);
      expect(call.params.button).toMatchObject({ start_parameter: 'inline' });
    }
  });
});

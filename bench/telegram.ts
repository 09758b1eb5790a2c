/**
 * Telegram round trips (update pushed → sendMessage received) through the local Bot API emulator,
 * for the real bot and for a trivial telegraf echo bot on the same emulator: the ratio is what the
 * core, cache and rendering cost on top of telegraf and HTTP.
 *
 * @example
 * npx tsx bench/telegram.ts 500
 */
import { Telegraf } from 'telegraf';
import { Answers } from '../src/adapters/answers.js';
import { createTelegramBot } from '../src/adapters/telegram/bot.js';
import { createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { createLogger } from '../src/infra/log.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { BOT_USER, TelegramApiEmulator } from '../tests/emulators/telegram-api.js';

const TOKEN = '123456:TEST-token-for-emulator';
const QUESTIONS = [
  'Is Morocco allowed?',
  'Est-ce que le Maroc est autorisé ?',
  'India and Mexico?',
  'What happened with NSO?',
  'Which countries were removed?',
  'Pegasus and Khashoggi',
  'UAE?',
  'sources?',
];

export interface Figures {
  perSec: number;
  p50ms: number;
  p99ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** N private questions one after the other; each round trip waits for the bot's message. */
async function measure(api: TelegramApiEmulator, bot: Telegraf, n: number): Promise<Figures> {
  const polling = bot.launch({ allowedUpdates: ['message'] });
  await api.waitForPoller();
  const times: number[] = [];
  const begin = performance.now();
  for (let i = 0; i < n; i++) {
    const chatId = 10_000 + i;
    const from = { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'en' };
    const since = api.calls.length;
    const t0 = performance.now();
    api.pushUpdate({
      message: {
        message_id: i + 1,
        date: 1764201600,
        chat: { id: chatId, type: 'private' },
        from,
        text: QUESTIONS[i % QUESTIONS.length],
      },
    });
    await api.waitFor('sendMessage', (c) => c.params.chat_id === chatId, 10_000, since);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - begin;
  bot.stop('bench done');
  await polling;
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    perSec: round((n / total) * 1000),
    p50ms: round(percentile(times, 50)),
    p99ms: round(percentile(times, 99)),
  };
}

export async function benchTelegram(n: number): Promise<{ bot: Figures; echo: Figures; ratio: number }> {
  const core = createCore(loadKnowledge());
  const answers = new Answers(core, createCache({ namespace: core.version, ttlMs: 60_000 }));
  const log = createLogger({ level: 'silent', pretty: false });
  const api = await TelegramApiEmulator.start();
  const makeBot = () => createTelegramBot({ token: TOKEN, apiRoot: api.apiRoot, answers, log, botInfo: BOT_USER });
  const makeEcho = () => {
    const trivial = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    trivial.botInfo = BOT_USER;
    trivial.on('message', (ctx) => ('text' in ctx.message ? ctx.reply(ctx.message.text || '.') : undefined));
    return trivial;
  };
  try {
    // Warm both up first (JIT, sockets, the emulator), so that neither pays for going first.
    await measure(api, makeBot(), Math.ceil(n / 3));
    await measure(api, makeEcho(), Math.ceil(n / 3));
    const bot = await measure(api, makeBot(), n);
    const echo = await measure(api, makeEcho(), n);
    return { bot, echo, ratio: Math.round((bot.perSec / echo.perSec) * 100) / 100 };
  } finally {
    await api.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 300);
  console.log(JSON.stringify(await benchTelegram(n), null, 2));
}

/**
 * The bot side of the Telegram benchmark, in its own thread as it would be in its own process in
 * production: the emulator's work (Telegram's servers' work) stays on the main thread.
 * workerData: `{ kind: 'bot' | 'echo', apiRoot, cacheUrl? }` (no cacheUrl: the in-memory cache); a 'stop' message stops polling.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Telegraf } from 'telegraf';
import { createTelegramBot } from '../src/adapters/telegram/bot.js';
import { createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { createLogger } from '../src/infra/log.js';
import { createStore } from '../src/infra/store.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Answers } from '../src/service/answers.js';
import { BOT_USER } from '../tests/emulators/telegram-api.js';

const TOKEN = '123456:TEST-token-for-emulator';
const { kind, apiRoot, cacheUrl } = workerData as { kind: 'bot' | 'echo'; apiRoot: string; cacheUrl?: string };

function makeBot(): Telegraf {
  if (kind === 'echo') {
    const echo = new Telegraf(TOKEN, { telegram: { apiRoot } });
    echo.botInfo = BOT_USER;
    echo.on('message', (ctx) => ('text' in ctx.message ? ctx.reply(ctx.message.text || '.') : undefined));
    return echo;
  }
  const core = createCore(loadKnowledge());
  const store = createStore(cacheUrl);
  const answers = new Answers(core, createCache({ namespace: `bench:${Date.now()}`, ttlMs: 60_000, store }));
  const log = createLogger({ level: 'silent', pretty: false });
  return createTelegramBot({ token: TOKEN, apiRoot, answers, log, botInfo: BOT_USER });
}

const bot = makeBot();
const polling = bot.launch({ allowedUpdates: ['message'] });
parentPort?.on('message', async (message) => {
  if (message !== 'stop') return;
  bot.stop('bench done');
  await polling;
  parentPort?.postMessage('stopped');
});

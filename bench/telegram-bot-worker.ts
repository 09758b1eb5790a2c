/**
 * The bot side of the Telegram benchmark, in its own thread as it would be in its own process in
 * production: the emulator's work (Telegram's servers' work) stays on the main thread.
 * workerData: `{ kind: 'bot' | 'echo', apiRoot, cacheUrl? }` (no cacheUrl: the in-memory cache). The
 * bot is built as `npm start` builds it (`production.ts`). A 'stop' message stops polling and answers
 * `{ hitRate }`, the share of answers the cache served.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Telegraf } from 'telegraf';
import { createTelegramBot } from '../src/adapters/telegram/bot.js';
import { BOT_USER } from '../tests/emulators/telegram-api.js';
import { production } from './production.js';

const TOKEN = '123456:TEST-token-for-emulator';
const { kind, apiRoot, cacheUrl } = workerData as { kind: 'bot' | 'echo'; apiRoot: string; cacheUrl?: string };

const service = kind === 'bot' ? await production(cacheUrl) : undefined;

function makeBot(): Telegraf {
  if (!service) {
    const echo = new Telegraf(TOKEN, { telegram: { apiRoot } });
    echo.botInfo = BOT_USER;
    echo.on('message', (ctx) => ('text' in ctx.message ? ctx.reply(ctx.message.text || '.') : undefined));
    return echo;
  }
  return createTelegramBot({ token: TOKEN, apiRoot, answers: service.answers, log: service.log, botInfo: BOT_USER });
}

const bot = makeBot();
const polling = bot.launch({ allowedUpdates: ['message'] });
parentPort?.on('message', async (message) => {
  if (message !== 'stop') return;
  bot.stop('bench done');
  await polling;
  const hitRate = (await service?.hitRate()) ?? null;
  await service?.close();
  parentPort?.postMessage({ hitRate });
});

/**
 * Telegram round trips through the Bot API emulator: the real bot (built as `npm start` builds it:
 * metrics, rate limits, info logs to a file, cache in memory or on Redis) beside a telegraf bot that
 * echoes. Each runs warm in its own thread, polling its own emulator; rounds alternate between them
 * (`rounds.ts`): latency one question at a time, throughput with 50 chats at once, questions mostly
 * distinct (`questions.ts`), each from a new user.
 *
 * Run alone: `npx tsx bench/telegram.ts [rounds]`.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ApiCall, TelegramApiEmulator } from '../tests/emulators/telegram-api.js';
import { questionStream } from './questions.js';
import { type Comparison, compare, type Send } from './rounds.js';

/** Starts a bot (`bot` or `echo`) in a worker thread, polling the emulator. */
function startWorker(kind: 'bot' | 'echo', apiRoot: string, cacheUrl?: string): Worker {
  // Node 20 does not run a worker's TypeScript entry through tsx's hooks: load it with tsx's API.
  const entry = new URL('./telegram-bot-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(boot, { eval: true, workerData: { kind, apiRoot, cacheUrl } });
}

async function stopWorker(worker: Worker): Promise<{ hitRate: number | null }> {
  const stopped = new Promise<{ hitRate: number | null }>((resolve) => worker.once('message', resolve));
  worker.postMessage('stop');
  const result = await stopped;
  await worker.terminate();
  return result;
}

let nextUser = 10_000;

/** Sends each question from a new private chat and resolves at the bot's first message there. */
async function sender(api: TelegramApiEmulator): Promise<Send> {
  const waiting = new Map<number, () => void>();
  api.watch({
    call(call: ApiCall) {
      const chat = call.params.chat_id;
      if (typeof chat !== 'number') return;
      const done = waiting.get(chat);
      if (done && (call.method === 'sendMessage' || call.method === 'sendPhoto')) {
        waiting.delete(chat);
        done();
      }
    },
  });
  await api.waitForPoller(15_000);
  return (text) => {
    const id = nextUser++;
    const replied = new Promise<void>((resolve) => waiting.set(id, resolve));
    api.pushUpdate({
      message: {
        message_id: id,
        date: 1764201600,
        chat: { id, type: 'private' },
        from: { id, is_bot: false, first_name: 'Bench', language_code: id % 3 === 0 ? 'fr' : 'en' },
        text,
      },
    });
    return replied;
  };
}

export interface TelegramFigures extends Comparison {
  /** Share of the bot's answers served from the answer cache, over the whole run. */
  hitRate: number | null;
}

export async function benchTelegram(rounds = 7, cacheUrl?: string): Promise<TelegramFigures> {
  const options = { recordCalls: false, maxMessages: 1000 };
  const [botApi, echoApi] = await Promise.all([TelegramApiEmulator.start(options), TelegramApiEmulator.start(options)]);
  const botWorker = startWorker('bot', botApi.apiRoot, cacheUrl);
  const echoWorker = startWorker('echo', echoApi.apiRoot);
  try {
    const [bot, echo] = await Promise.all([sender(botApi), sender(echoApi)]);
    const figures = await compare(bot, echo, {
      sequential: 150,
      concurrent: 600,
      senders: 50,
      rounds,
      warmUp: 1,
      next: questionStream(),
    });
    const { hitRate } = await stopWorker(botWorker);
    return { ...figures, hitRate };
  } finally {
    await Promise.allSettled([botWorker.terminate(), stopWorker(echoWorker)]);
    await Promise.all([botApi.close(), echoApi.close()]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rounds = Number(process.argv[2] ?? 7);
  process.stdout.write(`${JSON.stringify(await benchTelegram(rounds))}\n`);
  process.exit(0);
}

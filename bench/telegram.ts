import { Worker } from 'node:worker_threads';
import { TelegramApiEmulator } from '../tests/emulators/telegram-api.js';

const _TOKEN = '123456:TEST-token-for-emulator';
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

/** Starts a bot (`bot` or `echo`) in a worker thread, polling the emulator. */
function startWorker(kind: 'bot' | 'echo', apiRoot: string, cacheUrl?: string): Worker {
  // Node 20 does not run a worker's TypeScript entry through tsx's hooks: load it with tsx's API.
  const entry = new URL('./telegram-bot-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(boot, { eval: true, workerData: { kind, apiRoot, cacheUrl } });
}

async function stopWorker(worker: Worker): Promise<void> {
  const stopped = new Promise((resolve) => worker.once('message', resolve));
  worker.postMessage('stop');
  await stopped;
  await worker.terminate();
}

/** N private questions one after the other; each round trip waits for the bot's message. */
async function measure(api: TelegramApiEmulator, kind: 'bot' | 'echo', n: number, cacheUrl?: string): Promise<Figures> {
  const worker = startWorker(kind, api.apiRoot, cacheUrl);
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
  await stopWorker(worker);
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    perSec: round((n / total) * 1000),
    p50ms: round(percentile(times, 50)),
    p99ms: round(percentile(times, 99)),
  };
}

/** The run with the median throughput. */
function median(runs: Figures[]): Figures {
  return [...runs].sort((a, b) => a.perSec - b.perSec)[Math.floor(runs.length / 2)] as Figures;
}

/** Rounds alternate the bot and the echo bot, so that neither gains from going first or last. */
export async function benchTelegram(
  n: number,
  rounds = 3,
  cacheUrl?: string,
): Promise<{ bot: Figures; echo: Figures; ratio: number }> {
  const api = await TelegramApiEmulator.start();
  try {
    // Warm-up (JIT, sockets, the emulator), not counted.
    await measure(api, 'bot', Math.ceil(n / 3), cacheUrl);
    await measure(api, 'echo', Math.ceil(n / 3));
    const bots: Figures[] = [];
    const echoes: Figures[] = [];
    for (let i = 0; i < rounds; i++) {
      bots.push(await measure(api, 'bot', n, cacheUrl));
      echoes.push(await measure(api, 'echo', n));
    }
    const bot = median(bots);
    const echo = median(echoes);
    return { bot, echo, ratio: Math.round((bot.perSec / echo.perSec) * 100) / 100 };
  } finally {
    await api.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 300);
  console.log(JSON.stringify(await benchTelegram(n), null, 2));
}

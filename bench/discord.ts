/**
 * Discord round trips on loopback: slash interactions dispatched by the fake Discord, timed until the
 * interaction callback arrives, for the real bot and for a discord.js bot that only replies "ok". The
 * ratio is the bot's throughput as a share of the echo bot's (the goal is 0.8 or more).
 *
 * Run alone: `npx tsx bench/discord.ts [n]`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { startDiscord } from '../src/adapters/discord/bot.js';
import { createCore } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { createLogger } from '../src/infra/log.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Answers } from '../src/service/answers.js';
import { DiscordFake } from '../tests/emulators/discord-fake.js';

export interface RoundTrips {
  perSec: number;
  p50ms: number;
  p99ms: number;
}

const COUNTRIES = [
  'Morocco',
  'Marocco',
  'India',
  'Mexique',
  'UAE',
  'Saudi Arabia',
  'France',
  'Israel',
  'Rwanda',
  'Spain',
];
const WARM_UP = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Sends `n` `/allowed` commands one after the other and times each until its callback. */
async function roundTrips(fake: DiscordFake, n: number): Promise<RoundTrips> {
  for (let i = 0; i < WARM_UP; i++) {
    const { id } = fake.command('allowed', { country: COUNTRIES[i % COUNTRIES.length] as string });
    await fake.waitFor(fake.callbackOf(id));
  }
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const { id } = fake.command('allowed', { country: COUNTRIES[i % COUNTRIES.length] as string });
    await fake.waitFor(fake.callbackOf(id));
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  return {
    perSec: Math.round((n / total) * 1000),
    p50ms: round(percentile(samples, 50)),
    p99ms: round(percentile(samples, 99)),
  };
}

async function startEcho(fake: DiscordFake): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: 'ok', allowedMentions: { parse: [] } });
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login('bench-token');
  await ready;
  return client;
}

/** The run with the median throughput. */
function median(runs: RoundTrips[]): RoundTrips {
  return [...runs].sort((a, b) => a.perSec - b.perSec)[Math.floor(runs.length / 2)] as RoundTrips;
}

/** Rounds alternate the bot and the echo bot, so that neither gains from going first or last. */
export async function benchDiscord(
  n: number,
  rounds = 3,
): Promise<{ bot: RoundTrips; echo: RoundTrips; ratio: number }> {
  const fake = await DiscordFake.start();
  const answers = new Answers(createCore(loadKnowledge()), createCache({ namespace: 'bench', ttlMs: 60_000 }));
  const log = createLogger({ level: 'silent', pretty: false });
  const measureBot = async (count: number) => {
    const bot = await startDiscord({
      config: { DISCORD_TOKEN: 'bench-token', DISCORD_API_URL: fake.apiUrl },
      answers,
      log,
    });
    const trips = await roundTrips(fake, count);
    await bot.stop();
    return trips;
  };
  const measureEcho = async (count: number) => {
    const echo = await startEcho(fake);
    const trips = await roundTrips(fake, count);
    await echo.destroy();
    return trips;
  };
  try {
    // Warm-up (JIT, sockets, the fake), not counted.
    await measureBot(Math.ceil(n / 3));
    await measureEcho(Math.ceil(n / 3));
    const bots: RoundTrips[] = [];
    const echoes: RoundTrips[] = [];
    for (let i = 0; i < rounds; i++) {
      bots.push(await measureBot(n));
      echoes.push(await measureEcho(n));
    }
    const bot = median(bots);
    const echo = median(echoes);
    return { bot, echo, ratio: round(bot.perSec / echo.perSec) };
  } finally {
    await fake.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 300);
  process.stdout.write(`${JSON.stringify(await benchDiscord(n))}\n`);
}

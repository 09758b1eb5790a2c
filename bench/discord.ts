/**
 * Discord round trips on loopback through the fake Discord: the real bot (built as `npm start` builds
 * it: metrics, rate limits, info logs to a file, in-memory cache) beside a discord.js bot that only
 * replies "ok". Each stays logged in, to its own fake, for the whole run; rounds alternate between them
 * (`rounds.ts`): latency one question at a time, throughput with 50 users at once. Questions are
 * mostly distinct (`questions.ts`), each from a new user, timed until the reply (message or interaction
 * callback). One at a time: half as messages that mention the bot, half as `/allowed` with the last
 * words of the question. At once: `/allowed` only, since discord.js sends a channel's messages one after
 * the other (Discord limits each channel) and the fake has one channel, where real users are spread
 * over many.
 *
 * Run alone: `npx tsx bench/discord.ts [rounds]`.
 */
import { pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { startDiscord } from '../src/adapters/discord/bot.js';
import { DiscordFake, type RecordedCall } from '../tests/emulators/discord-fake.js';
import { production } from './production.js';
import { questionStream } from './questions.js';
import { type Comparison, compare, type Sends } from './rounds.js';

/** Sends each question from a new user and resolves at the bot's reply. */
function sender(fake: DiscordFake): Sends {
  const waiting = new Map<string, () => void>();
  fake.watch((call: RecordedCall) => {
    if (call.method !== 'POST') return;
    const interaction = /^\/api\/v10\/interactions\/(\d+)\//.exec(call.path)?.[1];
    const key = interaction ?? (call.body?.message_reference as { message_id?: string } | undefined)?.message_id;
    const done = key ? waiting.get(key) : undefined;
    if (key && done) {
      waiting.delete(key);
      done();
    }
  });
  let n = 0;
  const send = (mention: boolean) => (text: string) => {
    const user = fake.newUser(`bench${n++}`);
    const { id } = mention
      ? fake.message(`<@${fake.applicationId}> ${text}`, { mentionBot: true, author: user })
      : fake.command('allowed', { country: text }, { user });
    return new Promise<void>((resolve) => waiting.set(id, resolve));
  };
  return { oneAtATime: (text) => send(n % 2 === 0)(text), concurrent: send(false) };
}

async function startEcho(fake: DiscordFake): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: { api: fake.apiUrl },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: 'ok', allowedMentions: { parse: [] } });
  });
  client.on(Events.MessageCreate, (message) => {
    if (client.user && message.mentions.users.has(client.user.id))
      void message.reply({ content: 'ok', allowedMentions: { parse: [] } });
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login('bench-token');
  await ready;
  return client;
}

export interface DiscordFigures extends Comparison {
  /** Share of the bot's answers served from the answer cache, over the whole run. */
  hitRate: number;
}

export async function benchDiscord(rounds = 7): Promise<DiscordFigures> {
  const [botFake, echoFake] = await Promise.all([
    DiscordFake.start({ recordCalls: false }),
    DiscordFake.start({ recordCalls: false }),
  ]);
  const service = await production();
  const bot = await startDiscord({
    config: { DISCORD_TOKEN: 'bench-token', DISCORD_API_URL: botFake.apiUrl },
    answers: service.answers,
    log: service.log,
  });
  const echo = await startEcho(echoFake);
  try {
    const figures = await compare(sender(botFake), sender(echoFake), {
      sequential: 150,
      concurrent: 600,
      senders: 50,
      rounds,
      warmUp: 1,
      next: questionStream(),
    });
    return { ...figures, hitRate: await service.hitRate() };
  } finally {
    await bot.stop();
    await echo.destroy();
    await service.close();
    await Promise.all([botFake.close(), echoFake.close()]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rounds = Number(process.argv[2] ?? 7);
  process.stdout.write(`${JSON.stringify(await benchDiscord(rounds))}\n`);
  process.exit(0);
}

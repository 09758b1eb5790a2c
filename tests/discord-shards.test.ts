/**
 * Discord shards as separate processes (DISCORD_SHARD_PROCESSES=1): the real bot, from the sources,
 * as a shard manager whose two shard processes log in to the local Discord (which recommends two
 * shards and routes each server's events to the shard that owns it), sharing a real Redis when
 * `redis-server` is installed, with Telegram (the emulator) in the manager. Assertions read what a user sees (the replies), what each process
 * serves on its own port, and which processes are left after SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { escapeText } from '../src/adapters/discord/render.js';
import { SHARD_STOPPED_EXIT, shardConfig, shardOfProcess } from '../src/adapters/discord/shard-process.js';
import { createCore, queryOf } from '../src/core/index.js';
import { loadConfig } from '../src/infra/config.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { DiscordFake, type FakeGuild, type RecordedCall } from './emulators/discord-fake.js';
import { TelegramApiEmulator } from './emulators/telegram-api.js';
import { freePortRange, sleep } from './support/ports.js';
import { type RedisServer, redisAvailable, startRedis } from './support/redis.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const core = createCore(loadKnowledge());
const titleOf = (country: string) =>
  escapeText(core.answer(queryOf('country_status', 'en', { countries: [country] })).title);

type LogLine = Record<string, unknown> & { msg?: string };

/** The bot process and every JSON line it and its shards wrote to stdout. */
interface Running {
  child: ChildProcess;
  lines: LogLine[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: string[];
}

function startBot(env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: '',
      TELEGRAM_WEBHOOK_URL: '',
      TELEGRAM_WEBHOOK_SECRET: '',
      DISCORD_GUILD_ID: '',
      DISCORD_SHARDS: '',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        stderr.push(part);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, exited, stderr };
}

async function status(port: number, path: string): Promise<number> {
  return fetch(`http://127.0.0.1:${port}${path}`).then(
    async (res) => {
      await res.arrayBuffer();
      return res.status;
    },
    () => 0,
  );
}

async function untilReady(bot: Running, port: number): Promise<void> {
  const until = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < until && bot.child.exitCode === null) {
    if ((await status(port, '/readyz')) === 200) return;
    await sleep(200);
  }
  throw new Error(`the shard manager did not get ready:\n${bot.stderr.join('')}\n${JSON.stringify(bot.lines)}`);
}

/** The value of the sample of `name` carrying every label of `labels`, or 0 when there is none. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    if (pairs.every((pair) => line.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

async function metricsOf(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies as the client sent them
const embedOf = (call: RecordedCall): any => call.body.embeds[0];

describe('Discord shards as separate processes (DISCORD_SHARD_PROCESSES=1)', () => {
  const withRedis = redisAvailable();
  let redis: RedisServer | undefined;
  let fake: DiscordFake;
  let telegram: TelegramApiEmulator;
  let bot: Running;
  let port: number;
  const guilds: FakeGuild[] = [];

  beforeAll(async () => {
    redis = withRedis ? await startRedis() : undefined;
    fake = await DiscordFake.start({ shards: 2, maxConcurrency: 2 });
    telegram = await TelegramApiEmulator.start();
    guilds.push(fake.addGuild(0, 2), fake.addGuild(1, 2));
    // The manager's port, then one per shard.
    port = await freePortRange(3);
    bot = startBot({
      TELEGRAM_BOT_TOKEN: '123456:TEST-shards-token',
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DISCORD_TOKEN: 'shards-test-token',
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARD_PROCESSES: '1',
      HTTP_PORT: String(port),
      CACHE_URL: redis?.url ?? '',
    });
    await untilReady(bot, port);
  }, READY_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake?.close();
    await telegram?.close();
    await redis?.stop();
  });

  /** A question mentioning the bot in `guild`; resolves with the reply the user sees. */
  async function ask(guild: FakeGuild, text: string): Promise<RecordedCall> {
    const { id } = fake.message(`<@${fake.applicationId}> ${text}`, { mentionBot: true, guild });
    return fake.waitFor(fake.replyTo(id), 15_000);
  }

  test('the manager asks Discord for the shard count and starts one process per shard, each connected as its shard', () => {
    expect(fake.calls.filter(fake.gatewayBot).length).toBeGreaterThanOrEqual(1);
    expect(fake.connectedShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const started = bot.lines.filter((l) => l.msg === 'discord shard process started');
    expect(started.map((l) => l.shard).sort()).toEqual([0, 1]);
    const pids = started.map((l) => l.shardPid as number);
    expect(new Set([...pids, bot.child.pid]).size).toBe(3);
    expect(pids.every(alive)).toBe(true);
  });

  test('a question in a server of shard 0 and one in a server of shard 1 are both answered, each by its shard', async () => {
    const [zero, one] = [port + 1, port + 2];
    expect(await status(zero, '/healthz')).toBe(200);
    expect(await status(one, '/healthz')).toBe(200);
    expect(await status(zero, '/readyz')).toBe(200);
    expect(await status(one, '/readyz')).toBe(200);
    const answered = (text: string, shard: string) =>
      sample(text, 'cyberexport_answers_total', { platform: 'discord', intent: 'country_status', shard });
    expect(answered(await metricsOf(zero), '0')).toBe(0);

    const first = await ask(guilds[0] as FakeGuild, 'can Israeli firms sell spyware to Morocco?');
    expect(first.path).toBe(`/api/v10/channels/${guilds[0]?.channelId}/messages`);
    expect(embedOf(first).title).toBe(titleOf('MA'));
    expect(answered(await metricsOf(zero), '0')).toBe(1);
    expect(answered(await metricsOf(one), '1')).toBe(0);

    const second = await ask(guilds[1] as FakeGuild, 'is India allowed?');
    expect(second.path).toBe(`/api/v10/channels/${guilds[1]?.channelId}/messages`);
    expect(embedOf(second).title).toBe(titleOf('IN'));
    expect(answered(await metricsOf(zero), '0')).toBe(1);
    expect(answered(await metricsOf(one), '1')).toBe(1);

    // The manager runs no Discord client: it reports each shard, and counts no answer of its own.
    const manager = await metricsOf(port);
    expect(sample(manager, 'cyberexport_discord_shard_up', { shard: '0' })).toBe(1);
    expect(sample(manager, 'cyberexport_discord_shard_up', { shard: '1' })).toBe(1);
    expect(sample(manager, 'cyberexport_answers_total', { platform: 'discord' })).toBe(0);
  });

  test(`Morocco asked again on shard 1 comes from the cache of shard 0 ${withRedis ? 'through Redis' : '(no Redis: a miss, each shard has its own memory)'}`, async () => {
    const again = await ask(guilds[1] as FakeGuild, 'Morocco?');
    expect(embedOf(again).title).toBe(titleOf('MA'));
    const text = await metricsOf(port + 2);
    expect(sample(text, 'cyberexport_cache_total', { result: 'hit', shard: '1' })).toBe(withRedis ? 1 : 0);
  });

  test('Telegram runs in the manager alone: one login, answered there, no shard touches it', async () => {
    expect(telegram.callsTo('getMe')).toHaveLength(1);
    const chat = { id: 3001, type: 'private', first_name: 'Alice' };
    const from = { id: 3001, is_bot: false, first_name: 'Alice', language_code: 'en' };
    telegram.pushUpdate({ message: { message_id: 1, date: 1764201600, chat, from, text: 'is Morocco allowed?' } });
    const sent = await telegram.waitFor('sendMessage', (c) => c.params.chat_id === chat.id, 15_000);
    expect(String(sent.params.text)).toContain('Morocco');
    expect(sample(await metricsOf(port), 'cyberexport_answers_total', { platform: 'telegram' })).toBe(1);
    for (const shard of [port + 1, port + 2]) {
      expect(sample(await metricsOf(shard), 'cyberexport_answers_total', { platform: 'telegram' })).toBe(0);
    }
  });

  test('a DM goes to shard 0, as Discord sends it', async () => {
    const count = async (shard: number) =>
      sample(await metricsOf(port + 1 + shard), 'cyberexport_answers_total', { platform: 'discord' });
    const before = [await count(0), await count(1)];
    const { id } = fake.message('is Morocco allowed?', { dm: true });
    const reply = await fake.waitFor(fake.replyTo(id), 15_000);
    expect(reply.path).toBe(`/api/v10/channels/${fake.dmChannelId}/messages`);
    expect(embedOf(reply).title).toBe(titleOf('MA'));
    expect([await count(0), await count(1)]).toEqual([(before[0] as number) + 1, before[1]]);
  });

  test(
    'a shard process that dies is started again, later each time it dies again soon, counted, and answers its servers again',
    async () => {
      const started = () => bot.lines.filter((l) => l.msg === 'discord shard process started' && l.shard === 1);
      const [first] = started();
      process.kill(first?.shardPid as number, 'SIGKILL');
      await vi.waitFor(() => expect(started()).toHaveLength(2), { timeout: 10_000, interval: 100 });
      await untilReady(bot, port);
      // Dead again within a minute of starting: the next start waits twice as long.
      process.kill(started()[1]?.shardPid as number, 'SIGKILL');
      await vi.waitFor(() => expect(started()).toHaveLength(3), { timeout: 15_000, interval: 100 });
      await untilReady(bot, port);
      const again = await ask(guilds[1] as FakeGuild, 'is India allowed?');
      expect(embedOf(again).title).toBe(titleOf('IN'));
      const manager = await metricsOf(port);
      expect(sample(manager, 'cyberexport_discord_shard_restarts_total', { shard: '1' })).toBe(2);
      expect(sample(manager, 'cyberexport_discord_shard_restarts_total', { shard: '0' })).toBe(0);
      const exits = bot.lines.filter((l) => l.msg === 'discord shard process exited: starting it again');
      expect(exits.map((l) => [l.signal, l.inMs])).toEqual([
        ['SIGKILL', 1000],
        ['SIGKILL', 2000],
      ]);
    },
    READY_TIMEOUT_MS,
  );

  test('SIGTERM to the manager stops every shard: exit 0, no shard process left', async () => {
    const pids = bot.lines.filter((l) => l.msg === 'discord shard process started').map((l) => l.shardPid as number);
    expect(pids).toHaveLength(4);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(pids.filter(alive)).toEqual([]);
    // Each running shard stopped itself, cleanly, rather than being killed; none was started again.
    const stopped = bot.lines.filter((l) => l.msg === 'stopped').map((l) => l.shard ?? 'manager');
    expect(stopped.sort()).toEqual([0, 1, 'manager']);
    expect(bot.lines.filter((l) => l.msg === 'discord shard process started')).toHaveLength(4);
  }, 30_000);
});

describe('a shard process', () => {
  test('is recognised only when started by a shard manager, with an IPC channel and a valid shard', () => {
    const env = { SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' };
    expect(shardOfProcess(env, true)).toEqual({ id: 1, count: 2 });
    expect(shardOfProcess(env, false)).toBeUndefined();
    expect(shardOfProcess({ ...env, SHARDING_MANAGER: undefined }, true)).toBeUndefined();
    expect(shardOfProcess({ ...env, SHARDS: '2' }, true)).toBeUndefined();
    expect(shardOfProcess({ ...env, SHARDS: '[1]' }, true)).toBeUndefined();
  });

  test("runs Discord alone, on the port after the manager's plus its id, on the shard the manager gave", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook',
      TELEGRAM_WEBHOOK_SECRET: 'secret',
      DISCORD_TOKEN: 'token',
      DISCORD_SHARDS: '4',
      DISCORD_SHARD_PROCESSES: '1',
      HTTP_PORT: '8080',
      CACHE_URL: 'redis://127.0.0.1:6379',
    });
    const shard = shardConfig(config, { id: 2, count: 4 });
    expect(shard).toMatchObject({ DISCORD_TOKEN: 'token', HTTP_PORT: 8083, CACHE_URL: 'redis://127.0.0.1:6379' });
    expect(shard.DISCORD_SHARD_PROCESSES).toBe(false);
    for (const name of [
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_WEBHOOK_URL',
      'TELEGRAM_WEBHOOK_SECRET',
      'DISCORD_SHARDS',
    ] as const) {
      expect(shard[name]).toBeUndefined();
    }
    expect(shardConfig({ ...config, HTTP_PORT: undefined }, { id: 0, count: 4 }).HTTP_PORT).toBeUndefined();
  });

  test('that Discord refuses stops the manager and every shard, with exit code 1 and no respawn', async () => {
    const fake = await DiscordFake.start({ shards: 2, maxConcurrency: 2 });
    fake.refuseIdentify(4004);
    try {
      const bot = startBot({
        DISCORD_TOKEN: 'refused-token',
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_SHARD_PROCESSES: '1',
        HTTP_PORT: '',
        CACHE_URL: '',
      });
      const exit = await bot.exited;
      expect(exit.code).toBe(1);
      const pids = bot.lines.filter((l) => l.msg === 'discord shard process started').map((l) => l.shardPid as number);
      expect(pids).toHaveLength(2);
      await sleep(0);
      expect(pids.filter(alive)).toEqual([]);
      expect(bot.lines.some((l) => l.level === 60 && /4004.*DISCORD_TOKEN/.test(String(l.msg)))).toBe(true);
      expect(
        bot.lines.some((l) => l.level === 60 && new RegExp(`exit code ${SHARD_STOPPED_EXIT}`).test(String(l.msg))),
      ).toBe(true);
    } finally {
      await fake.close();
    }
  }, 60_000);

  test(
    'whose manager is killed (SIGKILL) stops on its own, cleanly: no orphan keeps answering',
    async () => {
      const fake = await DiscordFake.start({ shards: 2, maxConcurrency: 2 });
      const bot = startBot({
        DISCORD_TOKEN: 'orphan-test-token',
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_SHARD_PROCESSES: '1',
        HTTP_PORT: '',
        CACHE_URL: '',
      });
      try {
        const ready = () => bot.lines.filter((l) => l.msg === 'discord shard ready');
        await vi.waitFor(() => expect(ready()).toHaveLength(2), { timeout: READY_TIMEOUT_MS, interval: 200 });
        const pids = bot.lines
          .filter((l) => l.msg === 'discord shard process started')
          .map((l) => l.shardPid as number);
        bot.child.kill('SIGKILL');
        await bot.exited;
        await vi.waitFor(() => expect(pids.filter(alive)).toEqual([]), { timeout: 20_000, interval: 100 });
        await vi.waitFor(() => expect(bot.lines.filter((l) => l.msg === 'stopped')).toHaveLength(2));
        expect(bot.lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
      } finally {
        if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
        await fake.close();
      }
    },
    READY_TIMEOUT_MS + 30_000,
  );
});

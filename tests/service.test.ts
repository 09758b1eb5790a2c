/**
 * The bot run as a service, as `npm start` runs it: two real processes behind one webhook, sharing a
 * real Redis for answers and rate limits, with health and metrics, and a graceful SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type ApiCall, TelegramApiEmulator } from './emulators/telegram-api.js';
import { freePort } from './support/ports.js';
import { type RedisServer, redisAvailable, startRedis } from './support/redis.js';

const TOKEN = '123456:TEST-token-for-emulator';
const SECRET = 'service_test_secret';

interface BotProcess {
  child: ChildProcess;
  port: number;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

async function startBot(api: TelegramApiEmulator, redisUrl: string, env: NodeJS.ProcessEnv = {}): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      HTTP_PORT: String(port),
      CACHE_URL: redisUrl,
      RATE_LIMIT_PER_MINUTE: '2',
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await vi.waitFor(
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(200);
    },
    { timeout: 45_000, interval: 100 },
  );
  return { child, port, lines, exited };
}

let updateId = 1;
const alice = { id: 2001, is_bot: false, first_name: 'Alice', language_code: 'en' };
const bob = { id: 2002, is_bot: false, first_name: 'Bob', language_code: 'en' };

/** Posts an update to a bot's webhook as Telegram would; resolves with the HTTP status. */
async function deliver(bot: BotProcess, text: string, from = alice): Promise<number> {
  const update = {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 1764201600,
      chat: { id: from.id, type: 'private', first_name: from.first_name },
      from,
      text,
    },
  };
  const res = await fetch(`http://127.0.0.1:${bot.port}/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  return res.status;
}

const textOf = (call: ApiCall | undefined) => String(call?.params.text ?? '');

describe.skipIf(!redisAvailable())('two bot processes on one webhook, sharing Redis', () => {
  let redis: RedisServer;
  let api: TelegramApiEmulator;
  let a: BotProcess;
  let b: BotProcess;

  beforeAll(async () => {
    redis = await startRedis();
    api = await TelegramApiEmulator.start();
    // Only `a` logs the questions it could not answer (LOG_QUESTIONS); both count them.
    [a, b] = await Promise.all([startBot(api, redis.url, { LOG_QUESTIONS: '1' }), startBot(api, redis.url)]);
  }, 60_000);

  afterAll(async () => {
    for (const bot of [a, b]) if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await api?.close();
    await redis?.stop();
  });

  test('an answer cached by one instance is served by the other', async () => {
    expect(await deliver(a, 'Is Morocco allowed?', bob)).toBe(200);
    expect(await deliver(b, 'is morocco allowed', { ...bob, id: 2003 })).toBe(200);
    const answeredBy = (bot: BotProcess) => bot.lines.filter((l) => l.msg === 'answered');
    await vi.waitFor(() => expect(answeredBy(b)).toHaveLength(1));
    expect(answeredBy(a)[0]).toMatchObject({ platform: 'telegram', intent: 'country_status', cached: false });
    expect(answeredBy(b)[0]).toMatchObject({ platform: 'telegram', intent: 'country_status', cached: true });
    expect(api.callsTo('sendMessage').map(textOf)).toEqual([
      expect.stringContaining('Morocco'),
      expect.stringContaining('Morocco'),
    ]);
  });

  test('a follow-up delivered to the other instance continues the conversation (Redis)', async () => {
    const carol = { id: 2010, is_bot: false, first_name: 'Carol', language_code: 'en' };
    expect(await deliver(a, 'Is Morocco allowed?', carol)).toBe(200);
    expect(await deliver(b, 'why?', carol)).toBe(200);
    const replies = api.callsTo('sendMessage').filter((c) => c.params.chat_id === carol.id);
    expect(replies.map(textOf)[1]).toMatch(/^<b>🇲🇦 Morocco: Israel never gave its reasons/);
  });

  test('the rate limit counts a user across instances: a notice, then silence', async () => {
    const sent = () =>
      api
        .callsTo('sendMessage')
        .filter((c) => c.params.chat_id === alice.id)
        .map(textOf);
    await deliver(a, 'Is India allowed?');
    await deliver(b, 'Is Spain allowed?');
    await deliver(a, 'Is Japan allowed?');
    await deliver(b, 'Is Chile allowed?');
    expect(sent()).toHaveLength(3);
    expect(sent()[2]).toMatch(/faster than I can keep up/);
  });

  test('/readyz reports the adapter and the cache; /metrics counts answers and refusals', async () => {
    const ready = await (await fetch(`http://127.0.0.1:${a.port}/readyz`)).json();
    expect(ready).toMatchObject({ ready: true, checks: { telegram: { ok: true }, cache: { ok: true } } });
    const metrics = await (await fetch(`http://127.0.0.1:${b.port}/metrics`)).text();
    expect(metrics).toMatch(/cyberexport_answers_total\{platform="telegram",intent="country_status"\} [1-9]/);
    expect(metrics).toMatch(/cyberexport_rate_limited_total\{platform="telegram",kind="ask"\} 1/);
    expect(metrics).toContain('cyberexport_answer_seconds_bucket');
  });

  test('questions the bot cannot answer: counted in /metrics by language, logged only with LOG_QUESTIONS', async () => {
    const dave = { id: 2020, is_bot: false, first_name: 'Dave', language_code: 'fr' };
    const long = `Je cherche une bonne recette de crêpes pour ce soir. ${'Avec du sucre et du beurre salé. '.repeat(8)}`;
    expect(await deliver(a, long, dave)).toBe(200);
    expect(await deliver(a, 'Is Wakanda allowed?', { ...dave, language_code: 'en' })).toBe(200);
    expect(await deliver(b, 'the weather is nice today', { ...dave, id: 2021 })).toBe(200);
    await vi.waitFor(() => expect(api.callsTo('sendMessage').filter((c) => c.params.chat_id === 2021)).toHaveLength(1));
    const logged = () => a.lines.filter((l) => l.msg === 'unanswered question');
    await vi.waitFor(() => expect(logged()).toHaveLength(2));
    const [outOfScope, unknownCountry] = logged();
    expect(outOfScope).toMatchObject({ platform: 'telegram', lang: 'fr', reason: 'out_of_scope' });
    expect(outOfScope?.question).toBe(`${long.trim().slice(0, 200)}…`);
    expect(unknownCountry).toMatchObject({ lang: 'en', reason: 'unknown_country', question: 'Is Wakanda allowed?' });
    // The user is a hash (the same for both questions), never the id; no chat id either.
    expect(outOfScope?.user).toMatch(/^[0-9a-f]{16}$/);
    expect(unknownCountry?.user).toBe(outOfScope?.user);
    expect(JSON.stringify(logged())).not.toContain(String(dave.id));
    expect(b.lines.filter((l) => l.msg === 'unanswered question')).toEqual([]);
    const countOf = async (bot: BotProcess) => (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    const aCounts = await countOf(a);
    expect(aCounts).toMatch(/cyberexport_unanswered_total\{platform="telegram",lang="fr",reason="out_of_scope"\} 1\n/);
    expect(aCounts).toMatch(
      /cyberexport_unanswered_total\{platform="telegram",lang="en",reason="unknown_country"\} 1\n/,
    );
    expect(await countOf(b)).toMatch(
      /cyberexport_unanswered_total\{platform="telegram",lang="en",reason="out_of_scope"\} 1\n/,
    );
  });

  test('SIGTERM during a slow answer: the answer is sent, new updates are refused, then a clean exit', async () => {
    api.delayNext('sendMessage', 1500);
    const slow = deliver(a, 'Is Mexico allowed?', { ...bob, id: 2004 });
    await api.waitFor('sendMessage', (c) => c.params.chat_id === 2004, 5000);
    a.child.kill('SIGTERM');
    await vi.waitFor(() => expect(a.lines.some((l) => String(l.msg).startsWith('shutting down'))).toBe(true));
    expect(await deliver(a, 'Is Peru allowed?', { ...bob, id: 2005 })).toBe(503);
    expect(await slow).toBe(200);
    expect(await a.exited).toBe(0);
    expect(a.lines.at(-1), JSON.stringify(a.lines.slice(-4))).toMatchObject({ msg: 'stopped' });
    expect(api.callsTo('sendMessage').filter((c) => c.params.chat_id === 2005)).toHaveLength(0);
    expect(JSON.stringify(a.lines)).not.toContain(TOKEN);
  }, 20_000);

  test('a map is drawn on a worker thread and sent; on SIGTERM the pool closes and the process exits 0', async () => {
    expect(await deliver(b, '/map europe', { ...bob, id: 2006 })).toBe(200);
    const sent = await api.waitFor('sendPhoto', (c) => c.params.chat_id === 2006, 15_000);
    expect(api.photoOf(sent)?.subarray(1, 4).toString()).toBe('PNG');
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    expect(b.lines.at(-1), JSON.stringify(b.lines.slice(-4))).toMatchObject({ msg: 'stopped' });
  }, 20_000);
});

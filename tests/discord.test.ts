/**
 * The Discord bot end to end: the real discord.js client, over real sockets, against the local fake
 * Discord in `emulators/discord-fake.ts`. Assertions read what a user would see: the REST calls.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { deployDiscordCommands } from '../commands/deploy-discord.js';
import { Answers, type Rendered } from '../src/adapters/answers.js';
import { type DiscordBot, startDiscord } from '../src/adapters/discord/bot.js';
import { escapeText, NSO_COLOUR, STATUS_COLOUR } from '../src/adapters/discord/render.js';
import { type Answer, type AskOptions, type Core, createCore, type Request, TOPIC_TITLE } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { createMemoryCounter } from '../src/infra/counter.js';
import type { Logger } from '../src/infra/log.js';
import { createMetrics } from '../src/infra/metrics.js';
import { RateLimiter } from '../src/infra/rate-limit.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createMapRenderer, getMapPng, type MapOptions } from '../src/maps/index.js';
import { DiscordFake, messageErrors, type RecordedCall } from './emulators/discord-fake.js';

const EPHEMERAL = 64;
const CALLBACK = { reply: 4, deferReply: 5, update: 7, autocomplete: 8 } as const;

const kb = loadKnowledge();
const core: Core = createCore(kb);
/** One renderer for the file: each map is drawn once, whichever test asks first. */
const maps = createMapRenderer(kb);

type LogLine = Record<string, unknown> & { level: number; msg: string };

function capturingLogger(lines: LogLine[]): Logger {
  return pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
}

function freshAnswers(): Answers {
  return new Answers(core, createCache({ namespace: `test-${Math.random()}`, ttlMs: 60_000 }), { maps });
}

async function startBot(fake: DiscordFake, answers: Answers, log: Logger, deferAfterMs?: number): Promise<DiscordBot> {
  return startDiscord({
    config: { DISCORD_TOKEN: 'test-token', DISCORD_API_URL: fake.apiUrl },
    answers,
    log,
    clientOptions: { rest: { timeout: 3000 } },
    ...(deferAfterMs === undefined ? {} : { deferAfterMs }),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies as the client sent them
const embedOf = (call: RecordedCall): any => (call.body.data ?? call.body).embeds[0];
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies as the client sent them
const buttonsOf = (call: RecordedCall): any[] => (call.body.data ?? call.body).components[0]?.components ?? [];

/** The map a call uploaded: one `map.png` that decodes as a PNG of the size the renderer draws. */
function mapOf(call: RecordedCall, options: MapOptions): PNG {
  expect(call.attachments?.map((a) => a.name)).toEqual(['map.png']);
  expect(embedOf(call).image).toEqual({ url: 'attachment://map.png' });
  const png = PNG.sync.read(call.attachments?.[0]?.bytes as Buffer);
  const expected = getMapPng(kb, options);
  expect([png.width, png.height]).toEqual([expected.width, expected.height]);
  return png;
}

describe('Discord bot against a local Discord', () => {
  let fake: DiscordFake;
  let bot: DiscordBot;
  const logs: LogLine[] = [];

  beforeAll(async () => {
    fake = await DiscordFake.start();
    bot = await startBot(fake, freshAnswers(), capturingLogger(logs));
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  async function command(name: string, args: Record<string, string | boolean> = {}, locale?: string) {
    const { id, token } = fake.command(name, args, locale ? { locale } : {});
    const call = await fake.waitFor(fake.callbackOf(id));
    return { id, token, call };
  }

  test('logs in through the gateway and caches the test server', () => {
    expect(bot.client.isReady()).toBe(true);
    expect(bot.client.user.id).toBe(fake.applicationId);
    expect(bot.client.guilds.cache.has(fake.guildId)).toBe(true);
  });

  test('the deploy script registers every command with localizations, options and hide', async () => {
    const result = await deployDiscordCommands({
      DISCORD_TOKEN: 't',
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guildId,
    });
    expect(result.scope).toBe(`guild ${fake.guildId}`);
    await deployDiscordCommands({ DISCORD_TOKEN: 't', DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: undefined });
    const put = await fake.waitFor(
      (c) => c.method === 'PUT' && c.path === `/api/v10/applications/${fake.applicationId}/commands`,
    );
    expect(put.status).toBe(200);
    expect(fake.calls.some((c) => c.path === '/api/v10/applications/@me')).toBe(true);

    const commands = fake.commands.get(fake.guildId) ?? [];
    expect(commands.map((c) => c.name)).toEqual(['allowed', 'list', 'removed', 'nso', 'map', 'sources', 'help']);
    // biome-ignore lint/suspicious/noExplicitAny: registered JSON
    const byName: Record<string, any> = Object.fromEntries(commands.map((c) => [String(c.name), c]));
    for (const c of Object.values(byName)) {
      expect(c.description_localizations.fr).toBeTruthy();
      expect(c.options.at(-1)).toMatchObject({ name: 'hide', type: 5, required: false });
    }
    expect(byName.allowed.options[0]).toMatchObject({ name: 'country', type: 3, required: true, autocomplete: true });
    const topic = byName.nso.options[0];
    expect(topic).toMatchObject({ name: 'topic', type: 3, required: false });
    expect(topic.choices).toHaveLength(11);
    expect(topic.choices).toContainEqual({
      name: 'WhatsApp lawsuit',
      name_localizations: { fr: 'Procès WhatsApp' },
      value: 'whatsapp_lawsuit',
    });
  });

  test('/allowed with a typo finds Morocco, dropped from the list, in a red embed', async () => {
    const { call } = await command('allowed', { country: 'Marocco' });
    expect(call.status).toBe(204);
    expect(call.body.type).toBe(CALLBACK.reply);
    const embed = embedOf(call);
    expect(embed.title).toContain('🇲🇦 Morocco');
    expect(embed.title).toContain('dropped from the list');
    expect(embed.color).toBe(STATUS_COLOUR.removed);
    expect(embed.fields[0].name).toBe('Sources');
    expect(embed.fields[0].value).toMatch(/\[.+\]\(https:\/\//);
    expect(embed.footer.text).toMatch(/^As of \d{4}-\d{2}-\d{2}$/);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(call.body.data.flags ?? 0).toBe(0);
    expect(buttonsOf(call).map((b) => b.label)).toEqual(['Sources', 'Français', 'Map']);
  });

  test('picking India from autocomplete (value "IN") answers about India', async () => {
    const { call } = await command('allowed', { country: 'IN' });
    expect(embedOf(call).title).toContain('India');
    expect(embedOf(call).color).toBe(STATUS_COLOUR.listed);
  });

  test('autocomplete ranks Morocco first for "mor" and offers popular countries for an empty box', async () => {
    const typed = fake.autocomplete('allowed', 'country', 'mor');
    const call = await fake.waitFor(fake.callbackOf(typed.id));
    expect(call.status).toBe(204);
    expect(call.body.type).toBe(CALLBACK.autocomplete);
    const choices = call.body.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: '🇲🇦 Morocco — dropped from the list', value: 'MA' });

    const empty = fake.autocomplete('allowed', 'country', '', { locale: 'fr' });
    const popular = (await fake.waitFor(fake.callbackOf(empty.id))).body.data.choices as {
      name: string;
      value: string;
    }[];
    expect(popular.length).toBeGreaterThan(3);
    expect(popular.length).toBeLessThanOrEqual(25);
    expect(popular.map((c) => c.value).slice(0, 2)).toEqual(['MA', 'AE']);
    expect(popular[0]?.name).toBe('🇲🇦 Maroc — retiré de la liste');
    for (const c of popular) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  test('/nso without a topic gives the overview, with one gives that topic', async () => {
    const overview = await command('nso');
    expect(embedOf(overview.call).title).toBe(escapeText(TOPIC_TITLE.overview.en));
    expect(embedOf(overview.call).color).toBe(NSO_COLOUR);
    const whatsapp = await command('nso', { topic: 'whatsapp_lawsuit' }, 'fr');
    expect(embedOf(whatsapp.call).title).toBe(escapeText(TOPIC_TITLE.whatsapp_lawsuit.fr));
    expect(messageErrors(whatsapp.call.body.data)).toEqual([]);
  });

  test('hide:true makes the reply ephemeral', async () => {
    const { call } = await command('list', { hide: true });
    expect(call.body.type).toBe(CALLBACK.reply);
    expect(call.body.data.flags).toBe(EPHEMERAL);
  });

  test('a guild message that mentions the bot gets a reply; other messages and bots are ignored', async () => {
    const unrelated = fake.message('Is India allowed?');
    const fromBot = fake.message(`<@${fake.applicationId}> Is India allowed?`, {
      mentionBot: true,
      author: { id: fake.snowflake(), username: 'other-bot', discriminator: '0', avatar: null, bot: true },
    });
    const asked = fake.message(`<@${fake.applicationId}> Is India allowed?`, { mentionBot: true });
    const reply = await fake.waitFor(fake.replyTo(asked.id));
    expect(reply.path).toBe(`/api/v10/channels/${fake.channelId}/messages`);
    expect(embedOf(reply).title).toContain('India');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(fake.calls.some(fake.replyTo(unrelated.id))).toBe(false);
    expect(fake.calls.some(fake.replyTo(fromBot.id))).toBe(false);
  });

  test('a DM is answered, in the language it was written in', async () => {
    const dm = fake.message('Le Maroc est-il autorisé ?', { dm: true });
    const reply = await fake.waitFor(fake.replyTo(dm.id));
    expect(reply.path).toBe(`/api/v10/channels/${fake.dmChannelId}/messages`);
    expect(embedOf(reply).title).toContain('Maroc');
    expect(embedOf(reply).title).toContain('retiré de la liste');
  });

  test('the language button switches the answer to French in place; the sources button answers privately', async () => {
    const { call } = await command('allowed', { country: 'Morocco' });
    const shown = fake.messageObject(fake.channelId, call.body.data);
    const [sourcesButton, langButton] = buttonsOf(call);
    for (const b of [sourcesButton, langButton]) expect(b.custom_id.length).toBeLessThanOrEqual(100);

    const switched = fake.click(langButton.custom_id, shown);
    const update = await fake.waitFor(fake.callbackOf(switched.id));
    expect(update.body.type).toBe(CALLBACK.update);
    expect(embedOf(update).title).toMatch(/^🇲🇦 Maroc\b.*retiré de la liste/);
    expect(buttonsOf(update).map((b) => b.label)).toEqual(['Sources', 'English', 'Carte']);
    expect(update.body.data.allowed_mentions.parse).toEqual([]);

    const sources = fake.click(sourcesButton.custom_id, shown);
    const listed = await fake.waitFor(fake.callbackOf(sources.id));
    expect(listed.body.type).toBe(CALLBACK.reply);
    expect(listed.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(listed).fields[0].value).toContain('https://');

    const forged = fake.click('cx:l:xx:nonsense', shown);
    const expired = await fake.waitFor(fake.callbackOf(forged.id));
    expect(expired.body.data.flags).toBe(EPHEMERAL);
    expect(expired.body.data.content).toMatch(/no longer works/);
  });

  test('/map region:europe replies with the Europe map attached and shown in the embed', async () => {
    const { call } = await command('map', { region: 'europe' });
    expect(call.status).toBe(204);
    expect(call.body.type).toBe(CALLBACK.reply);
    mapOf(call, { lang: 'en', region: 'europe' });
    expect(embedOf(call).title).toBe('Map of the list: Europe');
    expect(call.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(messageErrors(call.body.data)).toEqual([]);
    expect(buttonsOf(call).map((b) => b.label)).toEqual(['Sources', 'Français']);

    // The language button swaps the message for the French map, its attachment replaced.
    const switched = fake.click(buttonsOf(call)[1].custom_id, fake.messageObject(fake.channelId, call.body.data));
    const update = await fake.waitFor(fake.callbackOf(switched.id));
    expect(update.status).toBe(204);
    expect(update.body.type).toBe(CALLBACK.update);
    mapOf(update, { lang: 'fr', region: 'europe' });
    expect(embedOf(update).title).toBe('Carte de la liste : Europe');
    expect(update.body.data.attachments).toHaveLength(1);
  });

  test('the Map button under /allowed Morocco replies with the locator map, in public', async () => {
    const { call } = await command('allowed', { country: 'Morocco' });
    const mapButton = buttonsOf(call).find((b) => b.label === 'Map');
    expect(mapButton.custom_id).toBe('cx:m:en:mc:MA');
    const clicked = fake.click(mapButton.custom_id, fake.messageObject(fake.channelId, call.body.data));
    const reply = await fake.waitFor(fake.callbackOf(clicked.id));
    expect(reply.status).toBe(204);
    expect(reply.body.type).toBe(CALLBACK.reply);
    expect(reply.body.data.flags ?? 0).toBe(0);
    mapOf(reply, { lang: 'en', focus: 'MA' });
    expect(embedOf(reply).title).toMatch(/^🇲🇦 Morocco: dropped from the list/);
    expect(reply.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test('a mention asking for "map of Europe" gets the map too', async () => {
    const asked = fake.message(`<@${fake.applicationId}> map of Europe`, { mentionBot: true });
    const reply = await fake.waitFor(fake.replyTo(asked.id));
    expect(reply.status).toBe(200);
    mapOf(reply, { lang: 'en', region: 'europe' });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test('hostile input cannot ping anyone, break formatting or overflow a message', async () => {
    const hostile = `@everyone @here <@&123> **bold** __u__ \`code\` [link](https://evil.example) # Heading ${'x'.repeat(2100)}`;
    const { call } = await command('allowed', { country: hostile });
    expect(call.status).toBe(204);
    expect(messageErrors(call.body.data)).toEqual([]);
    expect(call.body.data.allowed_mentions.parse).toEqual([]);
    const text = `${embedOf(call).title}\n${embedOf(call).description}`;
    expect(text).not.toMatch(/(?<!\\)\*\*bold/);
    expect(text).not.toMatch(/(?<!\\)\[link/);
    expect(text).not.toMatch(/@everyone|@here|<@&/);

    const message = fake.message(`<@${fake.applicationId}> ${hostile}`, { mentionBot: true });
    const reply = await fake.waitFor(fake.replyTo(message.id));
    expect(reply.status).toBe(200);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(messageErrors(reply.body)).toEqual([]);
  });

  test('a REST 500 on the reply is logged and the next interaction is still answered', async () => {
    const failing = fake.command('sources');
    // One failure per attempt: the first try and @discordjs/rest's three retries.
    fake.fail(fake.callbackOf(failing.id), { status: 500, times: 4 });
    const apology = await fake.waitFor((c) => fake.callbackOf(failing.id)(c) && c.status === 204);
    expect(apology.body.data.flags).toBe(EPHEMERAL);
    expect(apology.body.data.content).toMatch(/^Sorry/);
    expect(logs.some((l) => l.msg === 'discord interaction failed' && l.interactionId === failing.id)).toBe(true);

    const { call } = await command('help');
    expect(call.status).toBe(204);
    expect(embedOf(call).title).toBeTruthy();
  });
});

/** Answers whose cache answers slowly, as a distant Redis might. */
class SlowAnswers extends Answers {
  constructor(private readonly delayMs: number) {
    super(core, createCache({ namespace: 'slow', ttlMs: 60_000 }), { maps });
  }

  override async run<T>(
    platform: string,
    request: Request,
    options: AskOptions & { question?: string },
    render: (a: Answer) => T,
  ): Promise<Rendered<T>> {
    await sleep(this.delayMs);
    return super.run(platform, request, options, render);
  }
}

describe('Discord bot with a slow answer cache', () => {
  let fake: DiscordFake;
  let bot: DiscordBot;

  beforeEach(async () => {
    fake = await DiscordFake.start();
    bot = await startBot(fake, new SlowAnswers(300), capturingLogger([]), 50);
  });

  afterEach(async () => {
    await bot?.stop();
    await fake?.close();
  });

  test('a slow button that fails after deferUpdate apologizes privately and leaves the public answer alone', async () => {
    const { token, call } = await (async () => {
      const sent = fake.command('allowed', { country: 'Spain' });
      await fake.waitFor(fake.callbackOf(sent.id));
      return { token: sent.token, call: await fake.waitFor(fake.editOf(sent.token)) };
    })();
    const message = fake.messageObject(fake.channelId, call.body);
    const click = fake.click(buttonsOf(call)[1].custom_id, message);
    expect((await fake.waitFor(fake.callbackOf(click.id))).body.type).toBe(6); // deferUpdate
    fake.fail(fake.editOf(click.token), { status: 500, times: 4 });
    const apology = await fake.waitFor(fake.followUpOf(click.token));
    expect(apology.body.flags).toBe(EPHEMERAL);
    expect(apology.body.content).toMatch(/^Sorry/);
    expect(fake.calls.filter((c) => fake.editOf(click.token)(c) && c.status === 200)).toHaveLength(0);
    expect(token).not.toBe(click.token);
  });

  test('a shutdown during a slow answer sends the answer first, then disconnects', async () => {
    const { id, token } = fake.command('allowed', { country: 'Mexico' });
    await sleep(20); // the interaction is being answered
    const stopped = bot.stop();
    const edit = await fake.waitFor(fake.editOf(token));
    expect(embedOf(edit).title).toContain('Mexico');
    expect((await fake.waitFor(fake.callbackOf(id))).body.type).toBe(CALLBACK.deferReply);
    await stopped;
    expect(bot.client.isReady()).toBe(false);
  });

  test('a slow map is deferred, then edited in with its image', async () => {
    const { id, token } = fake.command('map', { region: 'europe' });
    expect((await fake.waitFor(fake.callbackOf(id))).body.type).toBe(CALLBACK.deferReply);
    const edit = await fake.waitFor(fake.editOf(token));
    expect(edit.status).toBe(200);
    mapOf(edit, { lang: 'en', region: 'europe' });
  });

  test('a slow answer is deferred first, then the reply is edited in', async () => {
    const { id, token } = fake.command('allowed', { country: 'Mexico', hide: true });
    const deferred = await fake.waitFor(fake.callbackOf(id));
    expect(deferred.body.type).toBe(CALLBACK.deferReply);
    expect(deferred.body.data.flags).toBe(EPHEMERAL);
    const edit = await fake.waitFor(fake.editOf(token));
    expect(edit.path).toMatch(/\/messages\/%40original$/);
    expect(edit.status).toBe(200);
    expect(embedOf(edit).title).toContain('Mexico');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('Discord bot with rate limits', () => {
  let fake: DiscordFake;
  let bot: DiscordBot;
  const lines: LogLine[] = [];
  const metrics = createMetrics();

  beforeAll(async () => {
    fake = await DiscordFake.start();
    const counts = createMemoryCounter();
    const answers = new Answers(core, createCache({ namespace: `limited-${Math.random()}`, ttlMs: 60_000 }), {
      metrics,
      limits: {
        ask: new RateLimiter(counts, { limit: 2, windowMs: 60_000 }),
        inline: new RateLimiter(counts, { limit: 1, windowMs: 60_000 }),
      },
    });
    bot = await startBot(fake, answers, capturingLogger(lines));
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  test('over the limit a command gets a private notice and autocomplete no choices; answers are logged', async () => {
    for (const country of ['Morocco', 'India']) {
      const { id } = fake.command('allowed', { country });
      const call = await fake.waitFor(fake.callbackOf(id));
      expect(embedOf(call).title).toContain(country);
    }
    const over = fake.command('allowed', { country: 'Spain' });
    const notice = await fake.waitFor(fake.callbackOf(over.id));
    expect(notice.body.type).toBe(CALLBACK.reply);
    expect(notice.body.data.flags).toBe(EPHEMERAL);
    expect(notice.body.data.content).toMatch(/faster than I can keep up/);
    expect(notice.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const first = fake.autocomplete('allowed', 'country', 'mor');
    expect((await fake.waitFor(fake.callbackOf(first.id))).body.data.choices.length).toBeGreaterThan(0);
    const second = fake.autocomplete('allowed', 'country', 'ind');
    expect((await fake.waitFor(fake.callbackOf(second.id))).body.data.choices).toEqual([]);

    const answered = lines.filter((l) => l.msg === 'answered');
    expect(answered).toHaveLength(2);
    expect(answered[0]).toMatchObject({ platform: 'discord', intent: 'country_status' });
    expect(typeof answered[0]?.interactionId).toBe('string');
    expect(typeof answered[0]?.latencyMs).toBe('number');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/cyberexport_rate_limited_total\{platform="discord",kind="ask"\} 1/);
    expect(text).toMatch(/cyberexport_rate_limited_total\{platform="discord",kind="inline"\} 1/);
  });
});

describe('Discord sharding', () => {
  test('DISCORD_SHARDS=auto: the client asks for the recommended shard count, connects and answers', async () => {
    const fake = await DiscordFake.start();
    const bot = await startDiscord({
      config: { DISCORD_TOKEN: 'test-token', DISCORD_API_URL: fake.apiUrl },
      answers: freshAnswers(),
      log: capturingLogger([]),
      clientOptions: { shards: 'auto', rest: { timeout: 3000 } },
    });
    try {
      expect(bot.client.ws.shards.size).toBe(1);
      const { id } = fake.command('allowed', { country: 'India' });
      expect(embedOf(await fake.waitFor(fake.callbackOf(id))).title).toContain('India');
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});

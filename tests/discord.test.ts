/**
 * The Discord bot end to end: the real discord.js client, over real sockets, against the local fake
 * Discord in `emulators/discord-fake.ts`. Assertions read what a user would see: the REST calls.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { deployDiscordCommands } from '../commands/deploy-discord.js';
import { COMMANDS } from '../commands/table.js';
import { type DiscordBot, type DiscordOptions, startDiscord } from '../src/adapters/discord/bot.js';
import { escapeText, NSO_COLOUR, STATUS_COLOUR } from '../src/adapters/discord/render.js';
import { type Core, createCore, type Intent, type Lang, type Query, queryOf, STATUS_LABEL } from '../src/core/index.js';
import { createCache } from '../src/infra/cache.js';
import { createMemoryCounter } from '../src/infra/counter.js';
import type { Logger } from '../src/infra/log.js';
import { createMetrics } from '../src/infra/metrics.js';
import { RateLimiter } from '../src/infra/rate-limit.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createMapRenderer, getMapPng, type MapOptions } from '../src/maps/index.js';
import { Answers, type Render, type Rendered } from '../src/service/answers.js';
import { DiscordFake, messageErrors, type RecordedCall } from './emulators/discord-fake.js';

const EPHEMERAL = 64;
const CALLBACK = { reply: 4, deferReply: 5, update: 7, autocomplete: 8 } as const;

const kb = loadKnowledge();
/** The title of the core's answer to a Query: what an embed's title must be. */
const titleOf = (intent: Intent, lang: Lang, fields: Partial<Query> = {}) =>
  core.answer(queryOf(intent, lang, fields)).title;
const moroccoIn = (lang: Lang) => queryOf('country_status', lang, { countries: ['MA'] });
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

async function startBot(
  fake: DiscordFake,
  answers: Answers,
  log: Logger,
  options: Pick<DiscordOptions, 'deferAfterMs' | 'loginBackoff' | 'signal'> = {},
): Promise<DiscordBot> {
  return startDiscord({
    config: { DISCORD_TOKEN: 'test-token', DISCORD_API_URL: fake.apiUrl },
    answers,
    log,
    clientOptions: { rest: { timeout: 3000 } },
    ...options,
  });
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies as the client sent them
const embedOf = (call: RecordedCall): any => (call.body.data ?? call.body).embeds[0];
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies as the client sent them
const buttonsOf = (call: RecordedCall): any[] => (call.body.data ?? call.body).components[0]?.components ?? [];
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies as the client sent them
const buttonLabelled = (call: RecordedCall, label: string): any => buttonsOf(call).find((b) => b.label === label);

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

  /** A question that mentions the bot in the guild channel, from `author`; resolves with the bot's reply. */
  async function ask(text: string, author: Record<string, unknown> = fake.user) {
    const { id } = fake.message(`<@${fake.applicationId}> ${text}`, { mentionBot: true, author });
    return fake.waitFor(fake.replyTo(id));
  }

  test('logs in through the gateway and caches the test server', () => {
    expect(bot.isReady()).toBe(true);
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
    expect(commands.map((c) => c.name)).toEqual([
      'allowed',
      'list',
      'removed',
      'nso',
      'vendor',
      'rules',
      'map',
      'sources',
      'help',
      'reset',
    ]);
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
    expect(byName.vendor.options[0]).toMatchObject({ name: 'name', type: 3, required: false, autocomplete: true });
    const rule = byName.rules.options[0];
    expect(rule.choices).toHaveLength(11);
    expect(rule.choices).toContainEqual({
      name: 'Pall Mall Process',
      name_localizations: { fr: 'Processus de Pall Mall' },
      value: 'pall_mall',
    });
  });

  test('/allowed with a typo finds Morocco, dropped from the list, in a red embed', async () => {
    const { call } = await command('allowed', { country: 'Marocco' });
    expect(call.status).toBe(204);
    expect(call.body.type).toBe(CALLBACK.reply);
    const embed = embedOf(call);
    expect(embed.title).toBe(escapeText(titleOf('country_status', 'en', { countries: ['MA'] })));
    expect(embed.color).toBe(STATUS_COLOUR.removed);
    // No fields, no footer: the text, then one line of sources as links.
    expect(embed.fields).toBeUndefined();
    expect(embed.footer).toBeUndefined();
    expect(embed.description.split('\n').at(-1)).toMatch(/^Sources: \[[^\]]+\]\(https:\/\/[^)]+\)/);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(call.body.data.flags ?? 0).toBe(0);
    expect(buttonsOf(call).map((b) => b.label)).toEqual(['Sources', 'More', 'Français', 'Map']);
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
    expect(choices[0]).toEqual({ name: `🇲🇦 Morocco — ${STATUS_LABEL.removed.en}`, value: 'MA' });

    const empty = fake.autocomplete('allowed', 'country', '', { locale: 'fr' });
    const popular = (await fake.waitFor(fake.callbackOf(empty.id))).body.data.choices as {
      name: string;
      value: string;
    }[];
    expect(popular.length).toBeGreaterThan(3);
    expect(popular.length).toBeLessThanOrEqual(25);
    expect(popular.map((c) => c.value).slice(0, 2)).toEqual(['MA', 'AE']);
    expect(popular[0]?.name).toBe(`🇲🇦 Maroc — ${STATUS_LABEL.removed.fr}`);
    for (const c of popular) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  test('/nso without a topic gives the overview, with one gives that topic', async () => {
    const overview = await command('nso');
    expect(embedOf(overview.call).title).toBe(escapeText(titleOf('nso', 'en', { topic: 'overview' })));
    expect(embedOf(overview.call).color).toBe(NSO_COLOUR);
    const whatsapp = await command('nso', { topic: 'whatsapp_lawsuit' });
    expect(embedOf(whatsapp.call).title).toBe(escapeText(titleOf('nso', 'en', { topic: 'whatsapp_lawsuit' })));
    expect(messageErrors(whatsapp.call.body.data)).toEqual([]);
  });

  test('/vendor name:predator answers about Intellexa, its measures dated, with sources', async () => {
    const { call } = await command('vendor', { name: 'predator' });
    const embed = embedOf(call);
    expect(embed.title).toContain('Intellexa');
    expect(embed.title).toContain('Entity List since Jul 2023');
    expect(embed.description).toContain('US Entity List: since 18 Jul 2023');
    // Its sources: one line of links, last in the embed.
    expect(embed.description.split('\n').at(-1)).toMatch(/^Sources: \[[^\]]+\]\(https?:\/\//);
    expect(messageErrors(call.body.data)).toEqual([]);
  });

  test('vendor autocomplete finds Intellexa for "pred" and the pick (its id) answers about it in French', async () => {
    const typed = fake.autocomplete('vendor', 'name', 'pred');
    const call = await fake.waitFor(fake.callbackOf(typed.id));
    const choices = call.body.data.choices as { name: string; value: string }[];
    expect(choices[0]).toEqual({ name: 'Intellexa (predator)', value: 'intellexa' });
    const { id } = fake.command('vendor', { name: 'memento_labs' }, { locale: 'fr', user: fake.newUser('lou') });
    const answer = await fake.waitFor(fake.callbackOf(id));
    expect(embedOf(answer).title).toContain('Memento Labs');
    expect(embedOf(answer).title).toContain('licence globale d’exportation');
  });

  test('/rules topic:pall_mall explains the process; /rules alone lists the rules', async () => {
    const { call } = await command('rules', { topic: 'pall_mall' });
    expect(embedOf(call).title).toContain('Pall Mall Process');
    expect(embedOf(call).title).toContain('Israel was reported as not signing');
    const list = await command('rules');
    expect(embedOf(list.call).description).toContain('Wassenaar Arrangement');
    expect(messageErrors(list.call.body.data)).toEqual([]);
  });

  // A menu value ("whatsapp_lawsuit") says nothing about the language: the locale does.
  test('a French Discord user picking an /nso topic gets it in French', async () => {
    const { id } = fake.command('nso', { topic: 'whatsapp_lawsuit' }, { locale: 'fr', user: fake.newUser('kim') });
    const call = await fake.waitFor(fake.callbackOf(id));
    expect(embedOf(call).title).toBe(escapeText(titleOf('nso', 'fr', { topic: 'whatsapp_lawsuit' })));
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
    const reply = await ask('Is India allowed?');
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
    expect(embedOf(reply).title).toBe(escapeText(titleOf('country_status', 'fr', { countries: ['MA'] })));
  });

  test('a follow-up continues the conversation: "why?" explains Morocco, "and Mexico?" moves to Mexico', async () => {
    const carol = fake.newUser('carol');
    expect(embedOf(await ask('Is Morocco allowed?', carol)).title).toContain('Morocco');
    const why = embedOf(await ask('why?', carol));
    const morocco = core.understand('Is Morocco allowed?');
    expect(why.title).toBe(escapeText(core.answer(core.understand('why?', { context: morocco })).title));
    const mexico = embedOf(await ask('and Mexico?', carol));
    expect(mexico.title).toBe(escapeText(titleOf('country_status', 'en', { countries: ['MX'] })));
  });

  test('two users in one channel keep separate memories', async () => {
    const dave = fake.newUser('dave');
    const erin = fake.newUser('erin');
    expect(embedOf(await ask('Is Morocco allowed?', dave)).title).toContain('Morocco');
    expect(embedOf(await ask('Is India allowed?', erin)).title).toContain('India');
    expect(embedOf(await ask('why?', dave)).title).toContain('Morocco');
    expect(embedOf(await ask('why?', erin)).title).toContain('India');
  });

  test('"Congo" offers both countries as buttons; pressing one answers for that country in place', async () => {
    const frank = fake.newUser('frank');
    const reply = await ask('Congo', frank);
    const buttons = buttonsOf(reply);
    expect(buttons.map((b) => b.emoji?.name)).toEqual(['🇨🇬', '🇨🇩']);
    expect(buttons.map((b) => b.label)).toEqual(['Congo - Brazzaville', 'Congo - Kinshasa']);

    const shown = fake.messageObject(fake.channelId, reply.body);
    const pressed = fake.click(buttons[1].custom_id, shown, { user: frank });
    const update = await fake.waitFor(fake.callbackOf(pressed.id));
    expect(update.body.type).toBe(CALLBACK.update);
    expect(embedOf(update).title).toBe(escapeText(titleOf('country_status', 'en', { countries: ['CD'] })));
    expect(buttonsOf(update).map((b) => b.label)).toEqual(['Sources', 'More', 'Français', 'Map']);
    // The pick is remembered: "why?" is about the country chosen.
    expect(embedOf(await ask('why?', frank)).title).toContain('Congo - Kinshasa');
  });

  test('/reset forgets the conversation, privately', async () => {
    const grace = fake.newUser('grace');
    const asked = fake.command('allowed', { country: 'Morocco' }, { user: grace });
    await fake.waitFor(fake.callbackOf(asked.id));
    expect(embedOf(await ask('why?', grace)).title).toContain('Morocco');

    const reset = fake.command('reset', {}, { user: grace });
    const forgotten = await fake.waitFor(fake.callbackOf(reset.id));
    expect(forgotten.body.type).toBe(CALLBACK.reply);
    expect(forgotten.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(forgotten).title).toBeTruthy();
    expect(embedOf(await ask('why?', grace)).title).not.toContain('Morocco');
  });

  test('the language button shows the French answer to the presser alone; the sources button lists the rest privately', async () => {
    const { call } = await command('allowed', { country: 'Morocco' });
    const shown = fake.messageObject(fake.channelId, call.body.data);
    for (const b of buttonsOf(call)) expect(b.custom_id.length).toBeLessThanOrEqual(100);

    const switched = fake.click(buttonLabelled(call, 'Français').custom_id, shown);
    const french = await fake.waitFor(fake.callbackOf(switched.id));
    // A new reply only the presser sees: the public answer is not touched.
    expect(french.body.type).toBe(CALLBACK.reply);
    expect(french.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(french).title).toBe(escapeText(core.answer(moroccoIn('fr')).title));
    expect(buttonsOf(french).map((b) => b.label)).toEqual(['Sources', 'Plus', 'English', 'Carte']);
    expect(french.body.data.allowed_mentions.parse).toEqual([]);
    expect(fake.calls.some((c) => c.method === 'PATCH')).toBe(false);

    // Pressed again on that private reply, the language changes it in place.
    const back = fake.click(
      buttonLabelled(french, 'English').custom_id,
      fake.messageObject(fake.channelId, french.body.data),
    );
    const english = await fake.waitFor(fake.callbackOf(back.id));
    expect(english.body.type).toBe(CALLBACK.update);
    expect(embedOf(english).title).toBe(embedOf(call).title);

    const sources = fake.click(buttonLabelled(call, 'Sources').custom_id, shown);
    const listed = await fake.waitFor(fake.callbackOf(sources.id));
    expect(listed.body.type).toBe(CALLBACK.reply);
    expect(listed.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(listed).title).toMatch(/^Sources: 🇲🇦 Morocco/);
    // What the embed already links is not repeated: the view lists the others, or says all are linked.
    const answer = core.answer(moroccoIn('en'));
    const linked = embedOf(call).description.split('\n').at(-1) as string;
    const view = embedOf(listed).description as string;
    if (answer.sources.length > 3) {
      for (const s of answer.sources.slice(3)) expect(view).toContain(s.publisher);
      for (const s of answer.sources.slice(0, 3)) expect(linked).toContain(s.publisher);
      expect(view).not.toContain(answer.sources[0]?.url.replace(/[()]/g, '') ?? '');
    } else expect(view).toBe('*All the sources of this answer are linked under it.*');
  });

  test('a page the answer does not have is an expired button', async () => {
    const { call } = await command('allowed', { country: 'Morocco' });
    const pages = core.answer(moroccoIn('en')).pages.length;
    const forged = `cx:m${pages}:${core.encode(moroccoIn('en'))}`;
    const pressed = fake.click(forged, fake.messageObject(fake.channelId, call.body.data));
    const notice = await fake.waitFor(fake.callbackOf(pressed.id));
    expect(notice.body.data.content).toBe('This button has expired: please ask again.');
    expect(notice.body.data.flags).toBe(EPHEMERAL);
  });

  test('forged or old button ids each get one private "expired" notice and nothing else', async () => {
    const { call } = await command('list');
    const shown = fake.messageObject(fake.channelId, call.body.data);
    const forged = [
      'cx:s:en:valueOf',
      'cx:s:en:m:constructor',
      'cx:l:xx:nonsense',
      'cx:m:en:mc:MA',
      'cx:c:1.c.en...ZZ.',
      'cx:__proto__:1.c.en...MA.',
      `cx:s:${'9'.repeat(97)}`,
      'random-string',
    ].map((id) => fake.click(id, shown));
    for (const click of forged) {
      const notice = await fake.waitFor(fake.callbackOf(click.id));
      expect(notice.body.type).toBe(CALLBACK.reply);
      expect(notice.body.data.flags).toBe(EPHEMERAL);
      expect(notice.body.data.content).toMatch(/expired/);
    }
    // Once a normal question has been answered, nothing more came for any forged press.
    expect(embedOf((await command('allowed', { country: 'Spain' })).call).title).toContain('Spain');
    for (const click of forged) {
      expect(fake.calls.filter(fake.callbackOf(click.id))).toHaveLength(1);
      expect(fake.calls.filter((c) => c.path.includes(click.id) || c.path.includes(click.token))).toHaveLength(1);
    }
    expect(logs.some((l) => l.msg === 'discord handler failed')).toBe(false);
  });

  test('a select menu, a modal and a context-menu command (the bot makes none) each get one "expired"', async () => {
    const { call } = await command('list');
    const shown = fake.messageObject(fake.channelId, call.body.data);
    const others = [
      fake.interaction(3, { custom_id: 'cx:s:1.c.en.s..MA.', component_type: 3, values: ['x'] }, { message: shown }),
      fake.interaction(5, { custom_id: 'x', components: [] }),
      fake.interaction(2, {
        id: fake.snowflake(),
        name: 'allowed',
        type: 2,
        target_id: fake.user.id,
        resolved: { users: { [String(fake.user.id)]: fake.user } },
      }),
    ];
    for (const sent of others) {
      const notice = await fake.waitFor(fake.callbackOf(sent.id));
      expect(notice.body.data.flags).toBe(EPHEMERAL);
      expect(notice.body.data.content).toMatch(/expired/);
    }
  });

  test('/map region:europe replies with the Europe map attached and shown in the embed', async () => {
    const { call } = await command('map', { region: 'europe' });
    expect(call.status).toBe(204);
    expect(call.body.type).toBe(CALLBACK.reply);
    mapOf(call, { lang: 'en', region: 'europe' });
    expect(embedOf(call).title).toBe(escapeText(titleOf('map', 'en', { region: 'europe' })));
    expect(call.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(messageErrors(call.body.data)).toEqual([]);
    expect(buttonsOf(call).map((b) => b.label)).toEqual(['Sources', 'Français']);

    // The language button on a private answer swaps it for the French map, its attachment replaced.
    const hidden = { ...call.body.data, flags: EPHEMERAL };
    const switched = fake.click(buttonLabelled(call, 'Français').custom_id, fake.messageObject(fake.channelId, hidden));
    const update = await fake.waitFor(fake.callbackOf(switched.id));
    expect(update.status).toBe(204);
    expect(update.body.type).toBe(CALLBACK.update);
    mapOf(update, { lang: 'fr', region: 'europe' });
    expect(embedOf(update).title).toBe(escapeText(titleOf('map', 'fr', { region: 'europe' })));
    expect(update.body.data.attachments).toHaveLength(1);
  });

  test('the Map button under /allowed Morocco replies with the locator map, in public', async () => {
    const { call } = await command('allowed', { country: 'Morocco' });
    const mapButton = buttonLabelled(call, 'Map');
    expect(mapButton.custom_id).toBe('cx:p:1.m.en..world.MA.');
    const answer = fake.messageObject(fake.channelId, call.body.data);
    const clicked = fake.click(mapButton.custom_id, answer);
    const reply = await fake.waitFor(fake.callbackOf(clicked.id));
    expect(reply.status).toBe(204);
    expect(reply.body.type).toBe(CALLBACK.reply);
    expect(reply.body.data.flags ?? 0).toBe(0);
    mapOf(reply, { lang: 'en', focus: 'MA' });
    expect(embedOf(reply).title).toBe(escapeText(core.answer(queryOf('map', 'en', { countries: ['MA'] })).title));
    expect(reply.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });

    // The same answer's Map, pressed again (by anyone): a short private notice, no second picture.
    const again = fake.click(mapButton.custom_id, answer, { user: fake.newUser('henry') });
    const notice = await fake.waitFor(fake.callbackOf(again.id));
    expect(notice.body.data.flags).toBe(EPHEMERAL);
    expect(notice.body.data.content).toBe('The map of this answer is already in the chat.');
    expect(notice.attachments ?? []).toHaveLength(0);
    // Another answer's Map still sends its own.
    const other = await command('allowed', { country: 'Morocco' });
    const elsewhere = fake.click(mapButton.custom_id, fake.messageObject(fake.channelId, other.call.body.data));
    mapOf(await fake.waitFor(fake.callbackOf(elsewhere.id)), { lang: 'en', focus: 'MA' });
  });

  test('the Map button under a private answer replies privately', async () => {
    const { call } = await command('allowed', { country: 'Morocco', hide: true });
    expect(call.body.data.flags).toBe(EPHEMERAL);
    const shown = fake.messageObject(fake.channelId, call.body.data);
    const clicked = fake.click(buttonLabelled(call, 'Map').custom_id, shown);
    const reply = await fake.waitFor(fake.callbackOf(clicked.id));
    expect(reply.body.data.flags).toBe(EPHEMERAL);
    mapOf(reply, { lang: 'en', focus: 'MA' });
  });

  test('a mention asking for "map of Europe" gets the map too', async () => {
    const reply = await ask('map of Europe', fake.newUser('heidi'));
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

    const reply = await ask(hostile, fake.newUser('ivan'));
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
    expect(logs.some((l) => l.msg === 'discord handler failed' && l.interactionId === failing.id)).toBe(true);

    const { call } = await command('help');
    expect(call.status).toBe(204);
    expect(embedOf(call).title).toBeTruthy();
  });

  test('a REST 500 on a message reply gets one apology in the channel', async () => {
    const { id } = fake.message(`<@${fake.applicationId}> Is Spain allowed?`, {
      mentionBot: true,
      author: fake.newUser('judy'),
    });
    fake.fail((c) => fake.replyTo(id)(c) && c.body?.embeds?.length > 0, { status: 500, times: 4 });
    const apology = await fake.waitFor((c) => fake.replyTo(id)(c) && c.status === 200);
    expect(apology.body.content).toMatch(/^Sorry/);
    expect(fake.calls.filter((c) => fake.replyTo(id)(c) && c.status === 200)).toHaveLength(1);
  });
});

/** Answers whose cache answers slowly, as a distant Redis might. */
class SlowAnswers extends Answers {
  constructor(private readonly delayMs: number) {
    super(core, createCache({ namespace: 'slow', ttlMs: 60_000 }), { maps });
  }

  override async answer<T>(platform: string, query: Query, render: Render<T>): Promise<Rendered<T>> {
    await sleep(this.delayMs);
    return super.answer(platform, query, render);
  }
}

/** The core, with the NSO overview's details in three pages (whatever the core gives today). */
const paged: Core = {
  ...core,
  answer: (query) => {
    const answer = core.answer(query);
    if (answer.intent !== 'nso') return answer;
    const pages = ['**2019**: first page <@123>', 'Second page, with [a link](https://evil.example)', 'Third page'];
    return { ...answer, pages, details: pages.join('\n\n') };
  },
};

describe('Discord pages and help', () => {
  let fake: DiscordFake;
  let bot: DiscordBot;

  beforeAll(async () => {
    fake = await DiscordFake.start();
    // Deployed before the bot starts, as in production: their ids are fetched at ready.
    await deployDiscordCommands({ DISCORD_TOKEN: 't', DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: undefined });
    const answers = new Answers(paged, createCache({ namespace: `test-${Math.random()}`, ttlMs: 60_000 }), { maps });
    bot = await startBot(fake, answers, capturingLogger([]));
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  test('More shows the first page to the presser alone; ◀ ▶ page through it in place, ◀ goes back', async () => {
    const { id } = fake.command('nso', {});
    const call = await fake.waitFor(fake.callbackOf(id));
    const answer = paged.answer(queryOf('nso', 'en', { topic: 'overview' }));
    expect(answer.pages.length).toBe(3);
    const pressed = fake.click(
      buttonLabelled(call, 'More').custom_id,
      fake.messageObject(fake.channelId, call.body.data),
    );
    const first = await fake.waitFor(fake.callbackOf(pressed.id));
    expect(first.body.type).toBe(CALLBACK.reply);
    expect(first.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(first).title).toBe(embedOf(call).title);
    expect(embedOf(first).description).toBe(escapeText(answer.pages[0]?.trim() ?? ''));
    const labels = buttonsOf(first).map((b) => b.label);
    expect(labels[0]).toBe('◀ Short answer');
    {
      expect(labels).toEqual(['◀ Short answer', '▶']);
      expect(embedOf(first).footer.text).toBe(`Page 1 of ${answer.pages.length}`);
      const next = fake.click(
        buttonLabelled(first, '▶').custom_id,
        fake.messageObject(fake.channelId, first.body.data),
      );
      const second = await fake.waitFor(fake.callbackOf(next.id));
      expect(second.body.type).toBe(CALLBACK.update);
      expect(embedOf(second).description).toBe(escapeText(answer.pages[1]?.trim() ?? ''));
      expect(embedOf(second).footer.text).toBe(`Page 2 of ${answer.pages.length}`);
      expect(buttonsOf(second).map((b) => b.label)[0]).toBe('◀');
    }
    const back = fake.click(
      buttonLabelled(first, '◀ Short answer').custom_id,
      fake.messageObject(fake.channelId, first.body.data),
    );
    const short = await fake.waitFor(fake.callbackOf(back.id));
    expect(short.body.type).toBe(CALLBACK.update);
    expect(embedOf(short).description).toBe(embedOf(call).description);
    // The public answer was never edited.
    expect(fake.calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  test('/help lists every command of the table as a clickable mention, with an example, and the hide option', async () => {
    const { id } = fake.command('help', {});
    const call = await fake.waitFor(fake.callbackOf(id));
    const description = embedOf(call).description as string;
    const registered = fake.commands.get('global') ?? [];
    expect(registered.length).toBe(COMMANDS.length);
    for (const c of registered) expect(description).toContain(`</${c.name}:${c.id}>`);
    expect(description).toContain('(e.g. /allowed country:Morocco)');
    expect(description).toContain('Add hide:True to a command and only you see the answer.');
    expect(description).not.toContain('@');
    const french = fake.command('help', {}, { locale: 'fr' });
    const fr = embedOf(await fake.waitFor(fake.callbackOf(french.id))).description as string;
    expect(fr).toContain('(ex. /allowed country:Maroc)');
    expect(fr).toContain(`</nso:${registered.find((c) => c.name === 'nso')?.id}>`);
  });

  test('a help asked in a message mentions the commands too', async () => {
    const { id } = fake.message(`<@${fake.applicationId}> help`, { mentionBot: true });
    const reply = await fake.waitFor(fake.replyTo(id));
    expect(embedOf(reply).description).toMatch(/<\/allowed:\d+> — /);
  });
});

describe('Discord bot with a slow answer cache', () => {
  let fake: DiscordFake;
  let bot: DiscordBot;

  beforeEach(async () => {
    fake = await DiscordFake.start();
    bot = await startBot(fake, new SlowAnswers(300), capturingLogger([]), { deferAfterMs: 50 });
  });

  afterEach(async () => {
    await bot?.stop();
    await fake?.close();
  });

  test('a slow button that fails after deferUpdate apologizes privately and leaves the public answer alone', async () => {
    const sent = fake.command('allowed', { country: 'Spain' });
    await fake.waitFor(fake.callbackOf(sent.id));
    const call = await fake.waitFor(fake.editOf(sent.token));
    // On a reply only the presser sees, the language button updates it in place.
    const message = fake.messageObject(fake.channelId, { ...call.body, flags: EPHEMERAL });
    const click = fake.click(buttonLabelled(call, 'Français').custom_id, message);
    expect((await fake.waitFor(fake.callbackOf(click.id))).body.type).toBe(6); // deferUpdate
    fake.fail(fake.editOf(click.token), { status: 500, times: 4 });
    const apology = await fake.waitFor(fake.followUpOf(click.token));
    expect(apology.body.flags).toBe(EPHEMERAL);
    expect(apology.body.content).toMatch(/^Sorry/);
    expect(fake.calls.filter((c) => fake.editOf(click.token)(c) && c.status === 200)).toHaveLength(0);
    expect(fake.calls.filter(fake.callbackOf(click.id))).toHaveLength(1);
  });

  test('a shutdown during a slow answer sends the answer first, then disconnects', async () => {
    const { id, token } = fake.command('allowed', { country: 'Mexico' });
    expect((await fake.waitFor(fake.callbackOf(id))).body.type).toBe(CALLBACK.deferReply);
    const stopped = bot.stop();
    expect(bot.isReady()).toBe(false);
    const edit = await fake.waitFor(fake.editOf(token));
    expect(embedOf(edit).title).toContain('Mexico');
    await stopped;
    await expect(bot.done).resolves.toBeUndefined();
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

describe('Discord start-up and refusals', () => {
  let fake: DiscordFake;
  let bot: DiscordBot | undefined;
  const lines: LogLine[] = [];
  const quickRetry = { loginBackoff: { baseDelayMs: 5, maxDelayMs: 20 } };

  beforeEach(async () => {
    lines.length = 0;
    bot = undefined;
    fake = await DiscordFake.start();
  });

  afterEach(async () => {
    await bot?.stop();
    await fake?.close();
  });

  test('Discord answering 500 at login is retried with backoff until the bot is ready', async () => {
    // Each login asks for the gateway once, and @discordjs/rest retries a 500 three times: two failed logins.
    fake.fail(fake.gatewayBot, { status: 500, times: 8 });
    bot = await startBot(fake, freshAnswers(), capturingLogger(lines), quickRetry);
    expect(bot.isReady()).toBe(true);
    const retries = lines.filter((l) => l.msg === 'discord login failed, retrying');
    expect(retries.map((l) => l.attempt)).toEqual([1, 2]);
    const { id } = fake.command('allowed', { country: 'India' });
    expect(embedOf(await fake.waitFor(fake.callbackOf(id))).title).toContain('India');
  });

  test('a shutdown while Discord keeps failing ends the login retries', async () => {
    fake.fail(fake.gatewayBot, { status: 500, times: 1000 });
    const shutdown = new AbortController();
    const starting = startBot(fake, freshAnswers(), capturingLogger(lines), { ...quickRetry, signal: shutdown.signal });
    await fake.waitFor((c) => fake.gatewayBot(c) && c.status === 500);
    shutdown.abort();
    await expect(starting).rejects.toThrow();
    expect(lines.some((l) => l.level >= 50)).toBe(false);
  });

  test('a token Discord rejects at login (gateway close 4004) stops at once, naming DISCORD_TOKEN', async () => {
    fake.refuseIdentify(4004);
    await expect(startBot(fake, freshAnswers(), capturingLogger(lines), quickRetry)).rejects.toThrow(
      /4004.*DISCORD_TOKEN/,
    );
    expect(fake.calls.filter(fake.gatewayBot)).toHaveLength(1);
    expect(lines.some((l) => l.level >= 50 && /DISCORD_TOKEN/.test(l.msg))).toBe(true);
  });

  test('a token the REST API rejects (401) stops at once, naming DISCORD_TOKEN', async () => {
    fake.fail(fake.gatewayBot, { status: 401 });
    await expect(startBot(fake, freshAnswers(), capturingLogger(lines), quickRetry)).rejects.toThrow(/DISCORD_TOKEN/);
    expect(fake.calls.filter(fake.gatewayBot)).toHaveLength(1);
  });

  test('the Message Content intent refused at login (4014) says where to enable it', async () => {
    fake.refuseIdentify(4014);
    await expect(startBot(fake, freshAnswers(), capturingLogger(lines), quickRetry)).rejects.toThrow(
      /Message Content intent.*Developer Portal.*Privileged Gateway Intents/,
    );
  });

  test('a token revoked while running (4004) ends `done` with the reason and readiness goes false', async () => {
    bot = await startBot(fake, freshAnswers(), capturingLogger(lines), quickRetry);
    expect(bot.isReady()).toBe(true);
    fake.closeGateway(4004);
    await expect(bot.done).rejects.toThrow(/4004.*DISCORD_TOKEN/);
    expect(bot.isReady()).toBe(false);
    expect(bot.client.isReady()).toBe(false);
    expect(lines.some((l) => l.level >= 50 && l.closeCode === 4004 && /DISCORD_TOKEN/.test(l.msg))).toBe(true);
  });
});

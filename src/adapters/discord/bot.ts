/**
 * The Discord adapter: slash commands, autocomplete, buttons, mentions and DMs in; rendered answers out.
 * It owns Discord's rules (the 3-second deadline, one acknowledgement, ephemeral replies, no pings)
 * and nothing about export rules: every answer comes from the core through `Answers`.
 */
import { once } from 'node:events';
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  Partials,
  type RepliableInteraction,
} from 'discord.js';
import { findCommand } from '../../../commands/table.js';
import { flagOf, langOfLocale, STATUS_LABEL } from '../../core/index.js';
import type { Config } from '../../infra/config.js';
import { InFlight } from '../../infra/in-flight.js';
import type { Logger } from '../../infra/log.js';
import type { Answers, Rendered } from '../answers.js';
import { decodeButton } from './buttons.js';
import { HIDE_OPTION } from './commands.js';
import {
  type DiscordMessage,
  NO_MENTIONS,
  renderDiscord,
  renderDiscordSources,
  renderNotice,
  withMapImage,
} from './render.js';

/** Discord allows 3 s to acknowledge an interaction; past this, defer and edit the reply later. */
export const DEFER_AFTER_MS = 2000;
/** How long a shutdown waits for answers in progress. */
export const SHUTDOWN_GRACE_MS = 10_000;
export const AUTOCOMPLETE_MAX_ITEMS = 25;
export const AUTOCOMPLETE_MAX_NAME = 100;
/** Cache platform keys: the full answer and the sources-only view are rendered differently. */
const PLATFORM = 'discord';
const PLATFORM_SOURCES = 'discord-sources';

export interface DiscordOptions {
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>;
  answers: Answers;
  log: Logger;
  /** Merged over the defaults (tests shorten REST time-outs, for instance). */
  clientOptions?: Partial<ClientOptions>;
  /** How long an answer may take before the reply is deferred. */
  deferAfterMs?: number;
}

export interface DiscordBot {
  client: Client<true>;
  /**
   * Stops taking new events, lets the ones being answered finish (at most `graceMs`), then closes
   * the gateway connection; the process can then exit.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Resolves with the value of `work` if it settles within `ms`, else with null (work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<{ value: T } | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A slash-command option value; a bare ISO code (an autocomplete pick) becomes its flag, which never reads as a word. */
function argumentOf(interaction: ChatInputCommandInteraction, name: string): string | undefined {
  const value = interaction.options.get(name)?.value;
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  return /^[A-Z]{2}$/.test(text) ? flagOf(text) : text;
}

export async function startDiscord(options: DiscordOptions): Promise<DiscordBot> {
  const { config, answers, log } = options;
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set: copy the bot token from the Discord developer portal');

  const client = new Client({
    // MessageContent is privileged: the bot only reads messages that mention it and DMs.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ],
    // DM channels are not cached before their first message: without this, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    ...options.clientOptions,
    rest: { ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}), ...options.clientOptions?.rest },
  });

  /** Button clicks answered by editing their message in place (deferUpdate), not by a reply. */
  const updating = new WeakSet<Interaction>();

  /** A map answer gets its image attached (when a renderer is configured); others are left as they are. */
  async function withMap(result: Rendered<DiscordMessage>): Promise<Rendered<DiscordMessage>> {
    if (result.answer.intent !== 'map') return result;
    const png = await answers.mapImage(result.answer);
    return png ? { ...result, rendered: withMapImage(result.rendered, png) } : result;
  }

  /** Replies with `work` (its map drawn in), deferring first when it is not ready within the deadline. */
  async function respond(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    answer: Promise<Rendered<DiscordMessage>>,
    mode: 'reply' | 'ephemeral' | 'update',
  ): Promise<void> {
    const flags = mode === 'ephemeral' ? MessageFlags.Ephemeral : undefined;
    const work = answer.then(withMap);
    const early = await within(work, deferAfterMs);
    let result: Rendered<DiscordMessage>;
    if (early) {
      result = early.value;
      if (mode === 'update' && interaction.isButton()) await interaction.update(result.rendered);
      else await interaction.reply({ ...result.rendered, ...(flags ? { flags } : {}) });
    } else {
      if (mode === 'update' && interaction.isButton()) {
        updating.add(interaction);
        await interaction.deferUpdate();
      } else await interaction.deferReply(flags ? { flags } : {});
      result = await work;
      await interaction.editReply(result.rendered);
    }
    logOf(interaction).info(
      { intent: result.answer.intent, latencyMs: Math.round(result.ms * 100) / 100, cached: result.cached },
      'answered',
    );
  }

  /** One logger per interaction: platform, interaction, user and guild ids on every line. */
  function logOf(interaction: Interaction): Logger {
    return log.child({
      platform: PLATFORM,
      interactionId: interaction.id,
      userId: interaction.user.id,
      guildId: interaction.guildId,
    });
  }

  /** Applies the user's rate limit; interactions must be acknowledged, so a refusal is a private notice. */
  async function admitted(interaction: Interaction): Promise<boolean> {
    const kind = interaction.isChatInputCommand() ? 'ask' : 'inline';
    const verdict = await answers.allow(PLATFORM, interaction.user.id, kind);
    if (verdict === 'allow') return true;
    logOf(interaction).info({ verdict, kind }, 'rate limited');
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) {
      await interaction.reply({
        ...renderNotice('rateLimited', langOfLocale(interaction.locale)),
        flags: MessageFlags.Ephemeral,
      });
    }
    return false;
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const spec = findCommand(interaction.commandName);
    if (!spec) throw new Error(`unknown command /${interaction.commandName}: redeploy the commands`);
    const args = Object.fromEntries(spec.options.map((o) => [o.name, argumentOf(interaction, o.name)]));
    const hidden = interaction.options.getBoolean(HIDE_OPTION) ?? false;
    const question = String(interaction.options.get('country')?.value ?? `/${spec.name}`);
    const work = answers.run(
      PLATFORM,
      spec.toRequest(args),
      { hint: langOfLocale(interaction.locale), question },
      renderDiscord,
    );
    await respond(interaction, work, hidden ? 'ephemeral' : 'reply');
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const lang = langOfLocale(interaction.locale);
    const query = String(interaction.options.getFocused()).slice(0, AUTOCOMPLETE_MAX_NAME);
    const choices = answers.core.suggestCountries(query, lang, AUTOCOMPLETE_MAX_ITEMS).map((c) => {
      const name = `${c.flag} ${c.name} — ${STATUS_LABEL[c.status][lang]}`;
      return {
        name: name.length <= AUTOCOMPLETE_MAX_NAME ? name : `${name.slice(0, AUTOCOMPLETE_MAX_NAME - 1)}…`,
        value: c.code,
      };
    });
    await interaction.respond(choices.slice(0, AUTOCOMPLETE_MAX_ITEMS));
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const click = decodeButton(interaction.customId);
    if (!click) {
      await interaction.reply({
        ...renderNotice('expired', langOfLocale(interaction.locale)),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    if (click.action === 'sources') {
      const work = answers.run(PLATFORM_SOURCES, click.request, { lang: click.lang }, renderDiscordSources);
      await respond(interaction, work, 'ephemeral');
      return;
    }
    if (click.action === 'map') {
      // A new message under the answer, seen by whoever saw the answer: private under a private one.
      const hidden = interaction.message.flags.has(MessageFlags.Ephemeral);
      const work = answers.run(PLATFORM, click.request, { lang: click.lang }, renderDiscord);
      await respond(interaction, work, hidden ? 'ephemeral' : 'reply');
      return;
    }
    await respond(interaction, answers.run(PLATFORM, click.request, { lang: click.lang }, renderDiscord), 'update');
  }

  async function apologize(interaction: RepliableInteraction, error: unknown): Promise<void> {
    answers.failed(PLATFORM);
    logOf(interaction).error({ err: error }, 'discord interaction failed');
    const notice = renderNotice('error', langOfLocale(interaction.locale));
    try {
      if (!interaction.deferred && !interaction.replied)
        await interaction.reply({ ...notice, flags: MessageFlags.Ephemeral });
      // After deferUpdate, editReply would replace the public answer with the apology.
      else if (!interaction.replied && !updating.has(interaction)) await interaction.editReply(notice);
      else await interaction.followUp({ ...notice, flags: MessageFlags.Ephemeral });
    } catch (apologyError) {
      log.warn({ err: apologyError, interactionId: interaction.id }, 'discord apology failed');
    }
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (!(await admitted(interaction))) return;
      if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isButton()) await onButton(interaction);
    } catch (error) {
      if (interaction.isRepliable()) await apologize(interaction, error);
      else {
        answers.failed(PLATFORM);
        logOf(interaction).error({ err: error }, 'discord autocomplete failed');
      }
    }
  }

  async function onMessage(message: Message): Promise<void> {
    const me = client.user;
    if (!me || message.author.bot || message.author.id === me.id) return;
    if (message.inGuild() && !message.mentions.users.has(me.id)) return;
    const question = message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').trim();
    const hint = message.inGuild() ? langOfLocale(message.guild.preferredLocale) : undefined;
    const mlog = log.child({
      platform: PLATFORM,
      messageId: message.id,
      channelId: message.channelId,
      userId: message.author.id,
    });
    try {
      const verdict = await answers.allow(PLATFORM, message.author.id, 'ask');
      if (verdict !== 'allow') {
        mlog.info({ verdict, kind: 'ask' }, 'rate limited');
        if (verdict === 'notice') await message.reply(renderNotice('rateLimited', hint ?? 'en'));
        return;
      }
      const result = await withMap(await answers.ask(PLATFORM, question, { hint }, renderDiscord));
      await message.reply(result.rendered);
      mlog.info(
        { intent: result.answer.intent, latencyMs: Math.round(result.ms * 100) / 100, cached: result.cached },
        'answered',
      );
    } catch (error) {
      answers.failed(PLATFORM);
      mlog.error({ err: error }, 'discord message reply failed');
    }
  }

  // Work in progress, so that a shutdown can let it finish.
  const inFlight = new InFlight();
  client.on(Events.InteractionCreate, (interaction) => {
    if (inFlight.accepting) inFlight.track(onInteraction(interaction));
  });
  client.on(Events.MessageCreate, (message) => {
    if (inFlight.accepting) inFlight.track(onMessage(message));
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (warning) => log.warn({ warning }, 'discord client warning'));

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const started = client as Client<true>;
  log.info({ user: started.user.tag, guilds: started.guilds.cache.size }, 'discord bot ready');
  return {
    client: started,
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      await inFlight.drain(graceMs);
      await client.destroy();
      log.info({ unfinished: inFlight.size }, 'discord bot stopped');
    },
  };
}

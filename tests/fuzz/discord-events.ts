/**
 * Discord events as a hostile crowd would send them: every slash command of the command table with
 * valid, odd and forged option values, autocomplete, presses on the bot's buttons (real and forged
 * custom ids), mentions, DMs, and chatter the bot must ignore.
 */
import { COMMANDS, type CommandOption } from '../../commands/table.js';
import type { DiscordInteractionInput, DiscordMessageInput, Json } from './inputs.js';
import { Random } from './random.js';
import { countryText, fuzzText, PROTOTYPE_NAMES, quote } from './texts.js';

export const DISCORD_KINDS = {
  'discord.command': 14,
  'discord.autocomplete': 7,
  'discord.button.valid': 6,
  'discord.button.forged': 4,
  'discord.mention': 6,
  'discord.dm': 4,
  'discord.chatter': 3,
} as const;
export type DiscordKind = keyof typeof DISCORD_KINDS;
export type DiscordInput = DiscordInteractionInput | DiscordMessageInput;

const USERS = 200;
const BUTTON_POOL = 100;
const LOCALES = ['en-US', 'en-GB', 'fr', 'de', 'es-ES', 'pt-BR', 'ja'];
const CODES = ['MA', 'IN', 'MX', 'AE', 'SA', 'FR', 'US', 'IL', 'HU', 'XX', 'ma'];
const FORGED_COMMANDS = ['ping', 'allowed2', '__proto__', 'constructor'];

/** A message of the bot's with buttons, as a button interaction carries it. */
export interface ButtonMessage {
  message: Json;
  customIds: string[];
  dm: boolean;
  /** Who alone sees it, for an ephemeral message. */
  viewer: Json | undefined;
}

export class DiscordEvents {
  readonly users: Json[];
  private readonly buttons = new Map<string, ButtonMessage>();
  /** The stream of the event being made (see `make`). */
  private rng = new Random(0);

  constructor(private readonly botUser: Json) {
    // Ids far below the fake's own snowflakes, fixed so that a seed gives the same users.
    this.users = Array.from({ length: USERS }, (_, i) => ({
      id: String(200_000_000_000_000_000n + BigInt(i)),
      username: `user${i}`,
      discriminator: '0',
      global_name: `User ${i}`,
      avatar: null,
    }));
  }

  /** Event `seq` of `kind`, drawn from `rng`: a stream of its own, so its draws never shift the next event's. */
  make(kind: DiscordKind, seq: number, rng: Random): DiscordInput {
    this.rng = rng;
    switch (kind) {
      case 'discord.command':
        return this.command(seq);
      case 'discord.autocomplete':
        return this.autocomplete(seq);
      case 'discord.button.valid':
        return this.validButton(seq) ?? this.command(seq);
      case 'discord.button.forged':
        return this.forgedButton(seq);
      case 'discord.mention':
        return this.mention(seq);
      case 'discord.dm':
        return this.dm(seq);
      case 'discord.chatter':
        return this.chatter(seq);
    }
  }

  /** Learns the buttons of a message the bot sent, to press them later. */
  noteSent(entry: ButtonMessage): void {
    if (entry.customIds.length === 0) return;
    this.buttons.set(String(entry.message.id), entry);
    if (this.buttons.size > BUTTON_POOL) this.buttons.delete(this.buttons.keys().next().value as string);
  }

  /** A user, one in ten times the same heavy one, so that the rate limit has something to do. */
  private user(): Json {
    return this.rng.chance(0.1) ? (this.users[0] as Json) : this.rng.pick(this.users);
  }

  private interaction(
    seq: number,
    kind: string,
    type: 2 | 3 | 4,
    data: Json,
    what: string,
    place: { dm?: boolean; author?: Json; message?: Json } = {},
  ): DiscordInteractionInput {
    const author = place.author ?? this.user();
    const dm = place.dm ?? this.rng.chance(0.25);
    const locale = this.rng.pick(LOCALES);
    return {
      seq,
      kind,
      platform: 'discord',
      user: `discord:${String(author.id)}`,
      limit: type === 2 ? 'ask' : 'inline',
      expect: 'answer',
      summary: `${what} (${locale}) from ${String(author.id)} in ${dm ? 'a DM' : 'the guild'}`,
      event: 'interaction',
      type,
      data,
      dm,
      locale,
      author,
      ...(place.message ? { message: place.message } : {}),
    };
  }

  // ── Slash commands and autocomplete ──────────────────────────────────────────────────────────────

  private command(seq: number): DiscordInteractionInput {
    const rng = this.rng;
    const spec = rng.pick(COMMANDS);
    const name = rng.chance(0.03) ? rng.pick(FORGED_COMMANDS) : spec.name;
    const options: Json[] = [];
    for (const option of spec.options) {
      // Forged: a required option left out (Discord itself never sends that).
      if (option.required ? rng.chance(0.03) : rng.chance(0.4)) continue;
      options.push({ name: option.name, type: 3, value: this.optionValue(option) });
    }
    const hide = rng.weighted({ none: 4, yes: 3, no: 3, forged: 0.3 });
    if (hide === 'forged') options.push({ name: 'hide', type: 3, value: 'yes' });
    else if (hide !== 'none') options.push({ name: 'hide', type: 5, value: hide === 'yes' });
    if (rng.chance(0.02)) options.push({ name: 'evil', type: 3, value: fuzzText(rng) });
    const shown = options.map(
      (o) => `${String(o.name)}:${typeof o.value === 'string' ? quote(o.value, 60) : String(o.value)}`,
    );
    const data = { id: `9${String(seq).padStart(17, '0')}`, name, type: 1, options };
    return this.interaction(seq, 'discord.command', 2, data, `/${name} ${shown.join(' ')}`.trim());
  }

  private optionValue(option: CommandOption): string {
    const rng = this.rng;
    if (option.choices) {
      const choice = rng.pick(option.choices);
      const how = rng.weighted({ valid: 7, odd: 1, forged: 2 });
      if (how === 'valid') return choice;
      if (how === 'odd') return rng.chance(0.5) ? choice.toUpperCase() : ` ${choice.replace(/[_-]/g, ' ')} `;
      return rng.chance(0.5) ? rng.pick(PROTOTYPE_NAMES) : fuzzText(rng);
    }
    // An autocomplete pick sends the bare code; a user may also type anything and press enter.
    return rng.chance(0.3) ? rng.pick(CODES) : countryText(rng);
  }

  private autocomplete(seq: number): DiscordInteractionInput {
    const rng = this.rng;
    const [name, option] = rng.chance(0.9)
      ? ['allowed', 'country']
      : rng.pick([
          ['nso', 'topic'],
          ['map', 'region'],
        ]);
    const value = rng.chance(0.2) ? '' : countryText(rng);
    const options = [{ name: option, type: 3, value, focused: true }];
    const data = { id: `9${String(seq).padStart(17, '0')}`, name, type: 1, options };
    return this.interaction(seq, 'discord.autocomplete', 4, data, `autocomplete /${name} ${option}:${quote(value)}`);
  }

  // ── Buttons ──────────────────────────────────────────────────────────────────────────────────────

  private pooled(): ButtonMessage | undefined {
    const all = [...this.buttons.values()];
    const index = this.rng.int(BUTTON_POOL);
    return all.length > 0 ? all[index % all.length] : undefined;
  }

  private button(seq: number, kind: string, customId: string, on: ButtonMessage): DiscordInteractionInput {
    const data = { custom_id: customId, component_type: 2 };
    const place = { dm: on.dm, message: on.message, ...(on.viewer ? { author: on.viewer } : {}) };
    return this.interaction(seq, kind, 3, data, `button ${quote(customId)} on message ${String(on.message.id)}`, place);
  }

  private validButton(seq: number): DiscordInteractionInput | undefined {
    const on = this.pooled();
    const index = this.rng.int(8);
    return on && this.button(seq, 'discord.button.valid', on.customIds[index % on.customIds.length] as string, on);
  }

  private forgedButton(seq: number): DiscordInteractionInput {
    const on = this.pooled() ?? this.placeholderMessage();
    return this.button(seq, 'discord.button.forged', this.forgedCustomId(on), on);
  }

  /** Before the bot has sent any button: a message of its with one, to press forged ids on. */
  private placeholderMessage(): ButtonMessage {
    const components = [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'cx:l:fr:l', label: 'Français' }] }];
    const message = {
      id: '100000000000000000',
      type: 0,
      channel_id: '0',
      author: this.botUser,
      content: '',
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components,
      pinned: false,
      flags: 0,
    };
    return { message, customIds: ['cx:l:fr:l'], dm: false, viewer: undefined };
  }

  private forgedCustomId(on: ButtonMessage): string {
    const rng = this.rng;
    const action = rng.pick(['s', 'l', 'm']);
    const lang = rng.pick(['en', 'fr']);
    switch (rng.int(9)) {
      case 0:
        return `cx:${action}:${lang}:${rng.pick(PROTOTYPE_NAMES)}`;
      case 1:
        return `cx:${action}:${lang}:${rng.pick(['c:', 'mc:', 'm:', 'n:'])}${rng.pick(PROTOTYPE_NAMES)}`;
      case 2:
        return `cx:${rng.pick(PROTOTYPE_NAMES)}:${lang}:l`;
      case 3:
        return `cx:${action}:${rng.pick(PROTOTYPE_NAMES)}:l`;
      case 4:
        return `cx:${action}:${lang}:c:${Array.from({ length: rng.between(2, 60) }, () => rng.pick(CODES)).join(',')}`;
      case 5:
        return `cx:m:${lang}:mc:${rng.pick(['XX', 'ma', 'M', 'MAR', '', '🇲🇦'])}`;
      case 6:
        return fuzzText(rng).slice(0, rng.between(1, 150));
      case 7:
        return rng.pick(['cx', 'cx:', 'cx:s', 'cx:s:en', 'cx:s:en:', 'cx:s:en:m:constructor', 'cx:s:en:valueOf']);
      default:
        // A real custom id with its action switched.
        return rng.pick(on.customIds).replace(/^cx:[slm]:/, `cx:${action}:`);
    }
  }

  // ── Messages ─────────────────────────────────────────────────────────────────────────────────────

  private message(
    seq: number,
    kind: string,
    content: string,
    place: Partial<DiscordMessageInput>,
  ): DiscordMessageInput {
    const author = place.author ?? this.user();
    const dm = place.dm ?? false;
    const mentionsBot = place.mentionsBot ?? false;
    const fromABot = author.bot === true;
    return {
      seq,
      kind,
      platform: 'discord',
      user: `discord:${String(author.id)}`,
      limit: 'ask',
      expect: !fromABot && (dm || mentionsBot) ? 'reply' : 'silence',
      summary: `${dm ? 'DM' : 'guild message'} ${quote(content)} from ${fromABot ? 'a bot ' : ''}${String(author.id)}`,
      event: 'message',
      content,
      dm,
      mentionsBot,
      author,
    };
  }

  private mention(seq: number): DiscordMessageInput {
    const me = String(this.botUser.id);
    const question = fuzzText(this.rng);
    const content = this.rng.pick([
      `<@${me}> ${question}`,
      `${question} <@!${me}>`,
      `<@${me}>`,
      `<@${me}> <@${me}> ${question}`,
    ]);
    return this.message(seq, 'discord.mention', content, { mentionsBot: true });
  }

  private dm(seq: number): DiscordMessageInput {
    return this.message(seq, 'discord.dm', fuzzText(this.rng), { dm: true });
  }

  private chatter(seq: number): DiscordMessageInput {
    const me = String(this.botUser.id);
    const text = fuzzText(this.rng);
    switch (this.rng.int(3)) {
      case 0:
        return this.message(seq, 'discord.chatter', text, {});
      case 1: {
        const otherBot = { ...this.user(), id: '300000000000000000', username: 'otherbot', bot: true };
        return this.message(seq, 'discord.chatter', `<@${me}> ${text}`, { mentionsBot: true, author: otherBot });
      }
      default:
        return this.message(seq, 'discord.chatter', `<@${me}> ${text}`, { mentionsBot: true, author: this.botUser });
    }
  }
}

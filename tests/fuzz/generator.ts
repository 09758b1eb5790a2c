/**
 * The seeded mix of every kind of update, on both platforms. The same seed draws the same kinds,
 * users and texts; only the buttons pressed "as sent" depend on what the bot sent before.
 *
 * @example
 * const generator = new Generator(42, { discordBot: fake.botUser, keepTelegramMessages: 1000 });
 * const input = generator.next(); // { kind: 'telegram.group.mention', update: { message: … }, … }
 */
import { DISCORD_KINDS, DiscordEvents, type DiscordKind } from './discord-events.js';
import type { FuzzInput, Json } from './inputs.js';
import { Random } from './random.js';
import { TELEGRAM_KINDS, type TelegramKind, TelegramUpdates } from './telegram-updates.js';

/** Every kind of update and its weight in the mix. */
export const KINDS: Readonly<Record<TelegramKind | DiscordKind, number>> = { ...TELEGRAM_KINDS, ...DISCORD_KINDS };

function isTelegramKind(kind: string): kind is TelegramKind {
  return Object.hasOwn(TELEGRAM_KINDS, kind);
}

export class Generator {
  readonly telegram: TelegramUpdates;
  readonly discord: DiscordEvents;
  private readonly kinds: Random;
  private seq = 0;

  constructor(
    private readonly seed: number,
    options: { discordBot: Json; keepTelegramMessages: number },
  ) {
    this.kinds = new Random(seed);
    this.telegram = new TelegramUpdates(options.keepTelegramMessages);
    this.discord = new DiscordEvents(options.discordBot);
  }

  next(): FuzzInput {
    const kind = this.kinds.weighted(KINDS);
    this.seq += 1;
    // Each input draws from its own stream: a button pool that differs from run to run (it holds
    // what the bot sent) changes that input alone, never the ones after it.
    const rng = new Random(Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(this.seq, 0xc2b2ae35));
    return isTelegramKind(kind) ? this.telegram.make(kind, this.seq, rng) : this.discord.make(kind, this.seq, rng);
  }
}

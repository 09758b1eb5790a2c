/**
 * How each kind of event is answered, with Discord's rules kept in one place: an interaction is
 * acknowledged exactly once and within 3 s (deferred when the answer is late), a notice or an apology
 * never becomes a second acknowledgement, and a message gets one reply: the answer, a notice or an apology.
 */
import { type AutocompleteInteraction, type Message, MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Lang } from '../../core/index.js';
import type { Verdict } from '../../infra/rate-limit.js';
import type { Rendered } from '../../service/answers.js';
import { type DiscordMessage, renderNotice } from './render.js';
import type { NoticeKind } from './user-notice.js';

/** Where an answer goes: a new message for all, one only the user sees, or the message a button is on. */
export type Delivery = 'public' | 'ephemeral' | 'update';

/** A rendered answer, as every handler produces it. */
export type Answered = Rendered<DiscordMessage>;

/** What the dispatcher asks of every event's reply. */
export interface Reply {
  /** Over the rate limit: the polite notice where one is due (an interaction must always get an answer). */
  refuse(verdict: Exclude<Verdict, 'allow'>): Promise<void>;
  /** A short notice as the only response (an expired button). */
  notice(kind: NoticeKind): Promise<void>;
  /** After a failure: one apology, never a second acknowledgement. */
  apologize(): Promise<void>;
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

const EPHEMERAL = { flags: MessageFlags.Ephemeral } as const;

/** The reply to a slash command or a button press. */
export class InteractionReply implements Reply {
  /** Set once a button's message is being updated: an apology must then not overwrite the answer. */
  private updating = false;

  constructor(
    private readonly interaction: RepliableInteraction,
    private readonly lang: Lang,
    private readonly deferAfterMs: number,
  ) {}

  /** Sends the answer when it is ready; when it is late, defers first and edits it in. */
  async send(work: Promise<Answered>, delivery: Delivery): Promise<Answered> {
    const interaction = this.interaction;
    const early = await within(work, this.deferAfterMs);
    if (early) {
      const { rendered } = early.value;
      if (delivery === 'update' && interaction.isButton()) await interaction.update(rendered);
      else await interaction.reply(delivery === 'ephemeral' ? { ...rendered, ...EPHEMERAL } : rendered);
      return early.value;
    }
    if (delivery === 'update' && interaction.isButton()) {
      this.updating = true;
      await interaction.deferUpdate();
    } else await interaction.deferReply(delivery === 'ephemeral' ? EPHEMERAL : {});
    const answered = await work;
    await interaction.editReply(answered.rendered);
    return answered;
  }

  async refuse(): Promise<void> {
    await this.notice('rateLimited');
  }

  async notice(kind: NoticeKind): Promise<void> {
    await this.interaction.reply({ ...renderNotice(kind, this.lang), ...EPHEMERAL });
  }

  async apologize(): Promise<void> {
    const interaction = this.interaction;
    const sorry = renderNotice('error', this.lang);
    if (!interaction.deferred && !interaction.replied) await interaction.reply({ ...sorry, ...EPHEMERAL });
    // Deferred as a reply: the apology takes the place of the answer ("thinking…" otherwise stays).
    else if (!interaction.replied && !this.updating) await interaction.editReply(sorry);
    else await interaction.followUp({ ...sorry, ...EPHEMERAL });
  }
}

/** The reply to autocomplete: a list of choices, empty when refused or failed. */
export class AutocompleteReply implements Reply {
  constructor(private readonly interaction: AutocompleteInteraction) {}

  async refuse(): Promise<void> {
    await this.interaction.respond([]);
  }

  async notice(): Promise<void> {
    await this.interaction.respond([]);
  }

  async apologize(): Promise<void> {
    if (!this.interaction.responded) await this.interaction.respond([]);
  }
}

/** The reply to a message (a mention or a DM): a message in the same channel, answering it. */
export class MessageReply implements Reply {
  private replied = false;

  constructor(
    private readonly message: Message,
    private readonly lang: Lang,
  ) {}

  async send(work: Promise<Answered>): Promise<Answered> {
    const answered = await work;
    await this.message.reply(answered.rendered);
    this.replied = true;
    return answered;
  }

  /** Messages need no acknowledgement: one notice, then silence until the window ends. */
  async refuse(verdict: Exclude<Verdict, 'allow'>): Promise<void> {
    if (verdict === 'notice') await this.notice('rateLimited');
  }

  async notice(kind: NoticeKind): Promise<void> {
    await this.message.reply(renderNotice(kind, this.lang));
    this.replied = true;
  }

  async apologize(): Promise<void> {
    if (!this.replied) await this.message.reply(renderNotice('error', this.lang));
  }
}

/**
 * The one path every Discord event takes: routed to its handler, rate limited, logged, and behind
 * the error boundary. Handlers only answer; what must happen to every event happens here, once.
 * Nothing a handler throws gets out: it is logged, counted, and the user gets one apology.
 *
 * @example
 * const dispatch = createDispatch({ answers, log, deferAfterMs: 2000 });
 * client.on(Events.InteractionCreate, (interaction) => void dispatch.interaction(interaction));
 */
import type { Interaction, Message } from 'discord.js';
import { langOfLocale } from '../../core/index.js';
import type { Logger } from '../../infra/log.js';
import type { Answers, LimitKind } from '../../service/answers.js';
import { PLATFORM } from './handlers/answering.js';
import { handleAutocomplete } from './handlers/autocomplete.js';
import { handleButton } from './handlers/button.js';
import { handleCommand } from './handlers/command.js';
import { handleMessage, hintOf, questionOf } from './handlers/message.js';
import type { CommandMentions } from './mentions.js';
import { type Answered, AutocompleteReply, InteractionReply, MessageReply, type Reply } from './reply.js';
import { UserNotice } from './user-notice.js';

export interface DispatchOptions {
  answers: Answers;
  log: Logger;
  /** How long an answer may take before an interaction is deferred. */
  deferAfterMs: number;
  /** Command ids for the help's clickable commands (loaded at ready). */
  mentions?: CommandMentions;
}

export interface Dispatch {
  interaction(interaction: Interaction): Promise<void>;
  message(message: Message): Promise<void>;
}

/** An event matched to its handler: who sent it, which limit it counts against, how it is answered. */
interface Route {
  /** On every log line about the event. */
  fields: Record<string, string | null>;
  user: string;
  limit: LimitKind;
  reply: Reply;
  /** The rendered answer, for the log; undefined when there is none (autocomplete). */
  handle(): Promise<Answered | undefined>;
}

export function createDispatch({ answers, log, deferAfterMs, mentions }: DispatchOptions): Dispatch {
  function routeInteraction(interaction: Interaction): Route | undefined {
    const user = interaction.user.id;
    const fields = { interactionId: interaction.id, userId: user, guildId: interaction.guildId };
    const lang = langOfLocale(interaction.locale);
    if (interaction.isChatInputCommand()) {
      const reply = new InteractionReply(interaction, lang, deferAfterMs);
      return {
        fields: { ...fields, event: 'command', command: interaction.commandName },
        user,
        limit: 'ask',
        reply,
        handle: () => handleCommand(interaction, reply, answers, mentions),
      };
    }
    if (interaction.isButton()) {
      const reply = new InteractionReply(interaction, lang, deferAfterMs);
      return {
        fields: { ...fields, event: 'button' },
        user,
        limit: 'inline',
        reply,
        handle: () => handleButton(interaction, reply, answers),
      };
    }
    if (interaction.isAutocomplete()) {
      return {
        fields: { ...fields, event: 'autocomplete' },
        user,
        limit: 'inline',
        reply: new AutocompleteReply(interaction),
        handle: () => handleAutocomplete(interaction, answers),
      };
    }
    // Select menus, modals, context-menu commands: the bot makes none, but each must be answered once.
    if (interaction.isRepliable()) {
      return {
        fields: { ...fields, event: 'other' },
        user,
        limit: 'inline',
        reply: new InteractionReply(interaction, lang, deferAfterMs),
        handle: () => Promise.reject(new UserNotice('expired')),
      };
    }
    return undefined;
  }

  function routeMessage(message: Message): Route | undefined {
    const question = questionOf(message);
    if (question === undefined) return undefined;
    const reply = new MessageReply(message, hintOf(message) ?? 'en');
    return {
      fields: { messageId: message.id, userId: message.author.id, channelId: message.channelId, event: 'message' },
      user: message.author.id,
      limit: 'ask',
      reply,
      handle: () => handleMessage(message, question, reply, answers, mentions),
    };
  }

  async function run(route: Route): Promise<void> {
    const eventLog = log.child({ platform: PLATFORM, ...route.fields });
    try {
      const verdict = await answers.allow(PLATFORM, route.user, route.limit);
      if (verdict !== 'allow') {
        eventLog.info({ verdict, kind: route.limit }, 'rate limited');
        await route.reply.refuse(verdict);
        return;
      }
      const answered = await route.handle();
      if (answered) {
        const { answer, ms, cached } = answered;
        eventLog.info({ intent: answer.intent, latencyMs: Math.round(ms * 100) / 100, cached }, 'answered');
      }
    } catch (error) {
      if (error instanceof UserNotice) {
        eventLog.info({ notice: error.kind }, 'notice sent');
        await settle(route.reply.notice(error.kind), eventLog);
        return;
      }
      answers.failed(PLATFORM);
      eventLog.error({ err: error }, 'discord handler failed');
      await settle(route.reply.apologize(), eventLog);
    }
  }

  /** Routes an event and runs it; an event that cannot even be routed is logged, never thrown. */
  async function dispatch(route: () => Route | undefined): Promise<void> {
    try {
      const routed = route();
      if (routed) await run(routed);
    } catch (error) {
      answers.failed(PLATFORM);
      log.error({ err: error, platform: PLATFORM }, 'discord event could not be routed');
    }
  }

  return {
    interaction: (interaction) => dispatch(() => routeInteraction(interaction)),
    message: (message) => dispatch(() => routeMessage(message)),
  };
}

/** The last word to a user (a notice, an apology) may fail too: that is logged, and goes no further. */
async function settle(last: Promise<void>, log: Logger): Promise<void> {
  try {
    await last;
  } catch (error) {
    log.warn({ err: error }, 'discord notice or apology not delivered');
  }
}

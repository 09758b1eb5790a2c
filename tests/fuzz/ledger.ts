/**
 * The run's books: each input in flight, every outgoing call tied to the input that caused it, and a
 * verdict per input (answered, rate-limited, ignored as it should be, lost…). Telegram calls are tied
 * by chat (one update at a time per chat) or by query id; Discord calls by interaction id, token, or
 * the message a reply references.
 */
import { LANGS, t } from '../../src/i18n/index.js';
import type { RecordedCall } from '../emulators/discord-fake.js';
import type { ApiCall } from '../emulators/telegram-api.js';
import type { LogEntry } from './bot-process.js';
import { checkDiscordCall, checkTelegramCall, type Violation } from './checks.js';
import type { DiscordInteractionInput, DiscordMessageInput, FuzzInput, Json, TelegramInput } from './inputs.js';
import { laneOf } from './inputs.js';
import type { Sent } from './send.js';

/** Discord fails an interaction not acknowledged within 3 s. */
export const ACK_DEADLINE_MS = 3000;
/** An input with no verdict after this long gets one anyway: lost, or ignored as it should be. */
const VERDICT_AFTER_MS = { telegram: 30_000, discord: 15_000, silence: 5000 } as const;
/** How long a Discord input holds its slot at most: replies usually come in ms, silence never does. */
const LEASE_MS = { interaction: ACK_DEADLINE_MS, message: 1000 } as const;
/** Concluded inputs kept to tie late calls to. */
const KEEP_CONCLUDED = 2000;
const EXAMPLES = 5;
/** A rate-limit notice and the silence after it fall in one minute window of the bot's; allow this skew. */
const WINDOW_MS = 60_000;
const WINDOW_SKEW_MS = 2000;

/** The notice sent once when a user goes over the limit, in each language. */
const NOTICES = new Set<string>(LANGS.map((lang) => t(lang, 'notice-rate-limited')));
/** Methods the bot calls at start-up, not for any update. */
const START_UP = new Set(['getMe', 'setMyCommands', 'getWebhookInfo', 'deleteWebhook', 'getMyCommands']);

export type Verdict =
  | 'answered'
  | 'rate-limited'
  | 'ignored as it should be'
  | 'answered though it should not be'
  | 'lost'
  | 'interrupted by a crash';

export interface Example {
  input: string;
  detail: string;
}
export interface Tally {
  count: number;
  examples: Example[];
}

interface Flight {
  input: FuzzInput;
  sentAt: number;
  /** When the bot got it (Telegram: in a getUpdates answer; Discord: when dispatched). */
  deliveredAt: number | undefined;
  deadline: number;
  leaseUntil: number;
  /** Messages and edits the bot made for it that the platform accepted (an autocomplete result too). */
  replies: number;
  notices: number;
  /** Answers to its Telegram query, accepted or not. */
  answers: number;
  /** Its Telegram query answer was accepted. */
  answered: boolean;
  /** A Telegram button answered with a text (expired, rate-limited): nothing more is owed. */
  answeredWithText: boolean;
  deferred: boolean;
  /** Edits refused as "not modified" (a press that asks for what is shown): fine. */
  unchanged: number;
  released: boolean;
  verdict: Verdict | 'pending' | undefined;
  /** Where it is filed, to forget it without a search. */
  keys: { update?: number; query?: string; interaction?: string; token?: string; message?: string };
}

export interface LedgerHooks {
  /** An input gave its slot back: the runner may send the next. */
  released(): void;
  telegramSent(call: ApiCall): void;
  discordSent(input: DiscordInteractionInput | DiscordMessageInput, message: Json): void;
}

export interface Findings {
  verdicts: Partial<Record<Verdict, number>>;
  invalid: Record<string, Tally>;
  lost: Record<string, Tally>;
  unexpected: Record<string, Tally>;
  /** Errors and warnings the bot logged about an update, by message, with the inputs behind them. */
  botErrors: Record<string, Tally>;
}

function tally(into: Map<string, Tally>, key: string, example: Example): void {
  const entry = into.get(key) ?? { count: 0, examples: [] };
  entry.count += 1;
  if (entry.examples.length < EXAMPLES) entry.examples.push(example);
  into.set(key, entry);
}

export class Ledger {
  private readonly open = new Set<Flight>();
  private readonly concluded: Flight[] = [];
  private readonly lanes = new Map<string, Flight>();
  private readonly lastInLane = new Map<string, Flight>();
  private readonly byUpdate = new Map<number, Flight>();
  private readonly byQuery = new Map<string, Flight>();
  private readonly byInteraction = new Map<string, Flight>();
  private readonly byToken = new Map<string, Flight>();
  private readonly byMessage = new Map<string, Flight>();
  /** When each user's rate-limit notices were owed (the send time of the input that got one). */
  private readonly noticesOf = new Map<string, number[]>();
  /** Inputs owed a reply that got none: rate-limited silence, or lost (decided at the end). */
  private readonly unreplied: { input: Pick<FuzzInput, 'user' | 'limit' | 'kind' | 'summary'>; sentAt: number }[] = [];
  private readonly verdicts = new Map<Verdict, number>();
  private readonly invalid = new Map<string, Tally>();
  private readonly lost = new Map<string, Tally>();
  private readonly unexpected = new Map<string, Tally>();
  private readonly botErrors = new Map<string, Tally>();
  /** Telegram events for updates not filed yet: the emulator may hand an update over while it is pushed. */
  private readonly early = new Map<number, { deliveredAt?: number; confirmed?: boolean }>();
  private lastUpdateId = 0;
  private holding = 0;

  constructor(
    private readonly telegramChats: ReadonlySet<number>,
    private readonly hooks: LedgerHooks,
  ) {}

  /** Inputs holding a slot. */
  get occupied(): number {
    return this.holding;
  }

  /** Whether every input sent has its verdict (silent ones wait for `findings`). */
  get settled(): boolean {
    return this.open.size === 0;
  }

  laneBusy(lane: string): boolean {
    return this.lanes.has(lane);
  }

  // ── Sending ──────────────────────────────────────────────────────────────────────────────────────

  /** Files an input the emulators have just handed to the bot. */
  sent(input: FuzzInput, handed: Sent): void {
    if (input.platform === 'telegram' && handed.platform === 'telegram') this.sentTelegram(input, handed.updateId);
    else if (input.platform === 'discord' && handed.platform === 'discord') {
      if (input.event === 'interaction') this.sentDiscordInteraction(input, handed.id, handed.token ?? '');
      else this.sentDiscordMessage(input, handed.id);
    }
  }

  private sentTelegram(input: TelegramInput, updateId: number): void {
    const flight = this.track(input, undefined);
    flight.keys = { update: updateId, ...(input.queryId ? { query: input.queryId } : {}) };
    this.byUpdate.set(updateId, flight);
    if (input.queryId) this.byQuery.set(input.queryId, flight);
    const lane = laneOf(input);
    if (lane) {
      this.lanes.set(lane, flight);
      this.lastInLane.set(lane, flight);
    }
    this.lastUpdateId = updateId;
    const early = this.early.get(updateId);
    this.early.delete(updateId);
    if (early?.deliveredAt !== undefined) flight.deliveredAt = early.deliveredAt;
    if (early?.confirmed) this.conclude(flight);
  }

  private sentDiscordInteraction(input: DiscordInteractionInput, id: string, token: string): void {
    const flight = this.track(input, Date.now());
    flight.leaseUntil = flight.sentAt + LEASE_MS.interaction;
    flight.keys = { interaction: id, token };
    this.byInteraction.set(id, flight);
    this.byToken.set(token, flight);
  }

  private sentDiscordMessage(input: DiscordMessageInput, id: string): void {
    const flight = this.track(input, Date.now());
    flight.leaseUntil = flight.sentAt + LEASE_MS.message;
    flight.keys = { message: id };
    this.byMessage.set(id, flight);
    // Silence has no end to wait for: the slot goes back at once, the verdict comes at the deadline.
    if (input.expect === 'silence') {
      flight.deadline = flight.sentAt + VERDICT_AFTER_MS.silence;
      this.release(flight);
    }
  }

  private track(input: FuzzInput, deliveredAt: number | undefined): Flight {
    const sentAt = Date.now();
    const flight: Flight = {
      input,
      sentAt,
      deliveredAt,
      deadline: sentAt + VERDICT_AFTER_MS[input.platform],
      leaseUntil: Number.POSITIVE_INFINITY,
      replies: 0,
      notices: 0,
      answers: 0,
      answered: false,
      answeredWithText: false,
      deferred: false,
      unchanged: 0,
      released: false,
      verdict: undefined,
      keys: {},
    };
    this.open.add(flight);
    this.holding += 1;
    return flight;
  }

  // ── Telegram calls ───────────────────────────────────────────────────────────────────────────────

  telegramCall(call: ApiCall): void {
    if (call.method === 'getUpdates') {
      this.delivered(call);
      return;
    }
    const p = call.params;
    const queryId = p.callback_query_id ?? p.inline_query_id;
    const lane = p.chat_id === undefined ? undefined : `telegram:${Number(p.chat_id)}`;
    const flight =
      queryId !== undefined
        ? this.byQuery.get(String(queryId))
        : lane
          ? (this.lanes.get(lane) ?? this.lastInLane.get(lane))
          : undefined;
    const violations = START_UP.has(call.method) ? [] : checkTelegramCall(call, this.telegramChats);
    const description = call.outcome.ok ? '' : call.outcome.description;
    let explained = violations.length > 0;
    if (flight && queryId !== undefined) {
      flight.answers += 1;
      if (flight.answered) {
        violations.push({
          rule: 'telegram: query answered more than once',
          detail: `${call.method} #${flight.answers}`,
        });
        explained = true;
      } else if (call.outcome.ok) this.telegramAnswer(flight, call);
    } else if (flight && call.outcome.ok) {
      flight.replies += 1;
      if (NOTICES.has(String(p.text ?? ''))) this.notice(flight);
    } else if (flight && description.includes('message is not modified')) {
      flight.unchanged += 1;
      explained = true;
    }
    if (!call.outcome.ok && !explained) {
      violations.push({ rule: `telegram: ${call.method} refused by the API`, detail: description });
    }
    this.report(violations, flight, call.method);
    this.hooks.telegramSent(call);
  }

  private telegramAnswer(flight: Flight, call: ApiCall): void {
    const p = call.params;
    flight.answered = true;
    if (call.method === 'answerCallbackQuery' && typeof p.text === 'string' && p.text !== '') {
      flight.answeredWithText = true;
      if (NOTICES.has(p.text)) this.notice(flight);
    }
    // A refused inline query is answered with no results, not cached, so the user can retry.
    if (
      call.method === 'answerInlineQuery' &&
      Array.isArray(p.results) &&
      p.results.length === 0 &&
      p.cache_time === 0
    ) {
      this.notice(flight);
    }
  }

  /** The updates a getUpdates answer carried have reached the bot. */
  private delivered(call: ApiCall): void {
    if (!call.outcome.ok || !Array.isArray(call.outcome.result)) return;
    const now = Date.now();
    for (const update of call.outcome.result as { update_id: number }[]) {
      const flight = this.byUpdate.get(update.update_id);
      if (flight && flight.deliveredAt === undefined) flight.deliveredAt = now;
      else if (!flight && update.update_id > this.lastUpdateId) this.early.set(update.update_id, { deliveredAt: now });
    }
  }

  /** The bot asked for updates past this one: its handler is done. */
  telegramConfirmed(updateId: number): void {
    const flight = this.byUpdate.get(updateId);
    if (flight && !flight.verdict) this.conclude(flight);
    else if (!flight && updateId > this.lastUpdateId)
      this.early.set(updateId, { ...this.early.get(updateId), confirmed: true });
  }

  // ── Discord calls ────────────────────────────────────────────────────────────────────────────────

  discordCall(call: RecordedCall): void {
    const violations = checkDiscordCall(call);
    const body = (call.body ?? {}) as Json;
    const ok = call.status < 400;
    const callback = /\/interactions\/(\d+)\/[^/]+\/callback$/.exec(call.path);
    const webhook = /\/webhooks\/\d+\/([^/]+)/.exec(call.path);
    const channel = /\/channels\/(\d+)\/messages$/.exec(call.path);
    let flight: Flight | undefined;
    let explained = violations.length > 0;
    if (callback) {
      flight = this.byInteraction.get(callback[1] as string);
      if (flight) explained = this.acknowledged(flight, call, violations) || explained;
    } else if (webhook) {
      flight = this.byToken.get(webhook[1] as string);
      if (flight && ok) this.discordReply(flight, body);
    } else if (channel) {
      const reference = (body.message_reference as Json | undefined)?.message_id;
      flight = reference === undefined ? undefined : this.byMessage.get(String(reference));
      if (!flight) violations.push({ rule: 'discord: channel message tied to no update', detail: call.path });
      else if (ok) this.discordReply(flight, body);
    }
    if (!ok && !explained) {
      violations.push({ rule: `discord: ${call.method} refused by the API`, detail: JSON.stringify(call.error) });
    }
    this.report(violations, flight, `${call.method} ${call.path}`);
  }

  /** An interaction callback: once, within 3 s; a reply or an update ends it, a defer waits for the edit. */
  private acknowledged(flight: Flight, call: RecordedCall, violations: Violation[]): boolean {
    const body = (call.body ?? {}) as Json;
    const error = call.error as { code?: number } | undefined;
    if (error?.code === 40060) {
      violations.push({
        rule: 'discord: interaction acknowledged more than once',
        detail: `callback type ${String(body.type)}`,
      });
      return true;
    }
    if (call.status >= 400) return false;
    const latency = Date.now() - flight.sentAt;
    if (latency > ACK_DEADLINE_MS) {
      violations.push({ rule: 'discord: interaction acknowledged after 3 s', detail: `${latency} ms` });
    }
    const type = Number(body.type);
    if (type === 5 || type === 6) flight.deferred = true;
    else this.discordReply(flight, (body.data ?? {}) as Json);
    return false;
  }

  private discordReply(flight: Flight, message: Json): void {
    flight.replies += 1;
    if (NOTICES.has(String(message.content ?? ''))) this.notice(flight);
    const input = flight.input;
    if (input.platform === 'discord') this.hooks.discordSent(input, message);
    if (!flight.verdict) this.conclude(flight);
  }

  // ── What the bot logged ──────────────────────────────────────────────────────────────────────────

  /** A warning or error the bot logged: tied to its input by the update, interaction or message id. */
  botLogged(entry: LogEntry): void {
    const flight =
      entry.updateId !== undefined
        ? this.byUpdate.get(entry.updateId)
        : entry.interactionId !== undefined
          ? this.byInteraction.get(entry.interactionId)
          : entry.messageId !== undefined
            ? this.byMessage.get(entry.messageId)
            : undefined;
    if (!flight) return;
    const message = [entry.msg, entry.err?.message].filter(Boolean).join(': ').slice(0, 160);
    tally(this.botErrors, message, { input: flight.input.summary, detail: '' });
  }

  // ── Verdicts ─────────────────────────────────────────────────────────────────────────────────────

  private notice(flight: Flight): void {
    flight.notices += 1;
    const key = `${flight.input.user}|${flight.input.limit}`;
    const times = this.noticesOf.get(key) ?? [];
    times.push(flight.sentAt);
    this.noticesOf.set(key, times);
  }

  private conclude(flight: Flight, verdict = this.verdictOf(flight)): void {
    flight.verdict = verdict;
    if (verdict !== 'pending') this.count(verdict);
    this.open.delete(flight);
    this.release(flight);
    const lane = laneOf(flight.input);
    if (lane && this.lanes.get(lane) === flight) this.lanes.delete(lane);
    this.concluded.push(flight);
    if (this.concluded.length > KEEP_CONCLUDED) this.forget(this.concluded.shift() as Flight);
  }

  private verdictOf(flight: Flight): Verdict | 'pending' {
    const { input } = flight;
    const rateLimited = flight.notices > 0;
    if (input.expect === 'silence') {
      if (flight.replies === 0) return 'ignored as it should be';
      tally(this.unexpected, input.kind, { input: input.summary, detail: `${flight.replies} replies` });
      return 'answered though it should not be';
    }
    if (input.expect === 'answer' && input.platform === 'telegram') {
      if (!flight.answered) return this.lose(input, 'query never answered');
      const owed = input.followUp && !flight.answeredWithText && !rateLimited;
      // A press answered without a word promised a new message or an edit.
      if (owed && flight.replies === 0 && flight.unchanged === 0)
        return this.lose(input, 'button answered, nothing sent');
      return rateLimited ? 'rate-limited' : 'answered';
    }
    if (flight.replies > 0) return rateLimited ? 'rate-limited' : 'answered';
    if (input.platform === 'discord' && input.event === 'interaction') {
      return this.lose(input, flight.deferred ? 'deferred, never edited' : 'never acknowledged');
    }
    // No reply at all: rate-limited silence or a lost question, once every notice is known.
    const { user, limit, kind, summary } = input;
    this.unreplied.push({ input: { user, limit, kind, summary }, sentAt: flight.sentAt });
    return 'pending';
  }

  private lose(input: Pick<FuzzInput, 'kind' | 'summary'>, detail: string): Verdict {
    tally(this.lost, input.kind, { input: input.summary, detail });
    return 'lost';
  }

  private count(verdict: Verdict): void {
    this.verdicts.set(verdict, (this.verdicts.get(verdict) ?? 0) + 1);
  }

  private release(flight: Flight): void {
    if (flight.released) return;
    flight.released = true;
    this.holding -= 1;
    this.hooks.released();
  }

  private forget(flight: Flight): void {
    const { update, query, interaction, token, message } = flight.keys;
    if (update !== undefined) this.byUpdate.delete(update);
    if (query !== undefined) this.byQuery.delete(query);
    if (interaction !== undefined) this.byInteraction.delete(interaction);
    if (token !== undefined) this.byToken.delete(token);
    if (message !== undefined) this.byMessage.delete(message);
  }

  private report(violations: Violation[], flight: Flight | undefined, call: string): void {
    const input = flight ? flight.input.summary : `no update (${call})`;
    for (const v of violations) tally(this.invalid, v.rule, { input, detail: v.detail });
  }

  /** Gives slots back past their lease, and verdicts past their deadline. */
  sweep(now = Date.now()): void {
    for (const flight of [...this.open]) {
      if (!flight.released && now >= flight.leaseUntil) this.release(flight);
      if (now >= flight.deadline) this.conclude(flight);
    }
  }

  /** The bot died: what it was working on will never be answered, and is no one's fault but the crash's. */
  interruptAll(): void {
    for (const flight of [...this.open]) this.conclude(flight, 'interrupted by a crash');
  }

  /** The inputs the bot had received and not finished, most recent first (a crash's suspects). */
  inProgress(): FuzzInput[] {
    return [...this.open]
      .filter((f) => f.deliveredAt !== undefined)
      .sort((a, b) => (b.deliveredAt as number) - (a.deliveredAt as number))
      .map((f) => f.input);
  }

  /** Decides the silent ones (a notice in their window explains them) and sums everything up. */
  findings(): Findings {
    for (const { input, sentAt } of this.unreplied.splice(0)) {
      const window = Math.floor(sentAt / WINDOW_MS);
      const explained = (this.noticesOf.get(`${input.user}|${input.limit}`) ?? []).some(
        (at) => Math.floor(at / WINDOW_MS) === window || Math.floor((at + WINDOW_SKEW_MS) / WINDOW_MS) === window,
      );
      if (explained) this.count('rate-limited');
      else {
        this.lose(input, 'no reply');
        this.count('lost');
      }
    }
    const record = (map: Map<string, Tally>) => Object.fromEntries([...map].sort((a, b) => b[1].count - a[1].count));
    return {
      verdicts: Object.fromEntries(this.verdicts),
      invalid: record(this.invalid),
      lost: record(this.lost),
      unexpected: record(this.unexpected),
      botErrors: record(this.botErrors),
    };
  }
}

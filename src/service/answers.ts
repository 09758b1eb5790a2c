/**
 * What every adapter calls: messages understood with the conversation's memory, answers from the
 * core behind the shared answer cache, per-user rate limits and metrics. A rendered answer is cached
 * per platform and Query (the meaning, not the words); a cache failure only costs a recompute.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  type Answer,
  type CommandIntent,
  type Core,
  cutBefore,
  type Lang,
  type MapSpec,
  type Query,
  type ReadOptions,
} from '../core/index.js';
import type { Cache } from '../infra/cache.js';
import { type Counter, createMemoryCounter } from '../infra/counter.js';
import type { Logger } from '../infra/log.js';
import type { Metrics } from '../infra/metrics.js';
import type { RateLimiter, Verdict } from '../infra/rate-limit.js';
import { Conversations, type Speaker } from './conversations.js';

export type { Speaker } from './conversations.js';

export interface Rendered<T> {
  query: Query;
  answer: Answer;
  rendered: T;
  /** Whether the rendered answer came from the cache. */
  cached: boolean;
  /** Time to get the rendered answer, in ms (cache included). */
  ms: number;
}

/** Renders an answer for one platform; the Query says which buttons it gets. */
export type Render<T> = (answer: Answer, query: Query) => T;

/** Questions count against `ask`; inline queries, autocomplete and buttons against the looser `inline`. */
export type LimitKind = 'ask' | 'inline';

export interface AnswersOptions {
  limits?: Record<LimitKind, RateLimiter>;
  metrics?: Metrics;
  /** The PNG of a map answer, drawn and kept by the renderer (`createMapPool` in `src/maps`). */
  maps?: (spec: MapSpec, lang: Lang) => Promise<Buffer>;
  /** Where conversations are remembered (default: the answer cache's store). */
  memory?: Cache;
  /**
   * Atomic counts shared by every instance (the rate limits' counter: Redis when configured), for
   * what must happen once (a map under an answer). Default: counts in this process.
   */
  counter?: Counter;
  /**
   * LOG_QUESTIONS: where the questions the bot could not answer are logged (their first
   * MAX_LOGGED_QUESTION characters, the user as a keyed hash), for a maintainer to improve the
   * understanding. Unset (the default): they are only counted.
   */
  unansweredLog?: Logger;
}

/** How long a map press is remembered per answer (a day: older answers are rarely pressed again). */
const MAP_SENT_TTL_MS = 24 * 60 * 60_000;

/** A question the bot could not answer is logged this long at most. */
export const MAX_LOGGED_QUESTION = 200;

export class Answers {
  private readonly conversations: Conversations;
  private readonly counter: Counter;
  /** Hashes user ids in the unanswered-question log: made at start, so never written anywhere. */
  private readonly userKey = randomBytes(32);

  constructor(
    readonly core: Core,
    private readonly cache: Cache,
    private readonly options: AnswersOptions = {},
  ) {
    this.conversations = new Conversations(core, options.memory ?? cache);
    this.counter = options.counter ?? createMemoryCounter();
  }

  /**
   * A message from `who`: read with what they asked last in this chat (a follow-up such as "why?"
   * or "and Mexico?"), answered, and remembered for the next one.
   */
  async ask<T>(
    platform: string,
    who: Speaker,
    text: string,
    hint: Lang | undefined,
    render: Render<T>,
  ): Promise<Rendered<T>> {
    return this.read(platform, who, text, { hint }, render);
  }

  /** A command (`/nso money`): the command fixes the intent, its argument is read for the rest. */
  async command<T>(
    platform: string,
    who: Speaker,
    expect: CommandIntent | 'reset',
    argument: string,
    hint: Lang | undefined,
    render: Render<T>,
  ): Promise<Rendered<T>> {
    return this.read(platform, who, argument, { hint, expect }, render);
  }

  /** A button press: its Query, remembered as what `who` asked last. */
  async press<T>(platform: string, who: Speaker, query: Query, render: Render<T>): Promise<Rendered<T>> {
    await this.remember(platform, who, query);
    return this.answer(platform, query, render);
  }

  /** The answer to a Query, rendered by `render` for `platform` (from the cache when it can). */
  async answer<T>(platform: string, query: Query, render: Render<T>): Promise<Rendered<T>> {
    const started = performance.now();
    // Keyed by meaning: every phrasing of one question shares an entry; 🇲🇦 and 🇮🇳 never do.
    const key = ['answer', platform, this.core.encode(query), query.unknownWord ?? ''].join('|');
    const hit = await this.cache.get<{ answer: Answer; rendered: T }>(key);
    let answer: Answer;
    let rendered: T;
    if (hit) {
      ({ answer, rendered } = hit);
    } else {
      answer = this.core.answer(query);
      rendered = render(answer, query);
      await this.cache.set(key, { answer, rendered });
    }
    const ms = performance.now() - started;
    const metrics = this.options.metrics;
    if (metrics) {
      metrics.cache.inc({ result: hit ? 'hit' : 'miss' });
      metrics.answers.inc({ platform, intent: answer.intent });
      metrics.latency.observe({ platform }, ms / 1000);
    }
    return { query, answer, rendered, cached: hit !== undefined, ms };
  }

  /**
   * Counts one request from `user` and says whether to answer it ('allow'), send the one polite
   * notice ('notice'), or stay silent until the window ends ('silent'). Without limits, always 'allow'.
   */
  async allow(platform: string, user: string | number, kind: LimitKind): Promise<Verdict> {
    const limiter = this.options.limits?.[kind];
    if (!limiter) return 'allow';
    const verdict = await limiter.check(platform, String(user), kind);
    if (verdict !== 'allow') this.options.metrics?.rateLimited.inc({ platform, kind });
    return verdict;
  }

  /**
   * The PNG of a map answer. The renderer keeps the images (bounded by bytes, by data version,
   * language, region or country), out of the answer cache: each is drawn once while it is kept.
   * Undefined when the answer has no map or no renderer is configured.
   */
  async mapImage(answer: Answer): Promise<Buffer | undefined> {
    const { map } = answer;
    if (!map || !this.options.maps) return undefined;
    return this.options.maps(map, answer.lang);
  }

  /**
   * True the first time the map under `message` in `chat` is asked for within a day, false after
   * (two presses at once included: the count is atomic, and shared by every instance on Redis). A
   * counter that fails counts nothing, so says "first": at worst a map is sent twice.
   */
  async firstMapPress(platform: string, chat: string | number, message: string | number): Promise<boolean> {
    return (await this.counter.increment(`once:${platform}:map:${chat}:${message}`, MAP_SENT_TTL_MS)) <= 1;
  }

  /** Counts an error while handling an update or interaction. */
  failed(platform: string): void {
    this.options.metrics?.errors.inc({ platform });
  }

  /** Reads a message with `who`'s last question in this chat, remembers it, answers it. */
  private async read<T>(
    platform: string,
    who: Speaker,
    text: string,
    options: Pick<ReadOptions, 'hint' | 'expect'>,
    render: Render<T>,
  ): Promise<Rendered<T>> {
    const context = await this.conversations.last(platform, who);
    const query = this.core.understand(text, { ...options, context });
    if (query.intent === 'unknown') this.unanswered(platform, who, query);
    await this.remember(platform, who, query);
    return this.answer(platform, query, render);
  }

  /** Counts a question the bot could not answer; with LOG_QUESTIONS, logs its text (user hashed). */
  private unanswered(platform: string, who: Speaker, query: Query): void {
    const reason = query.unknownWord ? 'unknown_country' : 'out_of_scope';
    this.options.metrics?.unanswered.inc({ platform, lang: query.lang, reason });
    const log = this.options.unansweredLog;
    if (!log) return;
    const user = createHmac('sha256', this.userKey).update(`${platform}:${who.user}`).digest('hex').slice(0, 16);
    log.info(
      { platform, lang: query.lang, reason, user, question: truncate(query.question ?? '') },
      'unanswered question',
    );
  }

  /** Remembers what was asked; a reset forgets, and help or out-of-scope replies keep the last question. */
  private async remember(platform: string, who: Speaker, query: Query): Promise<void> {
    if (query.intent === 'help' && query.aspect === 'reset') await this.conversations.forget(platform, who);
    else if (query.intent !== 'help' && query.intent !== 'unknown')
      await this.conversations.remember(platform, who, query);
  }
}

/** The first MAX_LOGGED_QUESTION characters of a question, never cutting a surrogate pair. */
function truncate(question: string): string {
  if (question.length <= MAX_LOGGED_QUESTION) return question;
  return `${question.slice(0, cutBefore(question, MAX_LOGGED_QUESTION))}…`;
}

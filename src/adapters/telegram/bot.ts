/**
 * The Telegram adapter: telegraf updates in, core answers out as HTML messages. It owns Telegram's
 * rules (who to answer in groups, 429 back-off, 403 drops, callback acknowledgement, webhook secret)
 * and nothing about export rules.
 *
 * @example
 * const telegram = await startTelegram({ config: loadConfig(), answers, log });
 * process.once('SIGTERM', () => void telegram.stop('SIGTERM'));
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Context, Telegraf, type Telegram, TelegramError } from 'telegraf';
import type { InlineQueryResult, Message, ReplyParameters, Update, UserFromGetMe } from 'telegraf/types';
import { argsOf, COMMANDS, findCommand, readCommand, type TypedCommand } from '../../../commands/table.js';
import type { Answer, Lang, Request } from '../../core/index.js';
import { langOfLocale, TOPIC_LABEL } from '../../core/index.js';
import type { Config } from '../../infra/config.js';
import { createHttpServer, type HttpServer, type RouteHandler } from '../../infra/http.js';
import { InFlight } from '../../infra/in-flight.js';
import type { Logger } from '../../infra/log.js';
import { createMetrics } from '../../infra/metrics.js';
import { RATE_NOTICE } from '../../infra/rate-limit.js';
import type { Answers, LimitKind, Rendered } from '../answers.js';
import { requestFromKey, requestKey } from '../request-key.js';
import {
  answerKeyboard,
  type InlineKeyboard,
  parseCallbackData,
  renderCaption,
  renderNotice,
  renderSources,
  renderTelegram,
} from './render.js';

const PLATFORM = 'telegram';
/** How long a shutdown waits for updates in progress. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Updates the bot handles; everything else is never fetched. */
const ALLOWED_UPDATES = ['message', 'inline_query', 'callback_query'] as const;
/** Longer messages are cut before they reach the core (Telegram itself stops at 4096). */
const MAX_INPUT_LENGTH = 4096;
const MAX_INLINE_RESULTS = 50;
const INLINE_CACHE_SECONDS = 300;
const MAX_TRIES = 3;
/** A 429 asking for a longer wait than this is not retried: the update is better dropped. */
const MAX_RETRY_AFTER_SECONDS = 30;
/** Free-text questions remembered for their buttons (answers that cannot be rebuilt from a key). */
const REMEMBERED_QUESTIONS = 5000;
const HANDLER_TIMEOUT_MS = 30_000;
const MAX_WEBHOOK_BODY_BYTES = 1_000_000;
/** The name a map photo is uploaded under. */
const MAP_FILENAME = 'map.png';

const PHRASES = {
  en: {
    usage: 'Usage: /allowed <country>, for example /allowed Morocco',
    sorry: 'Sorry, something went wrong on my side. Please try again in a moment.',
    expired: 'This button has expired: please ask again.',
  },
  fr: {
    usage: 'Utilisation : /allowed <pays>, par exemple /allowed Maroc',
    sorry: 'Désolé, un problème est survenu de mon côté. Réessayez dans un instant.',
    expired: 'Ce bouton a expiré : reposez la question.',
  },
} as const;

export interface TelegramBotOptions {
  token: string;
  /** A Bot API server other than api.telegram.org (self-hosted, or a test emulator). */
  apiRoot?: string | undefined;
  answers: Answers;
  log: Logger;
  /** Skips `getMe` when known (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  handlerTimeoutMs?: number;
}

// ── Telegram API calls: 429 back-off, bounded ──────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isTelegramError(error: unknown, code: number): error is TelegramError {
  return error instanceof TelegramError && error.code === code;
}

/** Makes every call of `telegram` wait `retry_after` and try again on a 429, up to MAX_TRIES. */
function retryOnFlood(telegram: Telegram, log: Logger): void {
  const call = telegram.callApi.bind(telegram);
  const retrying = async (...args: Parameters<typeof call>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(...args);
      } catch (error) {
        const wait = isTelegramError(error, 429) ? (error.parameters?.retry_after ?? 1) : undefined;
        if (wait === undefined || attempt >= MAX_TRIES || wait > MAX_RETRY_AFTER_SECONDS || args[0] === 'getUpdates') {
          throw error;
        }
        log.warn({ method: args[0], retryAfter: wait, attempt }, 'telegram: rate limited, retrying');
        await sleep(wait * 1000);
      }
    }
  };
  telegram.callApi = retrying as typeof telegram.callApi;
}

// ── The bot ────────────────────────────────────────────────────────────────────────────────────────

/** The logger of one update: platform, update, chat and user ids on every line. */
function logOf(ctx: Context): Logger {
  return ctx.state.log as Logger;
}

/** The question in a group message when it is for the bot (mention or reply to it), else undefined. */
function addressedText(message: Message.TextMessage, me: UserFromGetMe): string | undefined {
  const handle = `@${me.username}`.toLowerCase();
  const entities = message.entities ?? [];
  const mentions = entities.filter(
    (e) =>
      (e.type === 'mention' && message.text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  );
  const repliesToBot = message.reply_to_message?.from?.id === me.id;
  if (mentions.length === 0 && !repliesToBot) {
    // Clients always send the mention entity; plain-text matching covers bridges that do not.
    if (!message.text.toLowerCase().includes(handle)) return undefined;
    return message.text.replace(new RegExp(`@${me.username}\\b`, 'gi'), ' ').trim();
  }
  let text = message.text;
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) {
    text = `${text.slice(0, e.offset)} ${text.slice(e.offset + e.length)}`;
  }
  return text.trim();
}

/**
 * Builds the Telegram bot: handlers for private chats, groups, inline mode and buttons. It does not
 * start it: see `startTelegram`.
 */
export function createTelegramBot(options: TelegramBotOptions): Telegraf {
  const { answers, log } = options;
  const bot = new Telegraf(options.token, {
    handlerTimeout: options.handlerTimeoutMs ?? HANDLER_TIMEOUT_MS,
    // Every call goes over HTTP, so its errors reach us (a webhook reply cannot report one).
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: withSlash(options.apiRoot) } : {}) },
  });
  if (options.botInfo) bot.botInfo = options.botInfo;
  retryOnFlood(bot.telegram, log);

  const remembered = new Map<string, { question: string; hint: Lang }>();

  /** A short key for the buttons of `answer`; free text that cannot be rebuilt is remembered. */
  function keyFor(answer: Answer, question: string, hint: Lang): string {
    const key = requestKey(answer);
    if (key) return key;
    // Random, so that an old button never meets another question after a restart or on another instance.
    const id = `q:${randomBytes(6).toString('base64url')}`;
    remembered.set(id, { question, hint });
    if (remembered.size > REMEMBERED_QUESTIONS) remembered.delete(remembered.keys().next().value as string);
    return id;
  }

  function answerFor(key: string, lang: Lang): Promise<Rendered<string[]>> | undefined {
    const request = requestFromKey(key);
    if (request) return answers.run(PLATFORM, request, { lang }, renderTelegram);
    const question = remembered.get(key);
    return question && answers.ask(PLATFORM, question.question, { hint: question.hint, lang }, renderTelegram);
  }

  async function send(ctx: Context, messages: string[], keyboard?: InlineKeyboard, replyTo?: number): Promise<void> {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    for (const [i, html] of messages.entries()) {
      await ctx.telegram.sendMessage(chatId, html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(i === messages.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
        ...(i === 0 && replyTo !== undefined
          ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
          : {}),
      });
    }
  }

  /**
   * Sends a map answer as a photo, its caption and buttons under it. False when the answer has no
   * image (not a map, or no renderer configured): the caller sends the text instead.
   */
  async function sendMap(ctx: Context, answer: Answer, keyboard?: InlineKeyboard, replyTo?: number): Promise<boolean> {
    const chatId = ctx.chat?.id;
    if (chatId === undefined || answer.intent !== 'map') return false;
    const png = await answers.mapImage(answer);
    if (!png) return false;
    const replyParameters: ReplyParameters | undefined =
      replyTo === undefined ? undefined : { message_id: replyTo, allow_sending_without_reply: true };
    await ctx.telegram.sendPhoto(
      chatId,
      { source: png, filename: MAP_FILENAME },
      {
        caption: renderCaption(answer),
        parse_mode: 'HTML',
        ...(keyboard ? { reply_markup: keyboard } : {}),
        // An upload goes as multipart, where telegraf 4.16 silently drops object fields it does not
        // serialize itself (reply_markup only): Telegram reads this one as a JSON string.
        ...(replyParameters ? { reply_parameters: JSON.stringify(replyParameters) as unknown as ReplyParameters } : {}),
      },
    );
    return true;
  }

  async function sendAnswer(ctx: Context, result: Rendered<string[]>, question: string, hint: Lang, replyTo?: number) {
    const keyboard = answerKeyboard(result.answer, keyFor(result.answer, question, hint));
    if (!(await sendMap(ctx, result.answer, keyboard, replyTo))) await send(ctx, result.rendered, keyboard, replyTo);
    logOf(ctx).info(
      { intent: result.answer.intent, latencyMs: Math.round(result.ms * 100) / 100, cached: result.cached },
      'answered',
    );
  }

  /** Applies the user's rate limit: true to answer; over the limit, one notice then silence. */
  async function admitted(ctx: Context, kind: LimitKind, hint: Lang, replyTo?: number): Promise<boolean> {
    const verdict = ctx.from ? await answers.allow(PLATFORM, ctx.from.id, kind) : 'allow';
    if (verdict === 'allow') return true;
    logOf(ctx).info({ verdict, kind }, 'rate limited');
    if (verdict === 'notice' && kind === 'ask') await send(ctx, [renderNotice(RATE_NOTICE[hint])], undefined, replyTo);
    return false;
  }

  async function runCommand(ctx: Context, command: TypedCommand, text: string, hint: Lang, replyTo?: number) {
    // An unknown command gets the help.
    const spec = command.spec ?? findCommand('help');
    if (!spec) return;
    if (spec.options[0]?.required && command.rest === '') {
      await send(ctx, [renderNotice(PHRASES[hint].usage)], undefined, replyTo);
      return;
    }
    const request: Request = spec.toRequest(argsOf(spec, command.rest));
    const result = await answers.run(PLATFORM, request, { hint, question: text }, renderTelegram);
    await sendAnswer(ctx, result, text, hint, replyTo);
  }

  async function askQuestion(ctx: Context, question: string, hint: Lang, replyTo?: number) {
    const result = await answers.ask(PLATFORM, question, { hint }, renderTelegram);
    await sendAnswer(ctx, result, question, hint, replyTo);
  }

  bot.use((ctx, next) => {
    retryOnFlood(ctx.telegram, log);
    ctx.state.log = log.child({
      platform: PLATFORM,
      updateId: ctx.update.update_id,
      chatId: ctx.chat?.id,
      userId: ctx.from?.id,
    });
    return next();
  });

  bot.on('message', async (ctx) => {
    const message = ctx.message;
    const hint = langOfLocale(message.from?.language_code);
    const isPrivate = ctx.chat.type === 'private';
    if (!('text' in message)) {
      // Stickers, photos, voice…: the help in private, silence in groups.
      if (isPrivate && (await admitted(ctx, 'ask', hint))) {
        await runCommand(ctx, { name: 'help', botName: undefined, rest: '', spec: undefined }, '/help', hint);
      }
      return;
    }
    const text = message.text.slice(0, MAX_INPUT_LENGTH);
    const me = ctx.botInfo;
    const replyTo = isPrivate ? undefined : message.message_id;
    const command = readCommand(text);
    if (command) {
      if (command.botName && command.botName.toLowerCase() !== me.username.toLowerCase()) return;
      if (!command.spec && !isPrivate && !command.botName) return;
      if (await admitted(ctx, 'ask', hint, replyTo)) await runCommand(ctx, command, text, hint, replyTo);
      return;
    }
    const question = isPrivate ? text : addressedText({ ...message, text }, me);
    if (question !== undefined && (await admitted(ctx, 'ask', hint, replyTo))) {
      await askQuestion(ctx, question, hint, replyTo);
    }
  });

  bot.on('inline_query', async (ctx) => {
    const hint = langOfLocale(ctx.inlineQuery.from.language_code);
    if (!(await admitted(ctx, 'inline', hint))) {
      // Not cached: the user may ask again as soon as the minute is over.
      await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
      return;
    }
    const results = await inlineResults(answers, ctx.inlineQuery.query.slice(0, MAX_INPUT_LENGTH), hint);
    await ctx.answerInlineQuery(results.slice(0, MAX_INLINE_RESULTS), {
      cache_time: INLINE_CACHE_SECONDS,
      is_personal: true,
    });
  });

  bot.on('callback_query', async (ctx) => {
    const query = ctx.callbackQuery;
    const lang = langOfLocale(query.from.language_code);
    if (!(await admitted(ctx, 'inline', lang))) {
      await ctx.answerCbQuery(RATE_NOTICE[lang]);
      return;
    }
    const action = 'data' in query ? parseCallbackData(query.data) : undefined;
    const pending = action && answerFor(action.key, action.lang);
    // Acknowledge first: the user's spinner stops and the query cannot grow too old.
    await ctx.answerCbQuery(pending ? undefined : PHRASES[lang].expired);
    if (!action || !pending || !query.message) return;
    const result = await pending;
    if (action.kind === 'sources') {
      await send(ctx, renderSources(result.answer));
      return;
    }
    const keyboard = answerKeyboard(result.answer, action.key);
    if (action.kind === 'map') {
      // The locator map comes as a new message under the answer, which stays as it was.
      if (!(await sendMap(ctx, result.answer, keyboard))) await send(ctx, result.rendered, keyboard);
      return;
    }
    const markup = keyboard ? { reply_markup: keyboard } : {};
    if ('photo' in query.message) {
      // The language button under a map: the image carries words too, so both image and caption change.
      const caption = renderCaption(result.answer);
      const png = await answers.mapImage(result.answer);
      await unlessUnchanged(
        png
          ? ctx.editMessageMedia(
              { type: 'photo', media: { source: png, filename: MAP_FILENAME }, caption, parse_mode: 'HTML' },
              markup,
            )
          : ctx.editMessageCaption(caption, { parse_mode: 'HTML', ...markup }),
      );
      return;
    }
    const [only, ...more] = result.rendered;
    if (only === undefined || more.length > 0) return send(ctx, result.rendered, keyboard);
    await unlessUnchanged(
      ctx.editMessageText(only, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...markup }),
    );
  });

  bot.catch(async (error, ctx) => {
    const updateId = ctx.update.update_id;
    if (isTelegramError(error, 403)) {
      log.warn({ updateId, chatId: ctx.chat?.id, reason: error.description }, 'telegram: blocked or kicked, dropped');
      return;
    }
    answers.failed(PLATFORM);
    log.error({ err: error, updateId }, 'telegram: handler failed');
    const sorry = PHRASES[langOfLocale(ctx.from?.language_code)].sorry;
    try {
      if (ctx.callbackQuery) await ctx.answerCbQuery(sorry);
      else if (ctx.chat) await ctx.telegram.sendMessage(ctx.chat.id, renderNotice(sorry), { parse_mode: 'HTML' });
    } catch (failure) {
      log.warn({ err: failure, updateId }, 'telegram: apology not delivered');
    }
  });

  return bot;
}

/** Waits for an edit; a double tap asks for the same content again, which leaves nothing to change. */
async function unlessUnchanged(edit: Promise<unknown>): Promise<void> {
  try {
    await edit;
  } catch (error) {
    if (!(error instanceof TelegramError && error.description.includes('message is not modified'))) throw error;
  }
}

/** Inline mode: country cards for the countries named or suggested, NSO topic cards for NSO. */
async function inlineResults(answers: Answers, query: string, hint: Lang): Promise<InlineQueryResult[]> {
  const core = answers.core;
  const asked = core.ask(query, { hint });
  const lang = asked.lang;
  const requests: Request[] = [];
  if (asked.intent === 'nso') {
    requests.push({ intent: 'nso', topic: asked.topic ?? 'overview' });
    for (const topic of Object.keys(TOPIC_LABEL) as (keyof typeof TOPIC_LABEL)[])
      requests.push({ intent: 'nso', topic });
  } else if (asked.intent === 'list_allowed' || asked.intent === 'list_removed' || asked.intent === 'sources') {
    requests.push({ intent: asked.intent });
  }
  const named = asked.intent === 'country_status' ? asked.countries.map((c) => c.flag) : [];
  const suggested = core.suggestCountries(query, lang, 10).map((c) => c.flag);
  for (const flag of new Set([...named, ...suggested])) requests.push({ intent: 'country_status', country: flag });
  if (requests.length === 0 && query.trim() === '') requests.push({ intent: 'nso', topic: 'overview' });

  const results: InlineQueryResult[] = [];
  const seen = new Set<string>();
  for (const request of requests) {
    const { answer, rendered } = await answers.run(PLATFORM, request, { lang }, renderTelegram);
    const id = requestKey(answer) ?? `r${results.length}`;
    const first = rendered[0];
    if (seen.has(id) || first === undefined) continue;
    seen.add(id);
    results.push({
      type: 'article',
      id,
      title: answer.title,
      description: summary(answer),
      input_message_content: { message_text: first, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    });
  }
  if (results.length === 0) {
    const { answer, rendered } = await answers.ask(PLATFORM, query, { hint }, renderTelegram);
    results.push({
      type: 'article',
      id: 'answer',
      title: answer.title,
      description: summary(answer),
      input_message_content: {
        message_text: rendered[0] ?? renderNotice(answer.title),
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      },
    });
  }
  return results;
}

/** The first line of the body, short enough for an inline card. */
function summary(answer: Answer): string {
  const line = answer.text.split('\n').find((l) => l.trim() !== '' && l !== answer.title) ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

// ── Start-up: commands, then long polling or a webhook ─────────────────────────────────────────────

export interface TelegramHandle {
  bot: Telegraf;
  /** Rejects if polling fails after start (another instance took over): main should exit. */
  done: Promise<void>;
  stop(reason?: string): Promise<void>;
}

/** The bot's commands in English (default) and French, from the shared command table. */
export async function registerCommands(telegram: Telegram): Promise<void> {
  for (const lang of ['en', 'fr'] as const) {
    const commands = COMMANDS.map((c) => ({ command: c.name, description: c.description[lang] }));
    await telegram.setMyCommands(commands, lang === 'fr' ? { language_code: 'fr' } : {});
  }
}

function conflictError(): Error {
  return new Error(
    'Telegram answered 409 Conflict: another instance of this bot is already polling with the same token. ' +
      'Stop the other instance, or run every instance on a webhook (set TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET and HTTP_PORT).',
  );
}

function webhookSetError(url: string): Error {
  return new Error(
    `A webhook is set for this bot (${url}): other instances run on it. ` +
      'Start this one with the same TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET and an HTTP_PORT, or delete the webhook to poll.',
  );
}

function explain(error: unknown): unknown {
  if (isTelegramError(error, 409)) return conflictError();
  if (isTelegramError(error, 401)) {
    return new Error('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token given by @BotFather.');
  }
  return error;
}

/** The webhook route: updates go to the bot; a shutdown drains the ones in progress. */
export interface WebhookRoute {
  handle: RouteHandler;
  /** Refuses new updates (503: Telegram delivers them again later), waits for those in progress. */
  drain(graceMs: number): Promise<void>;
}

/**
 * Handles `POST <webhook path>`: a request without the right secret header gets 401 and is not
 * processed. Mount it on the process's HTTP server (`src/infra/http.ts`).
 */
export function createWebhookHandler(bot: Telegraf, options: { secret: string; log: Logger }): WebhookRoute {
  const secret = Buffer.from(options.secret);
  const authorized = (header: string | string[] | undefined) => {
    const given = Buffer.from(typeof header === 'string' ? header : '');
    return given.length === secret.length && timingSafeEqual(given, secret);
  };
  const inFlight = new InFlight();
  const handle: RouteHandler = (req, res) => {
    if (!authorized(req.headers['x-telegram-bot-api-secret-token'])) {
      options.log.warn('telegram webhook: wrong or missing secret, refused');
      req.resume();
      return void res.writeHead(401).end();
    }
    if (!inFlight.accepting) {
      req.resume();
      return void res.writeHead(503, { 'retry-after': '1' }).end();
    }
    const work = readBody(req)
      .then(async (body) => {
        const update = body === undefined ? undefined : (parseJson(body) as Update | undefined);
        if (!update || typeof update.update_id !== 'number') return void res.writeHead(body ? 400 : 413).end();
        await bot.handleUpdate(update);
        res.writeHead(200).end();
      })
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'telegram webhook: update failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    inFlight.track(work);
  };
  return {
    handle,
    drain: (graceMs) => inFlight.drain(graceMs),
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_WEBHOOK_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Starts the bot: registers the commands, then long polling, or a webhook on HTTP_PORT when
 * TELEGRAM_WEBHOOK_URL is set. Rejects with a message saying what to do when another instance is
 * already polling (409) or the token is refused.
 */
export async function startTelegram(options: {
  config: Config;
  answers: Answers;
  log: Logger;
  handlerTimeoutMs?: number;
  /** The process's HTTP server, to mount the webhook on (main shares one with /healthz and /metrics). */
  http?: HttpServer;
}): Promise<TelegramHandle> {
  const { config, answers, log } = options;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set: the Telegram bot cannot start.');
  const bot = createTelegramBot({
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
    answers,
    log,
    ...(options.handlerTimeoutMs ? { handlerTimeoutMs: options.handlerTimeoutMs } : {}),
  });
  try {
    bot.botInfo = await bot.telegram.getMe();
  } catch (error) {
    throw explain(error);
  }
  await registerCommands(bot.telegram).catch((error: unknown) =>
    log.warn({ err: error }, 'telegram: could not register the command menu'),
  );

  if (config.TELEGRAM_WEBHOOK_URL) return startWebhook(bot, config, log, options.http);

  try {
    // Polling would need the webhook deleted, which would cut off every instance running on it.
    const { url } = await bot.telegram.getWebhookInfo();
    if (url) throw webhookSetError(url);
    // telegraf reports a conflict only by rejecting `launch` later on: ask once up front, without
    // confirming anything (no offset). Telegram ends the older of two pollers with 409, so whichever
    // instance loses stops with a message saying why.
    await bot.telegram.getUpdates(0, 1, 0, [...ALLOWED_UPDATES]);
  } catch (error) {
    throw explain(error);
  }
  // `launch` settles only when polling stops, and its onLaunch callback fires before polling has
  // begun (`bot.stop` would throw then): the bot counts as started at its first getUpdates.
  let polled!: () => void;
  const started = new Promise<void>((resolve) => {
    polled = resolve;
  });
  const call = bot.telegram.callApi.bind(bot.telegram);
  bot.telegram.callApi = ((...args: Parameters<typeof call>) => {
    if (args[0] === 'getUpdates') polled();
    return call(...args);
  }) as typeof call;
  const polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () =>
    log.debug({ bot: bot.botInfo?.username }, 'telegram: launching'),
  );
  const done = polling.catch((error: unknown) => {
    const explained = explain(error);
    log.fatal({ err: explained }, 'telegram: polling stopped');
    throw explained;
  });
  // Settled by the first poll, or by an early failure; `done` keeps the rejection for the caller.
  await Promise.race([started, done]);
  done.catch(() => undefined);
  log.info({ bot: bot.botInfo.username }, 'telegram: long polling');
  let stopping: Promise<void> | undefined;
  return {
    bot,
    done,
    stop(reason = 'stop') {
      stopping ??= (async () => {
        bot.stop(reason);
        await polling.catch(() => undefined);
        log.info({ reason }, 'telegram: stopped');
      })();
      return stopping;
    },
  };
}

async function startWebhook(
  bot: Telegraf,
  config: Config,
  log: Logger,
  shared: HttpServer | undefined,
): Promise<TelegramHandle> {
  const url = config.TELEGRAM_WEBHOOK_URL as string;
  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  if (!secret) throw new Error('TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL.');
  if (!shared && config.HTTP_PORT === undefined) throw new Error('HTTP_PORT is required with TELEGRAM_WEBHOOK_URL.');
  // Alone (tests, scripts), the bot runs its own server; main shares one with /healthz and /metrics.
  const http = shared ?? createHttpServer({ metrics: createMetrics(), log });
  if (!shared) await http.listen(config.HTTP_PORT as number);
  const route = createWebhookHandler(bot, { secret, log });
  http.addRoute('POST', new URL(url).pathname, route.handle);
  try {
    await bot.telegram.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  } catch (error) {
    if (!shared) await http.close();
    throw explain(error);
  }
  log.info({ bot: bot.botInfo?.username, url }, 'telegram: webhook');
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  let stopping: Promise<void> | undefined;
  return {
    bot,
    done,
    stop(reason = 'stop') {
      stopping ??= (async () => {
        await route.drain(SHUTDOWN_GRACE_MS);
        if (!shared) await http.close();
        log.info({ reason }, 'telegram: webhook stopped');
        stopped();
      })();
      return stopping;
    },
  };
}

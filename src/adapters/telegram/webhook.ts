/**
 * Running on a webhook: Telegram posts each update to the process's HTTP server. A request without
 * the right secret gets 401 and is not processed; an update is acknowledged (200) even when its
 * handling failed, so that one bad update is never delivered again and again.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Config } from '../../infra/config.js';
import { createHttpServer, type HttpServer, type RouteHandler } from '../../infra/http.js';
import { InFlight } from '../../infra/in-flight.js';
import type { Logger } from '../../infra/log.js';
import { createMetrics } from '../../infra/metrics.js';
import type { BotContext } from './api.js';
import { ALLOWED_UPDATES } from './bot.js';
import { type Persist, stopOnce, type TelegramHandle } from './start.js';

const MAX_WEBHOOK_BODY_BYTES = 1_000_000;
/** How long a shutdown waits for updates in progress. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The webhook route: updates go to the bot; a shutdown drains the ones in progress. */
export interface WebhookRoute {
  handle: RouteHandler;
  /** Refuses new updates (503: Telegram delivers them again later), waits for those in progress. */
  drain(graceMs: number): Promise<void>;
}

export function createWebhookHandler(
  bot: Telegraf<BotContext>,
  options: { secret: string; log: Logger },
): WebhookRoute {
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
        if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') {
          return void res.writeHead(body ? 400 : 413).end();
        }
        await bot.handleUpdate(update);
        res.writeHead(200).end();
      })
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'telegram webhook: update failed');
        if (!res.headersSent) res.writeHead(200).end();
      });
    inFlight.track(work);
  };
  return { handle, drain: (graceMs) => inFlight.drain(graceMs) };
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

/** Mounts the webhook route and tells Telegram where to post. */
export async function startWebhook(
  bot: Telegraf<BotContext>,
  config: Config,
  log: Logger,
  persist: Persist,
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
    await persist('setWebhook', () =>
      bot.telegram.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }),
    );
  } catch (error) {
    if (!shared) await http.close();
    throw error;
  }
  log.info({ bot: bot.botInfo?.username, url }, 'telegram: webhook');
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  return {
    bot,
    done,
    stop: stopOnce(async (reason) => {
      await route.drain(SHUTDOWN_GRACE_MS);
      if (!shared) await http.close();
      log.info({ reason }, 'telegram: webhook stopped');
      stopped();
    }),
  };
}

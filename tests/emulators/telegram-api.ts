/**
 * A local Telegram Bot API on `node:http`, for end-to-end tests of the real telegraf client offline.
 * It keeps the rules a production bot trips over: real long polling, 409 for a second poller, HTML
 * parsed like Telegram (400 on bad markup, 4096-character limit, 1024 for a caption), photo uploads in
 * multipart/form-data (their bytes recorded), 64-byte callback data, webhook
 * delivery with the secret header, and injected errors (429 with `retry_after`, 403).
 *
 * @example
 * const api = await TelegramApiEmulator.start();
 * const bot = new Telegraf('123456:TEST-token-for-emulator', { telegram: { apiRoot: api.apiRoot } });
 * api.pushUpdate({ message: { … } });
 * const sent = await api.waitFor('sendMessage');
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Params = Record<string, unknown>;
export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}
type Outcome = { ok: true; result: unknown } | ({ ok: false } & ApiError);
/** A file sent in a multipart upload. */
export interface UploadedFile {
  /** The form field it came in (`photo`, or the id an `attach://<id>` names). */
  field: string;
  filename: string;
  bytes: Buffer;
}
export interface ApiCall {
  method: string;
  params: Params;
  outcome: Outcome;
  /** Files uploaded with the call (multipart/form-data), by form field. */
  files?: Record<string, UploadedFile>;
}
export interface Update {
  update_id: number;
  [kind: string]: unknown;
}
export interface EmulatorOptions {
  /** Keep every call in `calls` (default); a long run turns this off and reads calls through `watch`. */
  recordCalls?: boolean;
  /** Sent messages kept for edits: past this many, the oldest are forgotten (a long run's memory). */
  maxMessages?: number;
}
/** Sees each call as it is recorded, and each update as the bot confirms it. */
export interface Watcher {
  call?(call: ApiCall): void;
  confirmed?(updateId: number): void;
}
interface StoredMessage {
  text: string;
  html: string;
  markup: string;
  /** For a photo: its bytes (the caption is `text` / `html`). */
  photo?: Buffer;
}

export const MAX_MESSAGE_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;
/** Multipart fields Telegram reads as JSON (everything else in a form is a plain string). */
const JSON_FIELDS = new Set(['reply_markup', 'reply_parameters', 'media', 'caption_entities', 'link_preview_options']);
/** Multipart fields that hold integers, given back as numbers like a JSON body would have them. */
const INTEGER_FIELDS = new Set(['chat_id', 'message_id', 'message_thread_id']);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_INLINE_RESULTS = 50;
/** What getUpdates returns when `allowed_updates` was never set (Telegram leaves out member and reaction updates). */
const DEFAULT_UPDATES = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'my_chat_member',
];

export const BOT_USER = {
  id: 123456,
  is_bot: true as const,
  first_name: 'CyberExport',
  username: 'cyberexport_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
};

class BadRequest extends Error {
  constructor(
    description: string,
    readonly code = 400,
  ) {
    super(description);
  }
}

// ── HTML parse mode, as Telegram reads it ──────────────────────────────────────────────────────────

const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'tg-spoiler']);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function decodeEntity(html: string, at: number): { char: string; end: number } {
  const m = /^&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(html.slice(at, at + 12));
  const code = m?.[1] ? Number(m[1]) : m?.[2] ? Number.parseInt(m[2], 16) : undefined;
  if (m && code !== undefined && code <= 0x10ffff) return { char: String.fromCodePoint(code), end: at + m[0].length };
  const named = m?.[3] ? NAMED_ENTITIES[m[3]] : undefined;
  if (m && named) return { char: named, end: at + m[0].length };
  throw new BadRequest(`Bad Request: can't parse entities: Unsupported HTML entity at byte offset ${bytes(html, at)}`);
}

function bytes(text: string, at: number): number {
  return Buffer.byteLength(text.slice(0, at));
}

function decodeText(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    if (raw[i] === '&') {
      const { char, end } = decodeEntity(raw, i);
      out += char;
      i = end;
    } else out += raw[i++];
  }
  return out;
}

/** Returns the text the user would see; throws a 400 like Telegram on markup it would refuse. */
export function parseTelegramHtml(html: string): string {
  const fail = (what: string, at: number) => {
    throw new BadRequest(`Bad Request: can't parse entities: ${what} at byte offset ${bytes(html, at)}`);
  };
  const open: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === '&') {
      const { char, end } = decodeEntity(html, i);
      text += char;
      i = end;
    } else if (ch !== '<') {
      text += ch;
      i++;
    } else {
      const end = html.indexOf('>', i);
      if (end < 0) fail('Unclosed start tag', i);
      const inner = html.slice(i + 1, end);
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().toLowerCase();
        const expected = open.pop();
        if (expected !== name) fail(`Unmatched end tag "${name}", expected "</${expected ?? ''}>"`, i);
      } else {
        const m = /^([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*$/.exec(inner);
        if (!m) fail('Unsupported start tag', i);
        const name = (m?.[1] ?? '').toLowerCase();
        const attrs = parseAttributes(m?.[2] ?? '');
        const spoilerSpan = name === 'span' && attrs.class === 'tg-spoiler';
        if (!TAGS.has(name) && !spoilerSpan && name !== 'blockquote') fail(`Unsupported start tag "${name}"`, i);
        if (name === 'a' && !attrs.href) fail('Empty href in tag "a"', i);
        open.push(name);
      }
      i = end + 1;
    }
  }
  if (open.length > 0) fail(`Can't find end tag corresponding to start tag "${open[open.length - 1]}"`, html.length);
  return text;
}

function parseAttributes(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[(m[1] as string).toLowerCase()] = decodeText(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

// ── The emulator ───────────────────────────────────────────────────────────────────────────────────

interface Poller {
  offset: number;
  limit: number;
  allowed: string[];
  respond: (updates: Update[]) => void;
}

export class TelegramApiEmulator {
  /** Every API call, in order, with what the bot got back. */
  readonly calls: ApiCall[] = [];
  /** Webhook deliveries and the HTTP status the bot answered. */
  readonly deliveries: { update_id: number; status: number }[] = [];
  private readonly queue: Update[] = [];
  private readonly confirmed = new Set<number>();
  private readonly failures = new Map<string, ApiError[]>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly chatTypes = new Map<number, string>();
  private readonly openQueries = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private poller: Poller | undefined;
  private allowedUpdates: string[] = [];
  private webhook: { url: string; secret: string | undefined } | undefined;
  private delivering = false;
  readonly commands = new Map<string, unknown[]>();
  /** The bot's descriptions set by `setMyDescription` / `setMyShortDescription`, by language code ('' = default). */
  readonly descriptions = new Map<string, { description?: string; short?: string }>();

  private readonly delays = new Map<string, number[]>();
  private readonly watchers = new Set<Watcher>();

  private constructor(
    private readonly server: Server,
    private readonly options: EmulatorOptions,
  ) {}

  static async start(options: EmulatorOptions = {}): Promise<TelegramApiEmulator> {
    const server = createServer();
    const emulator = new TelegramApiEmulator(server, options);
    server.on('request', (req, res) => void emulator.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return emulator;
  }

  /** The `apiRoot` for telegraf (trailing slash included). */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Queues an update (its `update_id` is assigned) and hands it to the poller or the webhook. */
  pushUpdate(update: Omit<Update, 'update_id'>): Update {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update;
    for (const kind of ['message', 'edited_message', 'callback_query'] as const) {
      const payload = full[kind] as {
        chat?: { id: number; type: string };
        message?: { chat: { id: number; type: string } };
      };
      const chat = payload?.chat ?? payload?.message?.chat;
      if (chat) this.chatTypes.set(chat.id, chat.type);
    }
    const query = (full.inline_query ?? full.callback_query) as { id?: string } | undefined;
    if (query?.id) this.openQueries.add(query.id);
    this.queue.push(full);
    this.flush();
    return full;
  }

  /** The next call to `method` answers this error instead (`times` calls in a row). */
  failNext(method: string, error: ApiError, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let n = 0; n < times; n++) list.push(error);
    this.failures.set(method, list);
  }

  /** The next call to `method` is recorded at once but answered only after `ms` (a slow Telegram). */
  delayNext(method: string, ms: number): void {
    const list = this.delays.get(method) ?? [];
    list.push(ms);
    this.delays.set(method, list);
  }

  /** The bytes of the photo a sendPhoto / editMessageMedia call uploaded (undefined when none). */
  photoOf(call: ApiCall): Buffer | undefined {
    const files = call.files ?? {};
    const media = call.params.media as { media?: unknown } | undefined;
    const ref = call.method === 'editMessageMedia' ? media?.media : call.params.photo;
    const name = typeof ref === 'string' && ref.startsWith('attach://') ? ref.slice('attach://'.length) : 'photo';
    return files[name]?.bytes;
  }

  /** Calls `watcher` from now on (a long run reads every call this way, `recordCalls` off). */
  watch(watcher: Watcher): void {
    this.watchers.add(watcher);
  }

  /** Whether a bot holds a long poll open right now. */
  get polling(): boolean {
    return this.poller !== undefined;
  }

  /** Forgets the updates not yet confirmed (a bot that died on one would otherwise get it again). */
  dropPending(): void {
    this.queue.length = 0;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call to `method` (from index `since` of `calls`) that `predicate` accepts. */
  waitFor(method: string, predicate: (call: ApiCall) => boolean = () => true, timeoutMs = 3000, since = 0) {
    return this.until(
      () => this.calls.slice(since).find((c) => c.method === method && predicate(c)),
      timeoutMs,
      `no ${method} call matched`,
    );
  }

  /** Resolves once the bot has confirmed the update (next getUpdates offset, or webhook answered). */
  waitForConfirmed(updateId: number, timeoutMs = 3000): Promise<true> {
    return this.until(() => this.confirmed.has(updateId) || undefined, timeoutMs, `update ${updateId} not confirmed`);
  }

  /** Resolves once a bot holds a long poll open (it is started and waiting for updates). */
  waitForPoller(timeoutMs = 3000): Promise<true> {
    return this.until(() => (this.poller ? true : undefined), timeoutMs, 'no long poll open');
  }

  async close(): Promise<void> {
    this.poller?.respond([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return false;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.listeners.add(listener);
    });
  }

  private record(call: ApiCall): void {
    if (this.options.recordCalls !== false) this.calls.push(call);
    for (const watcher of this.watchers) watcher.call?.(call);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot(\d+:[\w-]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (!m) return send(res, { ok: false, error_code: 404, description: 'Not Found' });
    const method = m[2] as string;
    let params: Params = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    let files: Record<string, UploadedFile> | undefined;
    const type = req.headers['content-type'] ?? '';
    try {
      if (type.startsWith('multipart/form-data')) {
        const form = await readForm(body, type);
        params = { ...params, ...form.params };
        files = form.files;
      } else if (body.length > 0) params = { ...params, ...(JSON.parse(body.toString('utf8')) as Params) };
    } catch {
      return send(res, { ok: false, error_code: 400, description: 'Bad Request: invalid request body' });
    }
    const delay = this.delays.get(method)?.shift();
    const outcome = await this.call(method, params, res, files);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (outcome) send(res, outcome);
  }

  /** Runs one API method; answers undefined when a long poll will answer later. */
  private async call(
    method: string,
    params: Params,
    res?: ServerResponse,
    files: Record<string, UploadedFile> = {},
  ): Promise<Outcome | undefined> {
    const injected = this.failures.get(method)?.shift();
    let outcome: Outcome | undefined;
    if (injected) outcome = { ok: false, ...injected };
    else {
      try {
        const result = method === 'getUpdates' ? this.getUpdates(params, res) : this.run(method, params, files);
        if (result === undefined) return undefined;
        outcome = { ok: true, result };
      } catch (error) {
        const e = error instanceof BadRequest ? error : new BadRequest(String(error), 500);
        outcome = { ok: false, error_code: e.code, description: e.message };
      }
    }
    this.record({ method, params, outcome, ...(Object.keys(files).length > 0 ? { files } : {}) });
    return outcome;
  }

  private run(method: string, p: Params, files: Record<string, UploadedFile> = {}): unknown {
    switch (method) {
      case 'getMe':
        return BOT_USER;
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
        return this.editMessageText(p);
      case 'sendPhoto':
        return this.sendPhoto(p, files);
      case 'editMessageCaption':
        return this.editMessageCaption(p);
      case 'editMessageMedia':
        return this.editMessageMedia(p, files);
      case 'answerCallbackQuery':
      case 'answerInlineQuery':
        return this.answerQuery(method, p);
      case 'setMyCommands':
        return this.setMyCommands(p);
      case 'setMyDescription':
        return this.setDescription(p, 'description', 512);
      case 'setMyShortDescription':
        return this.setDescription(p, 'short', 120);
      case 'getMyCommands':
        return this.commands.get(scopeKey(p)) ?? [];
      case 'setWebhook':
        return this.setWebhook(p);
      case 'deleteWebhook':
        this.webhook = undefined;
        if (p.drop_pending_updates) this.queue.length = 0;
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.queue.length };
      default:
        throw new BadRequest('Not Found', 404);
    }
  }

  private getUpdates(p: Params, res?: ServerResponse): Update[] | undefined {
    if (this.webhook) {
      throw new BadRequest(
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        409,
      );
    }
    if (this.poller) {
      throw new BadRequest(
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
        409,
      );
    }
    const offset = Number(p.offset ?? 0);
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates.map(String);
    if (offset > 0) this.confirm((u) => u.update_id < offset);
    else if (offset < 0) this.confirm((_, i) => i < this.queue.length + offset);
    const limit = Math.min(Math.max(Number(p.limit ?? 100) || 100, 1), 100);
    const ready = this.pending(limit);
    const timeout = Math.min(Number(p.timeout ?? 0), 50);
    if (ready.length > 0 || timeout <= 0 || !res) return ready;
    const timer = setTimeout(() => poller.respond([]), timeout * 1000);
    const poller: Poller = {
      offset,
      limit,
      allowed: this.allowedUpdates,
      respond: (updates) => {
        clearTimeout(timer);
        if (this.poller === poller) this.poller = undefined;
        this.record({ method: 'getUpdates', params: p, outcome: { ok: true, result: updates } });
        if (!res.writableEnded) send(res, { ok: true, result: updates });
      },
    };
    this.poller = poller;
    this.notify();
    // A poller that goes away (telegraf's stop aborts the request) frees the slot.
    res.on('close', () => {
      if (this.poller === poller) {
        clearTimeout(timer);
        this.poller = undefined;
      }
    });
    return undefined;
  }

  private pending(limit: number): Update[] {
    const allowed = this.allowedUpdates;
    const wanted = (u: Update) => (allowed.length > 0 ? allowed : DEFAULT_UPDATES).some((k) => k in u);
    const dropped = this.queue.filter((u) => !wanted(u)).map((u) => u.update_id);
    this.confirm((u) => dropped.includes(u.update_id));
    return this.queue.slice(0, limit);
  }

  private confirm(done: (u: Update, index: number) => boolean): void {
    const keep = this.queue.filter((u, i) => {
      if (!done(u, i)) return true;
      this.confirmed.add(u.update_id);
      for (const watcher of this.watchers) watcher.confirmed?.(u.update_id);
      return false;
    });
    this.queue.splice(0, this.queue.length, ...keep);
    this.notify();
  }

  private flush(): void {
    if (this.webhook) return void this.deliver();
    if (this.poller && this.queue.length > 0) this.poller.respond(this.pending(this.poller.limit));
  }

  /** Posts queued updates to the webhook one at a time, like Telegram (in order, with the secret). */
  private async deliver(): Promise<void> {
    if (this.delivering || !this.webhook) return;
    this.delivering = true;
    try {
      for (let update = this.queue[0]; update && this.webhook; update = this.queue[0]) {
        const { url, secret } = this.webhook;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (secret) headers['x-telegram-bot-api-secret-token'] = secret;
        const status = await fetch(url, { method: 'POST', headers, body: JSON.stringify(update) })
          .then(async (r) => {
            // A webhook may answer with one method call in its body, as Telegram allows.
            const text = await r.text();
            const reply = text ? (JSON.parse(text) as Params) : undefined;
            if (typeof reply?.method === 'string') await this.call(reply.method, reply);
            return r.status;
          })
          .catch(() => 599);
        this.deliveries.push({ update_id: update.update_id, status });
        this.confirm((u) => u.update_id === update.update_id);
        this.notify();
      }
    } finally {
      this.delivering = false;
    }
  }

  private sendMessage(p: Params): unknown {
    if (p.chat_id === undefined || p.chat_id === '') throw new BadRequest('Bad Request: chat_id is empty');
    const chatId = Number(p.chat_id);
    const content = this.content(p);
    const messageId = this.nextMessageId++;
    this.keep(`${chatId}:${messageId}`, content);
    return {
      message_id: messageId,
      from: { id: BOT_USER.id, is_bot: true, first_name: BOT_USER.first_name, username: BOT_USER.username },
      chat: { id: chatId, type: this.chatTypes.get(chatId) ?? 'private' },
      date: Math.floor(Date.now() / 1000),
      text: content.text,
    };
  }

  /** Stores a new message, forgetting the oldest one past `maxMessages`. */
  private keep(key: string, message: StoredMessage): void {
    this.messages.set(key, message);
    if (this.messages.size > (this.options.maxMessages ?? Number.POSITIVE_INFINITY)) {
      this.messages.delete(this.messages.keys().next().value as string);
    }
  }

  private editMessageText(p: Params): unknown {
    const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
    const before = this.messages.get(key);
    if (!before) throw new BadRequest('Bad Request: message to edit not found');
    if (before.photo) throw new BadRequest('Bad Request: there is no text in the message to edit');
    const after = this.content(p);
    if (after.html === before.html && after.markup === before.markup) {
      throw new BadRequest(
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    this.messages.set(key, after);
    return { message_id: Number(p.message_id), chat: { id: Number(p.chat_id) }, text: after.text };
  }

  private sendPhoto(p: Params, files: Record<string, UploadedFile>): unknown {
    if (p.chat_id === undefined || p.chat_id === '') throw new BadRequest('Bad Request: chat_id is empty');
    const chatId = Number(p.chat_id);
    const photo = photoFile(p.photo, files, 'photo');
    const content = { ...this.captioned(p), photo };
    const messageId = this.nextMessageId++;
    this.keep(`${chatId}:${messageId}`, content);
    return {
      message_id: messageId,
      from: { id: BOT_USER.id, is_bot: true, first_name: BOT_USER.first_name, username: BOT_USER.username },
      chat: { id: chatId, type: this.chatTypes.get(chatId) ?? 'private' },
      date: Math.floor(Date.now() / 1000),
      photo: photoSizes(photo, messageId),
      ...(content.text ? { caption: content.text } : {}),
    };
  }

  private editMessageCaption(p: Params): unknown {
    const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
    const before = this.messages.get(key);
    if (!before) throw new BadRequest('Bad Request: message to edit not found');
    if (!before.photo) throw new BadRequest('Bad Request: there is no caption in the message to edit');
    const after = { ...this.captioned(p), photo: before.photo };
    if (after.html === before.html && after.markup === before.markup) {
      throw new BadRequest(
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    this.messages.set(key, after);
    return this.editedPhoto(p, after);
  }

  private editMessageMedia(p: Params, files: Record<string, UploadedFile>): unknown {
    const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
    const before = this.messages.get(key);
    if (!before) throw new BadRequest('Bad Request: message to edit not found');
    const media = p.media as Params | undefined;
    if (!media || typeof media !== 'object') throw new BadRequest('Bad Request: media is empty');
    if (media.type !== 'photo') throw new BadRequest(`Bad Request: unsupported media type "${String(media.type)}"`);
    const photo = photoFile(media.media, files, 'media');
    const after = { ...this.captioned(media), markup: JSON.stringify(p.reply_markup ?? null), photo };
    validateMarkup(p.reply_markup);
    this.messages.set(key, after);
    return this.editedPhoto(p, after);
  }

  private editedPhoto(p: Params, message: StoredMessage): unknown {
    const messageId = Number(p.message_id);
    return {
      message_id: messageId,
      chat: { id: Number(p.chat_id) },
      date: Math.floor(Date.now() / 1000),
      edit_date: Math.floor(Date.now() / 1000),
      photo: photoSizes(message.photo as Buffer, messageId),
      ...(message.text ? { caption: message.text } : {}),
    };
  }

  /** Validates a caption (optional, 1024 characters after parsing) and the keyboard. */
  private captioned(p: Params): StoredMessage {
    const html = typeof p.caption === 'string' ? p.caption : '';
    const text = p.parse_mode === 'HTML' ? parseTelegramHtml(html) : html;
    if (text.length > MAX_CAPTION_LENGTH) throw new BadRequest('Bad Request: message caption is too long');
    validateMarkup(p.reply_markup);
    return { text, html, markup: JSON.stringify(p.reply_markup ?? null) };
  }

  /** Validates text, parse mode and keyboard the way sendMessage / editMessageText do. */
  private content(p: Params): StoredMessage {
    const html = typeof p.text === 'string' ? p.text : '';
    const text = validateText(html, p.parse_mode);
    validateMarkup(p.reply_markup);
    return { text, html, markup: JSON.stringify(p.reply_markup ?? null) };
  }

  private answerQuery(method: string, p: Params): true {
    const id = String(p.callback_query_id ?? p.inline_query_id ?? '');
    if (!this.openQueries.delete(id)) {
      throw new BadRequest('Bad Request: query is too old and response timeout expired or query ID is invalid');
    }
    if (method === 'answerInlineQuery') {
      const results = Array.isArray(p.results) ? (p.results as Params[]) : [];
      if (results.length > MAX_INLINE_RESULTS) throw new BadRequest('Bad Request: RESULTS_TOO_MUCH');
      const ids = new Set(results.map((r) => String(r.id)));
      if (ids.size !== results.length) throw new BadRequest('Bad Request: RESULT_ID_DUPLICATE');
      const button = p.button as Params | undefined;
      if (button !== undefined) {
        if (!button.text) throw new BadRequest('Bad Request: BUTTON_TEXT_INVALID');
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(String(button.start_parameter ?? '')))
          throw new BadRequest('Bad Request: START_PARAM_INVALID');
      }
      for (const r of results) {
        const content = r.input_message_content as Params | undefined;
        if (!content) throw new BadRequest('Bad Request: MESSAGE_EMPTY');
        validateText(String(content.message_text ?? ''), content.parse_mode);
        validateMarkup(r.reply_markup);
      }
    }
    return true;
  }

  /** `setMyDescription` (at most 512 characters) and `setMyShortDescription` (120), per language code. */
  private setDescription(p: Params, which: 'description' | 'short', max: number): true {
    const text = String((which === 'description' ? p.description : p.short_description) ?? '');
    if (text.length > max) throw new BadRequest('Bad Request: description is too long');
    const code = typeof p.language_code === 'string' ? p.language_code : '';
    if (code !== '' && !/^[a-z]{2}$/.test(code)) throw new BadRequest('Bad Request: language code is invalid');
    this.descriptions.set(code, { ...this.descriptions.get(code), [which]: text });
    return true;
  }

  private setMyCommands(p: Params): true {
    const commands = Array.isArray(p.commands) ? (p.commands as Params[]) : [];
    if (commands.length === 0 || commands.length > 100) throw new BadRequest('Bad Request: BOT_COMMANDS_TOO_MUCH');
    for (const c of commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(String(c.command))) throw new BadRequest('Bad Request: BOT_COMMAND_INVALID');
      const d = String(c.description ?? '');
      if (d.length < 1 || d.length > 256) throw new BadRequest('Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
    }
    this.commands.set(scopeKey(p), commands);
    return true;
  }

  private setWebhook(p: Params): true {
    const url = String(p.url ?? '');
    if (!url) return this.run('deleteWebhook', {}) as true;
    const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw new BadRequest('Bad Request: secret token contains unallowed characters');
    }
    this.poller?.respond([]);
    this.webhook = { url, secret };
    if (p.drop_pending_updates) this.queue.length = 0;
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates.map(String);
    void this.deliver();
    return true;
  }
}

function validateText(html: string, parseMode: unknown): string {
  const text = parseMode === 'HTML' ? parseTelegramHtml(html) : html;
  if (text.trim() === '') throw new BadRequest('Bad Request: message text is empty');
  if (text.length > MAX_MESSAGE_LENGTH) throw new BadRequest('Bad Request: message is too long');
  return text;
}

function validateMarkup(markup: unknown): void {
  const rows = (markup as { inline_keyboard?: Params[][] } | undefined)?.inline_keyboard ?? [];
  for (const button of rows.flat()) {
    if (!button.text) throw new BadRequest('Bad Request: BUTTON_TEXT_INVALID');
    if ((button.callback_data === undefined) === (button.url === undefined))
      throw new BadRequest('Bad Request: BUTTON_TYPE_INVALID');
    if (button.url !== undefined && !/^(https?|tg):\/\//.test(String(button.url)))
      throw new BadRequest('Bad Request: BUTTON_URL_INVALID');
    const data = button.callback_data;
    if (
      data !== undefined &&
      (String(data).length === 0 || Buffer.byteLength(String(data)) > MAX_CALLBACK_DATA_BYTES)
    ) {
      throw new BadRequest('Bad Request: BUTTON_DATA_INVALID');
    }
  }
}

/** Reads a multipart/form-data body the way Telegram does: JSON fields parsed, files kept as bytes. */
async function readForm(
  body: Buffer,
  contentType: string,
): Promise<{ params: Params; files: Record<string, UploadedFile> }> {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const params: Params = {};
  const files: Record<string, UploadedFile> = {};
  for (const [field, value] of form.entries()) {
    if (typeof value !== 'string') {
      files[field] = { field, filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) };
      continue;
    }
    if (JSON_FIELDS.has(field)) params[field] = JSON.parse(value);
    else if (INTEGER_FIELDS.has(field) && /^-?\d+$/.test(value)) params[field] = Number(value);
    else params[field] = value;
  }
  return { params, files };
}

/** The uploaded photo a `photo` (or `media`) value names; a PNG is checked for its signature. */
function photoFile(ref: unknown, files: Record<string, UploadedFile>, field: string): Buffer {
  const name = typeof ref === 'string' && ref.startsWith('attach://') ? ref.slice('attach://'.length) : field;
  const file = files[name];
  if (!file) {
    // A file_id or a URL would be fetched by Telegram; the emulator only takes uploads.
    throw new BadRequest(`Bad Request: there is no photo in the request${typeof ref === 'string' ? ` (${ref})` : ''}`);
  }
  if (file.bytes.length === 0) throw new BadRequest('Bad Request: file must be non-empty');
  if (file.filename.toLowerCase().endsWith('.png') && !file.bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new BadRequest('Bad Request: IMAGE_PROCESS_FAILED');
  }
  return file.bytes;
}

/** The `photo` array of a sent message: one size, read from the PNG header when it is one. */
function photoSizes(bytes: Buffer, messageId: number): Params[] {
  const png = bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.length >= 24;
  return [
    {
      file_id: `photo-${messageId}`,
      file_unique_id: `u-photo-${messageId}`,
      width: png ? bytes.readUInt32BE(16) : 1,
      height: png ? bytes.readUInt32BE(20) : 1,
      file_size: bytes.length,
    },
  ];
}

function scopeKey(p: Params): string {
  return `${JSON.stringify(p.scope ?? { type: 'default' })}|${String(p.language_code ?? '')}`;
}

function send(res: ServerResponse, outcome: Outcome): void {
  if (res.writableEnded) return;
  res.writeHead(outcome.ok ? 200 : outcome.error_code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(outcome));
}

/**
 * A local Discord: gateway (`ws`) and REST (`node:http`) on one loopback port, enough for the real
 * discord.js client to log in, receive interactions and messages, and answer them. Every REST call is
 * recorded, and message payloads are checked against Discord's limits (400 like Discord when broken).
 * Uploads come as multipart/form-data (`payload_json` + `files[n]`): the payload is recorded as the
 * body, the files as `attachments`. Discord's bad days are on demand: `fail` (a REST status, such as
 * 500 on `gatewayBot`), `refuseIdentify` (a login closed with 4004 or 4014), `closeGateway` (a
 * running bot dropped).
 *
 * Sharding as Discord does it: `/gateway/bot` recommends `shards` (option, default 1); each connection
 * IDENTIFYs with `shard: [id, count]` (none: `[0, 1]`; an id not below the count is closed with 4010)
 * and gets READY and GUILD_CREATE for the servers it owns, `(guild_id >> 22) % count`. Each event goes
 * to the connection owning its server; events without one (DMs) to shard 0. `addGuild(shard, count)`
 * makes a server that a given shard owns.
 *
 * @example
 * const fake = await DiscordFake.start();
 * new Client({ rest: { api: fake.apiUrl }, intents }).login('any-token');
 * const { id } = fake.command('allowed', { country: 'Morocco' });
 * const call = await fake.waitFor(fake.callbackOf(id));
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface RecordedCall {
  method: string;
  /** The path as sent, URL-encoded parts included (`/api/v10/webhooks/…/messages/%40original`). */
  path: string;
  query: URLSearchParams;
  // biome-ignore lint/suspicious/noExplicitAny: JSON as the client sent it
  body: any;
  status: number;
  /** Discord's error body when the fake refused the call. */
  error?: unknown;
  /** Files uploaded with the call (multipart), in order. */
  attachments?: UploadedAttachment[];
}

export interface UploadedAttachment {
  /** The form field (`files[0]`). */
  field: string;
  name: string;
  bytes: Buffer;
  contentType: string;
}

export type CallPredicate = (call: RecordedCall) => boolean;

export interface FakeOptions {
  /** Keep every call in `calls` (default); a long run turns this off and reads calls through `watch`. */
  recordCalls?: boolean;
  /** The shard count `/gateway/bot` recommends (default 1). */
  shards?: number;
  /** `session_start_limit.max_concurrency` of `/gateway/bot`: shards that may IDENTIFY together (default 1). */
  maxConcurrency?: number;
}

/** A server the bot is in, with its one text channel. */
export interface FakeGuild {
  id: string;
  channelId: string;
}

/** One gateway connection once it has IDENTIFYed: its shard and its own sequence numbers. */
interface Session {
  shard: number;
  count: number;
  sequence: number;
}

interface Failure {
  match: CallPredicate;
  status: number;
  times: number;
}

interface Waiter {
  match: CallPredicate;
  resolve: (call: RecordedCall) => void;
}

type Json = Record<string, unknown>;

export interface UserInit {
  id?: string;
  username?: string;
  bot?: boolean;
}

const EPOCH = 1420070400000n;
const STATUS_TEXT: Record<number, string> = { 401: '401: Unauthorized', 403: 'Missing Access', 404: '404: Not Found' };
/** Discord's limits on what a bot sends (messages, embeds, components, commands). */
export const DISCORD_MAX = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  rows: 5,
  rowItems: 5,
  customId: 100,
  label: 80,
  choices: 25,
  choiceName: 100,
  commandName: 32,
  commandDescription: 100,
} as const;

/** The errors Discord would report for a message payload (empty when valid). */
export function messageErrors(data: Json | undefined): string[] {
  if (!data) return [];
  const errors: string[] = [];
  const content = typeof data.content === 'string' ? data.content : '';
  if (content.length > DISCORD_MAX.content) errors.push(`content: must be ${DISCORD_MAX.content} or fewer in length`);
  const embeds = (data.embeds ?? []) as Json[];
  if (embeds.length > DISCORD_MAX.embeds) errors.push('embeds: too many');
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const title = String(e.title ?? '');
    const description = String(e.description ?? '');
    const footer = String((e.footer as Json | undefined)?.text ?? '');
    const fields = (e.fields ?? []) as Json[];
    if (title.length > DISCORD_MAX.title) errors.push(`embeds.${i}.title: too long`);
    if (description.length > DISCORD_MAX.description) errors.push(`embeds.${i}.description: too long`);
    if (footer.length > DISCORD_MAX.footer) errors.push(`embeds.${i}.footer.text: too long`);
    if (fields.length > DISCORD_MAX.fields) errors.push(`embeds.${i}.fields: too many`);
    total += title.length + description.length + footer.length;
    for (const [j, f] of fields.entries()) {
      const name = String(f.name ?? '');
      const value = String(f.value ?? '');
      if (!name || name.length > DISCORD_MAX.fieldName) errors.push(`embeds.${i}.fields.${j}.name: empty or too long`);
      if (!value || value.length > DISCORD_MAX.fieldValue)
        errors.push(`embeds.${i}.fields.${j}.value: empty or too long`);
      total += name.length + value.length;
    }
  }
  if (total > DISCORD_MAX.embedTotal) errors.push(`embeds: total length ${total} exceeds ${DISCORD_MAX.embedTotal}`);
  const rows = (data.components ?? []) as Json[];
  if (rows.length > DISCORD_MAX.rows) errors.push('components: too many rows');
  for (const [i, row] of rows.entries()) {
    const items = (row.components ?? []) as Json[];
    if (items.length > DISCORD_MAX.rowItems) errors.push(`components.${i}: too many items`);
    for (const [j, item] of items.entries()) {
      const id = item.custom_id;
      if (item.style !== 5 && (typeof id !== 'string' || !id || id.length > DISCORD_MAX.customId)) {
        errors.push(`components.${i}.components.${j}.custom_id: missing or longer than ${DISCORD_MAX.customId}`);
      }
      if (typeof item.label === 'string' && item.label.length > DISCORD_MAX.label)
        errors.push(`components.${i}.${j}.label`);
    }
  }
  return errors;
}

/** The errors for embeds that show an `attachment://name` image no file of the request carries. */
export function attachmentErrors(data: Json | undefined, files: readonly UploadedAttachment[]): string[] {
  const errors: string[] = [];
  const names = new Set(files.map((f) => f.name));
  for (const [i, e] of ((data?.embeds ?? []) as Json[]).entries()) {
    for (const kind of ['image', 'thumbnail'] as const) {
      const url = String((e[kind] as Json | undefined)?.url ?? '');
      if (url.startsWith('attachment://') && !names.has(url.slice('attachment://'.length))) {
        errors.push(`embeds.${i}.${kind}.url: no attached file named ${url.slice('attachment://'.length)}`);
      }
    }
  }
  for (const file of files) if (file.bytes.length === 0) errors.push(`${file.field}: empty file`);
  return errors;
}

function choicesErrors(choices: Json[] | undefined, where: string): string[] {
  const errors: string[] = [];
  if (!choices) return errors;
  if (choices.length > DISCORD_MAX.choices) errors.push(`${where}choices: must be ${DISCORD_MAX.choices} or fewer`);
  for (const [i, c] of choices.entries()) {
    const name = String(c.name ?? '');
    if (!name || name.length > DISCORD_MAX.choiceName)
      errors.push(`${where}choices.${i}.name: 1-${DISCORD_MAX.choiceName} chars`);
    if (typeof c.value === 'string' && c.value.length > DISCORD_MAX.choiceName)
      errors.push(`${where}choices.${i}.value`);
  }
  return errors;
}

/** The errors Discord would report for a bulk command registration. */
export function commandErrors(commands: Json[]): string[] {
  const errors: string[] = [];
  const nameOk = (n: unknown) => typeof n === 'string' && /^[-_\p{Ll}\p{N}]{1,32}$/u.test(n);
  const describedOk = (d: unknown) =>
    typeof d === 'string' && d.length >= 1 && d.length <= DISCORD_MAX.commandDescription;
  for (const [i, c] of commands.entries()) {
    if (!nameOk(c.name)) errors.push(`${i}.name: invalid`);
    if (!describedOk(c.description)) errors.push(`${i}.description: 1-100 chars`);
    for (const d of Object.values((c.description_localizations ?? {}) as Json)) {
      if (!describedOk(d)) errors.push(`${i}.description_localizations: 1-100 chars`);
    }
    const options = (c.options ?? []) as Json[];
    if (options.length > 25) errors.push(`${i}.options: too many`);
    let optional = false;
    for (const [j, o] of options.entries()) {
      if (!nameOk(o.name)) errors.push(`${i}.options.${j}.name: invalid`);
      if (!describedOk(o.description)) errors.push(`${i}.options.${j}.description: 1-100 chars`);
      if (o.required && optional) errors.push(`${i}.options.${j}: required options must come first`);
      if (!o.required) optional = true;
      if (o.autocomplete && o.choices) errors.push(`${i}.options.${j}: autocomplete and choices are exclusive`);
      errors.push(...choicesErrors(o.choices as Json[] | undefined, `${i}.options.${j}.`));
    }
  }
  return errors;
}

export class DiscordFake {
  readonly calls: RecordedCall[] = [];
  readonly applicationId: string;
  readonly botUser: Json;
  readonly guildId: string;
  readonly channelId: string;
  readonly dmChannelId: string;
  readonly user: Json;
  /** Commands registered by the last PUT, globally and per guild. */
  readonly commands = new Map<string, Json[]>();
  private readonly sockets = new Set<WebSocket>();
  private readonly sessions = new Map<WebSocket, Session>();
  /** Every server the bot is in, the default one first. */
  private readonly guilds: FakeGuild[] = [];
  private readonly failures: Failure[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly acknowledged = new Set<string>();
  private readonly channelOfToken = new Map<string, string>();
  /** Close codes for the next IDENTIFYs, one each: Discord refusing a login. */
  private readonly identifyRefusals: number[] = [];
  private readonly watchers = new Set<(call: RecordedCall) => void>();
  private counter = 0n;
  private port = 0;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    private readonly options: FakeOptions,
  ) {
    this.applicationId = this.snowflake();
    this.botUser = {
      id: this.applicationId,
      username: 'cyberexport',
      discriminator: '0',
      global_name: 'Cyberexport',
      avatar: null,
      bot: true,
    };
    this.guildId = this.snowflake();
    this.channelId = this.snowflake();
    this.guilds.push({ id: this.guildId, channelId: this.channelId });
    this.dmChannelId = this.snowflake();
    this.user = { id: this.snowflake(), username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null };
  }

  static async start(options: FakeOptions = {}): Promise<DiscordFake> {
    const http = createServer();
    const wss = new WebSocketServer({ noServer: true });
    const fake = new DiscordFake(http, wss, options);
    http.on('request', (req, res) => void fake.onRequest(req, res));
    http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws)));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    fake.port = (http.address() as AddressInfo).port;
    return fake;
  }

  /** What to pass as `rest.api` (or DISCORD_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  snowflake(): string {
    this.counter += 1n;
    return String(((BigInt(Date.now()) - EPOCH) << 22n) + this.counter);
  }

  /** An id that shard `shard` of `count` owns: its timestamp part, `id >> 22`, is `shard` modulo `count`. */
  snowflakeOwnedBy(shard: number, count: number): string {
    this.counter += 1n;
    const now = BigInt(Date.now()) - EPOCH;
    const n = BigInt(count);
    const timestamp = now - (now % n) + BigInt(shard);
    return String((timestamp << 22n) + this.counter);
  }

  /** The shard of `count` that Discord sends a server's events to; shard 0 for events without one (DMs). */
  static shardOf(guildId: string | undefined, count: number): number {
    return guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  /**
   * The bot joins a new server, owned by shard `shard` of `count`: the connection of that shard (if
   * any) gets its GUILD_CREATE at once, as Discord sends one when a bot is added to a server.
   */
  addGuild(shard = 0, count = 1): FakeGuild {
    const guild = { id: this.snowflakeOwnedBy(shard, count), channelId: this.snowflake() };
    this.guilds.push(guild);
    for (const [ws, session] of this.sessions) {
      if (this.owns(session, guild.id)) this.send(ws, 'GUILD_CREATE', this.guildCreate(guild));
    }
    return guild;
  }

  /** The shards connected now, as `[id, count]`, in the order they IDENTIFYed. */
  get connectedShards(): [number, number][] {
    return [...this.sessions.values()].map((s) => [s.shard, s.count]);
  }

  // ── Test controls ────────────────────────────────────────────────────────────

  /** Calls `watcher` with each REST call as it is answered (a long run reads calls this way). */
  watch(watcher: (call: RecordedCall) => void): void {
    this.watchers.add(watcher);
  }

  /** Makes the next `times` calls matching `match` answer `status` (500 by default). */
  fail(match: CallPredicate, options: { status?: number; times?: number } = {}): void {
    this.failures.push({ match, status: options.status ?? 500, times: options.times ?? 1 });
  }

  /** Closes every gateway connection with `code`, as Discord does when it drops a bot (4004: token revoked). */
  closeGateway(code: number, reason = ''): void {
    for (const ws of this.sockets) ws.close(code, reason);
  }

  /** The next `times` IDENTIFYs are answered by closing the connection with `code` (4004, 4014…). */
  refuseIdentify(code: number, times = 1): void {
    for (let i = 0; i < times; i++) this.identifyRefusals.push(code);
  }

  /** A user other than Alice, for conversations with several people in one channel. */
  newUser(username: string): Json {
    return { id: this.snowflake(), username, discriminator: '0', global_name: username, avatar: null };
  }

  /** Matches the request for the gateway URL, the first call of every login. */
  readonly gatewayBot: CallPredicate = (c) => c.method === 'GET' && c.path === '/api/v10/gateway/bot';

  /** The first call (already made or still to come) matching `match`. */
  waitFor(match: CallPredicate, timeoutMs = 5000): Promise<RecordedCall> {
    const done = this.calls.find(match);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching Discord call within ${timeoutMs} ms; calls so far:\n${this.describeCalls()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Matches the interaction callbacks of interaction `id` (reply, defer, update, autocomplete). */
  callbackOf(id: string): CallPredicate {
    return (c) => c.method === 'POST' && c.path.startsWith(`/api/v10/interactions/${id}/`);
  }

  /** Matches the edit of the original reply of the interaction with `token`. */
  editOf(token: string): CallPredicate {
    return (c) =>
      c.method === 'PATCH' && c.path.startsWith(`/api/v10/webhooks/${this.applicationId}/${token}/messages/`);
  }

  /** Matches the follow-ups of the interaction with `token`. */
  followUpOf(token: string): CallPredicate {
    return (c) => c.method === 'POST' && c.path === `/api/v10/webhooks/${this.applicationId}/${token}`;
  }

  /** Matches a channel message that replies to message `id`. */
  replyTo(id: string): CallPredicate {
    return (c) =>
      c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path) && c.body?.message_reference?.message_id === id;
  }

  describeCalls(): string {
    return this.calls.map((c) => `  ${c.method} ${c.path} → ${c.status}`).join('\n');
  }

  // ── Events sent to the bot ───────────────────────────────────────────────────

  /** Dispatches a gateway event to the connections whose shard owns its server (`d.guild_id`), as Discord routes it. */
  dispatch(t: string, d: unknown): void {
    const guildId = (d as Json | undefined)?.guild_id;
    for (const [ws, session] of this.sessions) {
      if (this.owns(session, typeof guildId === 'string' ? guildId : undefined)) this.send(ws, t, d);
    }
  }

  /** Dispatches an interaction; returns its id and token. */
  interaction(
    type: number,
    data: Json,
    options: { locale?: string; dm?: boolean; message?: Json; user?: Json; guild?: FakeGuild } = {},
  ): { id: string; token: string } {
    const id = this.snowflake();
    const token = `itoken-${id}`;
    const user = options.user ?? this.user;
    const guild = options.guild ?? { id: this.guildId, channelId: this.channelId };
    const channelId = options.dm ? this.dmChannelId : guild.channelId;
    this.channelOfToken.set(token, channelId);
    const place = options.dm
      ? { user, channel: { id: channelId, type: 1, recipients: [user] }, context: 1 }
      : {
          guild_id: guild.id,
          guild_locale: 'en-US',
          member: {
            user,
            roles: [],
            joined_at: new Date(0).toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
            permissions: '2248473465835073',
          },
          channel: { id: channelId, type: 0, guild_id: guild.id, name: 'general' },
          context: 0,
        };
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: options.locale ?? 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: options.dm ? { '1': user.id } : { '0': guild.id },
      attachment_size_limit: 10485760,
      channel_id: channelId,
      ...place,
      ...(options.message ? { message: options.message } : {}),
    });
    return { id, token };
  }

  /** A slash command, with its options as name → value (strings and booleans). */
  command(
    name: string,
    args: Record<string, string | boolean> = {},
    options: { locale?: string; dm?: boolean; user?: Json; guild?: FakeGuild } = {},
  ) {
    const data = {
      id: this.snowflake(),
      name,
      type: 1,
      options: Object.entries(args).map(([key, value]) => ({
        name: key,
        type: typeof value === 'boolean' ? 5 : 3,
        value,
      })),
    };
    return this.interaction(2, data, options);
  }

  /** An autocomplete request for `focused` with the text typed so far. */
  autocomplete(name: string, focused: string, value: string, options: { locale?: string } = {}) {
    const data = { id: this.snowflake(), name, type: 1, options: [{ name: focused, type: 3, value, focused: true }] };
    return this.interaction(4, data, options);
  }

  /** A click on the button `customId` of `message` (a message the bot sent, as the fake returned it). */
  click(customId: string, message: Json, options: { locale?: string; user?: Json } = {}) {
    return this.interaction(3, { custom_id: customId, component_type: 2 }, { ...options, message });
  }

  /** A message posted by `author` (Alice by default), in a server's channel (the default one) or in a DM. */
  message(
    content: string,
    options: { dm?: boolean; mentionBot?: boolean; author?: Json; guild?: FakeGuild } = {},
  ): { id: string } {
    const id = this.snowflake();
    const author = options.author ?? this.user;
    const mentions = options.mentionBot ? [this.botUser] : [];
    const guild = options.guild ?? { id: this.guildId, channelId: this.channelId };
    this.dispatch('MESSAGE_CREATE', {
      id,
      type: 0,
      channel_id: options.dm ? this.dmChannelId : guild.channelId,
      channel_type: options.dm ? 1 : 0,
      ...(options.dm
        ? {}
        : {
            guild_id: guild.id,
            member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
          }),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: /@(everyone|here)/.test(content),
      mentions,
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
    });
    return { id };
  }

  /** The message object Discord returns for a sent message (also usable in `click`). */
  messageObject(channelId: string, body: Json | undefined, files: readonly UploadedAttachment[] = []): Json {
    return {
      id: this.snowflake(),
      type: body?.message_reference ? 19 : 0,
      channel_id: channelId,
      author: this.botUser,
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: files.map((file) => {
        const id = this.snowflake();
        const url = `https://cdn.discordapp.test/attachments/${channelId}/${id}/${file.name}`;
        return {
          id,
          filename: file.name,
          size: file.bytes.length,
          url,
          proxy_url: url,
          content_type: file.contentType,
        };
      }),
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      pinned: false,
      flags: body?.flags ?? 0,
    };
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) this.waiters.delete(waiter);
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ── Gateway ──────────────────────────────────────────────────────────────────

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.sessions.delete(ws);
    });
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Json };
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11, d: null }));
      if (frame.op === 2) {
        const refusal = this.identifyRefusals.shift();
        if (refusal === undefined) this.identify(ws, frame.d);
        else ws.close(refusal, 'refused');
      }
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 } }));
  }

  private owns(session: Session, guildId: string | undefined): boolean {
    return DiscordFake.shardOf(guildId, session.count) === session.shard;
  }

  private send(ws: WebSocket, t: string, d: unknown): void {
    const session = this.sessions.get(ws);
    if (!session) return;
    session.sequence += 1;
    ws.send(JSON.stringify({ op: 0, t, s: session.sequence, d }));
  }

  private identify(ws: WebSocket, d: Json | undefined): void {
    const [shard, count] = Array.isArray(d?.shard) ? (d.shard as unknown[]) : [0, 1];
    if (
      !Number.isInteger(shard) ||
      !Number.isInteger(count) ||
      (shard as number) < 0 ||
      (shard as number) >= (count as number)
    ) {
      ws.close(4010, 'Invalid shard');
      return;
    }
    const session: Session = { shard: shard as number, count: count as number, sequence: 0 };
    this.sessions.set(ws, session);
    const owned = this.guilds.filter((g) => this.owns(session, g.id));
    this.send(ws, 'READY', {
      v: 10,
      user: this.botUser,
      guilds: owned.map((g) => ({ id: g.id, unavailable: true })),
      session_id: `session-${this.port}-${session.shard}`,
      resume_gateway_url: this.gatewayUrl,
      shard: [session.shard, session.count],
      application: { id: this.applicationId, flags: 0 },
    });
    for (const guild of owned) this.send(ws, 'GUILD_CREATE', this.guildCreate(guild));
    // The client's first heartbeat waits a random jitter: ask for one now.
    ws.send(JSON.stringify({ op: 1, d: null }));
  }

  private guildCreate(guild: FakeGuild): Json {
    return {
      id: guild.id,
      name: 'Test server',
      icon: null,
      owner_id: this.user.id,
      preferred_locale: 'en-US',
      features: [],
      roles: [],
      emojis: [],
      stickers: [],
      members: [],
      presences: [],
      voice_states: [],
      threads: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      member_count: 2,
      large: false,
      unavailable: false,
      joined_at: new Date(0).toISOString(),
      channels: [
        {
          id: guild.channelId,
          type: 0,
          guild_id: guild.id,
          name: 'general',
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
        },
      ],
    };
  }

  // ── REST ─────────────────────────────────────────────────────────────────────

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    let body: unknown;
    let attachments: UploadedAttachment[] | undefined;
    try {
      if (type.startsWith('multipart/form-data')) ({ body, attachments } = await readMultipart(raw, type));
      else body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = raw.toString('utf8');
    }
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body,
      status: 0,
      ...(attachments ? { attachments } : {}),
    };
    const failure = this.failures.find((f) => f.times > 0 && f.match(call));
    let status: number;
    let reply: unknown;
    if (failure) {
      failure.times -= 1;
      [status, reply] = [failure.status, { message: STATUS_TEXT[failure.status] ?? 'Internal Server Error', code: 0 }];
    } else {
      [status, reply] = this.route(call);
    }
    call.status = status;
    if (status >= 400) call.error = reply;
    if (this.options.recordCalls !== false) this.calls.push(call);
    for (const watcher of this.watchers) watcher(call);
    if (status === 204) res.writeHead(204).end();
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    for (const waiter of this.waiters) {
      if (waiter.match(call)) {
        this.waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }

  private route(call: RecordedCall): [number, unknown] {
    const { method, path } = call;
    const body = call.body as Json | undefined;
    const invalid = (errors: string[]): [number, unknown] => [
      400,
      { code: 50035, message: 'Invalid Form Body', errors },
    ];
    const v = '/api/v10';
    if (method === 'GET' && path === `${v}/gateway/bot`) {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: this.options.shards ?? 1,
          session_start_limit: {
            total: 1000,
            remaining: 1000,
            reset_after: 0,
            max_concurrency: this.options.maxConcurrency ?? 1,
          },
        },
      ];
    }
    if (method === 'GET' && path === `${v}/applications/@me`) {
      return [200, { id: this.applicationId, name: 'cyberexport', bot: this.botUser, flags: 0 }];
    }
    const commands = path.match(/^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (method === 'PUT' && commands) {
      const list = (Array.isArray(body) ? body : []) as Json[];
      const errors = commandErrors(list);
      if (errors.length > 0) return invalid(errors);
      const registered = list.map((c) => ({ ...c, id: this.snowflake(), application_id: commands[1], version: '1' }));
      this.commands.set(commands[2] ?? 'global', registered);
      return [200, registered];
    }
    if (method === 'GET' && commands) return [200, this.commands.get(commands[2] ?? 'global') ?? []];
    const callback = path.match(/^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (method === 'POST' && callback) {
      const id = callback[1] as string;
      if (this.acknowledged.has(id))
        return [400, { code: 40060, message: 'Interaction has already been acknowledged.' }];
      const data = body?.data as Json | undefined;
      const errors =
        body?.type === 8
          ? choicesErrors(data?.choices as Json[] | undefined, 'data.')
          : [...messageErrors(data), ...attachmentErrors(data, call.attachments ?? [])];
      if (errors.length > 0) return invalid(errors);
      this.acknowledged.add(id);
      return [204, undefined];
    }
    const webhook = path.match(/^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/);
    const files = call.attachments ?? [];
    if (webhook && (method === 'PATCH' || method === 'POST')) {
      const errors = [...messageErrors(body), ...attachmentErrors(body, files)];
      if (errors.length > 0) return invalid(errors);
      const channelId = this.channelOfToken.get(webhook[2] as string);
      if (!channelId) return [404, { code: 10015, message: 'Unknown Webhook' }];
      return [200, this.messageObject(channelId, body, files)];
    }
    const channel = path.match(/^\/api\/v10\/channels\/(\d+)\/messages$/);
    if (method === 'POST' && channel) {
      const errors = [...messageErrors(body), ...attachmentErrors(body, files)];
      if (errors.length > 0) return invalid(errors);
      return [200, this.messageObject(channel[1] as string, body, files)];
    }
    return [404, { code: 0, message: '404: Not Found' }];
  }
}

/** A multipart body as discord.js sends it: the JSON in `payload_json`, the files in `files[n]`. */
async function readMultipart(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; attachments: UploadedAttachment[] }> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const json = form.get('payload_json');
  const attachments: UploadedAttachment[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    attachments.push({
      field,
      name: value.name,
      bytes: Buffer.from(await value.arrayBuffer()),
      contentType: value.type,
    });
  }
  return { body: typeof json === 'string' ? JSON.parse(json) : undefined, attachments };
}

/**
 * One fuzz run: the real bot process between the Telegram emulator and the Discord fake, fed a seeded
 * stream of hostile updates, `concurrency` at a time, every outgoing call checked, crashes restarted.
 *
 * @example
 * const summary = await runFuzz({ updates: 2000, seed: 1, concurrency: 16 });
 * summary.invalid.total; // invalid outgoing calls
 */
import { DiscordFake } from '../emulators/discord-fake.js';
import { TelegramApiEmulator } from '../emulators/telegram-api.js';
import { type BotEnvironment, BotProcess, type Exit, type LogEntry } from './bot-process.js';
import { CrashLog, type CrashReport } from './crashes.js';
import { Generator } from './generator.js';
import { type DiscordInteractionInput, type DiscordMessageInput, type FuzzInput, type Json, laneOf } from './inputs.js';
import { type Findings, Ledger, type Tally, type Verdict } from './ledger.js';
import { send } from './send.js';
import { StallProbe, type Stalls } from './stalls.js';

export interface FuzzOptions {
  updates: number;
  seed: number;
  /** Updates in flight at once (sent and not answered, or waiting for their chat). */
  concurrency: number;
  /** The bot's RATE_LIMIT_PER_MINUTE and RATE_LIMIT_INLINE_PER_MINUTE. */
  ratePerMinute?: number;
  inlineRatePerMinute?: number;
  /** Where progress lines go (the CLI: stderr). */
  progress?: (line: string) => void;
  /** After the run, replay each kind of crash's suspects alone to a fresh bot to find the culprit (default true). */
  reproduce?: boolean;
}

export interface FuzzSummary {
  seed: number;
  concurrency: number;
  sent: number;
  sentByKind: Record<string, number>;
  verdicts: Partial<Record<Verdict, number>>;
  invalid: { total: number; byRule: Record<string, Tally> };
  lost: { total: number; byKind: Record<string, Tally> };
  unexpected: { total: number; byKind: Record<string, Tally> };
  crashes: CrashReport;
  rssKb: { start?: number; milestone: number; afterMilestone?: number; end?: number; ratio?: number };
  stalls: Stalls;
  /** Warnings and errors the bot logged about an input, by message, with the inputs behind them. */
  botErrors: { total: number; byMessage: Record<string, Tally> };
  /** Everything the bot logged at warn and above (every process of the run), by message. */
  botLog: Record<string, number>;
  /** The bot's own counters from /metrics, since its last start. */
  botMetrics: { rateLimited?: number; errors?: number };
  /** Errors in the fuzzer itself (a bug here, not in the bot). */
  fuzzerErrors: string[];
  durationMs: number;
}

/** Messages the Telegram emulator keeps for edits; older buttons are not pressed. */
const KEEP_TELEGRAM_MESSAGES = 1000;
const SWEEP_MS = 200;
const PROGRESS_MS = 5000;
const MILESTONE = 10_000;
const RESTART_TRIES = 3;
const EPHEMERAL = 64;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const total = (tallies: Record<string, Tally>) => Object.values(tallies).reduce((n, t) => n + t.count, 0);

/** Sums Prometheus lines of one metric. */
function metricSum(text: string | undefined, name: string): number | undefined {
  if (!text) return undefined;
  const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?)$`, 'gm'))];
  return values.reduce((n, m) => n + Number(m[1]), 0);
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const api = await TelegramApiEmulator.start({ recordCalls: false, maxMessages: KEEP_TELEGRAM_MESSAGES });
  const fake = await DiscordFake.start({ recordCalls: false });
  const env: BotEnvironment = {
    telegramApiRoot: api.apiRoot,
    discordApiUrl: fake.apiUrl,
    ratePerMinute: options.ratePerMinute ?? 60,
    inlineRatePerMinute: options.inlineRatePerMinute ?? 120,
  };
  const generator = new Generator(options.seed, {
    discordBot: fake.botUser,
    keepTelegramMessages: KEEP_TELEGRAM_MESSAGES,
  });
  const fuzzerErrors: string[] = [];
  const safely = (work: () => void) => {
    try {
      work();
    } catch (error) {
      if (fuzzerErrors.length < 10) fuzzerErrors.push((error as Error).stack ?? String(error));
    }
  };

  // The loop sleeps until a slot frees, the bot is back, or the sweeper ticks.
  let wake = () => {};
  const changed = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });

  /** A message of the bot's with buttons, filed to press them later, as Discord would hand it back. */
  const noteDiscord = (input: DiscordInteractionInput | DiscordMessageInput, message: Json) => {
    const rows = (message.components ?? []) as Json[];
    const customIds = rows.flatMap((row) => ((row.components ?? []) as Json[]).map((c) => c.custom_id));
    const ids = customIds.filter((id): id is string => typeof id === 'string');
    const clickedEphemeral = input.event === 'interaction' && (Number(input.message?.flags ?? 0) & EPHEMERAL) !== 0;
    const ephemeral = (Number(message.flags ?? 0) & EPHEMERAL) !== 0 || clickedEphemeral;
    const object = fake.messageObject(input.dm ? fake.dmChannelId : fake.channelId, message);
    generator.discord.noteSent({
      message: object,
      customIds: ids,
      dm: input.dm,
      viewer: ephemeral ? input.author : undefined,
    });
  };

  const ledger = new Ledger(generator.telegram.chatIds(), {
    released: () => wake(),
    telegramSent: (call) => generator.telegram.noteSent(call),
    discordSent: noteDiscord,
  });
  api.watch({
    call: (call) => safely(() => ledger.telegramCall(call)),
    confirmed: (id) => safely(() => ledger.telegramConfirmed(id)),
  });
  fake.watch((call) => safely(() => ledger.discordCall(call)));

  const sentByKind: Record<string, number> = {};
  const waiting: FuzzInput[] = [];
  const crashes = new CrashLog();
  const botLog = new Map<string, number>();
  const milestone = Math.min(MILESTONE, Math.ceil(options.updates / 10));
  const rssKb: FuzzSummary['rssKb'] = { milestone };
  let sent = 0;
  let fatal: Error | undefined;
  let up = false;
  let bot: BotProcess | undefined;

  const onLog = (entry: LogEntry) => safely(() => ledger.botLogged(entry));
  const keepLog = (child: BotProcess) => {
    for (const [message, n] of child.logged) botLog.set(message, (botLog.get(message) ?? 0) + n);
  };

  const dispatch = (input: FuzzInput) => {
    sent += 1;
    ledger.sent(input, send(input, api, fake));
    if (sent === milestone) rssKb.afterMilestone = bot?.rssKb();
  };

  /** Sends what may go: the bot is up and the input's chat has nothing in flight. */
  const pump = () => {
    if (!up) return;
    for (let i = 0; i < waiting.length; ) {
      const input = waiting[i] as FuzzInput;
      const lane = laneOf(input);
      if (lane && ledger.laneBusy(lane)) i++;
      else {
        waiting.splice(i, 1);
        dispatch(input);
      }
    }
  };

  const restart = async (dead: BotProcess, exit: Exit) => {
    up = false;
    crashes.record({ exit, stderr: dead.lastErrors(), inProgress: ledger.inProgress(), afterUpdates: sent });
    keepLog(dead);
    ledger.interruptAll();
    // Telegram would hand the update that killed the bot to the next process, which would die too.
    api.dropPending();
    for (let tries = 0; !fatal && tries < RESTART_TRIES; tries++) {
      // The dead process's long poll must be gone, or the new one gets 409 Conflict.
      for (let waited = 0; api.polling && waited < 5000; waited += 50) await sleep(50);
      try {
        bot = await BotProcess.start(env, onLog);
        watch(bot);
        up = true;
        wake();
        return;
      } catch (failure) {
        if (tries === RESTART_TRIES - 1) fatal = failure as Error;
      }
    }
    wake();
  };

  const watch = (child: BotProcess) => {
    void child.exited.then((exit) => {
      if (!child.stopped) void restart(child, exit);
    });
  };

  const sweeper = setInterval(() => {
    safely(() => ledger.sweep());
    wake();
  }, SWEEP_MS);
  const probe = new StallProbe(
    () => (up ? bot : undefined),
    () => ledger.inProgress(),
  );
  let lastProgress = Date.now();
  const progress = () => {
    if (!options.progress || Date.now() - lastProgress < PROGRESS_MS) return;
    lastProgress = Date.now();
    const rate = Math.round(sent / ((Date.now() - started) / 1000));
    options.progress(`fuzz: ${sent}/${options.updates} updates sent (${rate}/s), ${crashes.total} crashes`);
  };

  try {
    bot = await BotProcess.start(env, onLog);
    watch(bot);
    up = true;
    rssKb.start = bot.rssKb();
    let generated = 0;
    while (generated < options.updates && !fatal) {
      if (!up || waiting.length + ledger.occupied >= options.concurrency) {
        await changed();
        pump();
        progress();
        continue;
      }
      const input = generator.next();
      generated += 1;
      sentByKind[input.kind] = (sentByKind[input.kind] ?? 0) + 1;
      waiting.push(input);
      pump();
    }
    // Until every input has its verdict, and a bot is up (not halfway through a restart).
    while ((waiting.length > 0 || !ledger.settled || !up) && !fatal) {
      await changed();
      pump();
      progress();
    }
    if (fatal) throw fatal;
    rssKb.end = bot.rssKb();
    if (rssKb.end !== undefined && rssKb.afterMilestone) rssKb.ratio = rssKb.end / rssKb.afterMilestone;
    const metrics = await bot.metrics();
    const findings: Findings = ledger.findings();
    const stalls = await probe.stop();
    await bot.stop();
    keepLog(bot);
    const culprits = options.reproduce === false ? {} : await crashes.culprits(env, options.progress);
    return {
      seed: options.seed,
      concurrency: options.concurrency,
      sent,
      sentByKind,
      verdicts: findings.verdicts,
      invalid: { total: total(findings.invalid), byRule: findings.invalid },
      lost: { total: total(findings.lost), byKind: findings.lost },
      unexpected: { total: total(findings.unexpected), byKind: findings.unexpected },
      botErrors: { total: total(findings.botErrors), byMessage: findings.botErrors },
      crashes: { ...crashes.report(), culprits },
      rssKb,
      stalls,
      botLog: Object.fromEntries([...botLog].sort((a, b) => b[1] - a[1])),
      botMetrics: {
        rateLimited: metricSum(metrics, 'cyberexport_rate_limited_total'),
        errors: metricSum(metrics, 'cyberexport_errors_total'),
      },
      fuzzerErrors,
      durationMs: Date.now() - started,
    };
  } finally {
    clearInterval(sweeper);
    await probe.stop();
    if (bot && !bot.stopped) await bot.stop();
    await Promise.all([api.close(), fake.close()]);
  }
}

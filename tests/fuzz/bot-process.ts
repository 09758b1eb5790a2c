/**
 * The real bot, from the sources (`node --import tsx src/main.ts`, as `npm run dev` runs it), in a child
 * process pointed at the emulators: started, watched (exit, logs, resident memory), restarted after a
 * crash, stopped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, sleep } from '../support/ports.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
/** Lines of stderr kept to explain a crash. */
const TAIL_LINES = 40;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A line the bot logged (JSON, warn and above), with the ids of what it was handling. */
export interface LogEntry {
  level: number;
  msg?: string;
  err?: { message?: string };
  updateId?: number;
  interactionId?: string;
  messageId?: string;
}

export interface BotEnvironment {
  telegramApiRoot: string;
  discordApiUrl: string;
  ratePerMinute: number;
  inlineRatePerMinute: number;
}

export class BotProcess {
  /** What the bot logged at warn and above, by message. */
  readonly logged = new Map<string, number>();
  readonly exited: Promise<Exit>;
  private readonly stderr: string[] = [];
  private stopping = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly onLog: (entry: LogEntry) => void,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.read(child.stdout, (line) => this.log(line));
    this.read(child.stderr, (line) => {
      this.stderr.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
      if (this.stderr.length > TAIL_LINES) this.stderr.shift();
    });
  }

  /** Starts the bot and resolves once /readyz says both adapters are connected; `onLog` sees each log line. */
  static async start(env: BotEnvironment, onLog: (entry: LogEntry) => void = () => {}): Promise<BotProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: '123456:TEST-token-for-emulator',
        TELEGRAM_API_ROOT: env.telegramApiRoot,
        TELEGRAM_WEBHOOK_URL: '',
        TELEGRAM_WEBHOOK_SECRET: '',
        DISCORD_TOKEN: 'fuzz-token',
        DISCORD_API_URL: env.discordApiUrl,
        DISCORD_GUILD_ID: '',
        DISCORD_SHARDS: '',
        CACHE_URL: '',
        HTTP_PORT: String(port),
        RATE_LIMIT_PER_MINUTE: String(env.ratePerMinute),
        RATE_LIMIT_INLINE_PER_MINUTE: String(env.inlineRatePerMinute),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const bot = new BotProcess(child, port, onLog);
    await bot.ready();
    return bot;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resident memory in kB (VmRSS), undefined once the process is gone. */
  rssKb(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      return kb === undefined ? undefined : Number(kb);
    } catch {
      return undefined;
    }
  }

  /** The last lines the bot wrote to stderr (a crash's stack), oldest first. */
  lastErrors(): string[] {
    return [...this.stderr];
  }

  /** Whether the exit was asked for (`stop`) rather than a crash. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** SIGTERM, as a service manager would; SIGKILL if it does not exit in time. */
  async stop(): Promise<Exit> {
    this.stopping = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** How long /healthz takes to answer, in ms: long when the bot's event loop is blocked. */
  async healthMs(): Promise<number | undefined> {
    const started = performance.now();
    try {
      const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
      await res.arrayBuffer();
      return performance.now() - started;
    } catch {
      return undefined;
    }
  }

  /** Reads /metrics (Prometheus text), or undefined when the bot does not answer. */
  async metrics(): Promise<string | undefined> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.port}/metrics`);
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  }

  private async ready(): Promise<void> {
    let gone = false;
    void this.exited.then(() => {
      gone = true;
    });
    const until = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < until && !gone) {
      const status = await fetch(`http://127.0.0.1:${this.port}/readyz`).then(
        (res) => res.status,
        () => 0,
      );
      if (status === 200) return;
      await sleep(100);
    }
    if (!gone) this.child.kill('SIGKILL');
    throw new Error(`the bot did not get ready:\n${this.stderr.join('\n')}`);
  }

  private read(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) if (line.trim()) onLine(line);
    });
  }

  /** Counts a log line (JSON, warn and above) by its message and error, and hands it to `onLog`. */
  private log(line: string): void {
    let message = line;
    try {
      const entry = JSON.parse(line) as LogEntry;
      message = [entry.msg, entry.err?.message].filter(Boolean).join(': ');
      this.onLog(entry);
    } catch {
      // Not JSON (a stray print): counted as it is.
    }
    const key = message.slice(0, 160);
    this.logged.set(key, (this.logged.get(key) ?? 0) + 1);
  }
}

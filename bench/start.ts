/**
 * `npx tsx bench/start.ts [--runs 9] [--json] [--command "npm start"]`: how fast the production start
 * command answers, and how much memory it holds then.
 *
 * - startMs: from spawning the command, with "Is Morocco allowed?" piped in, to the first answer on
 *   stdout (median of the runs): the terminal chat, as a new user or a script meets it.
 * - rssMb: resident memory of the bot's node process right after that first answer (median);
 *   rssTreeMb adds every process the command started (npm, sh, tsx's parent) when there are several.
 * - platformsRssMb: resident memory with Telegram and Discord both connected (to the emulators in
 *   tests/emulators) after one question answered on each.
 *
 * The default command is the documented production command, `node dist/main.js`; the build is brought
 * up to date first, and not counted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../tests/support/ports.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const QUESTION = 'Is Morocco allowed?\n';
const TIMEOUT_MS = 60_000;
/** Variables that would start a platform or change what the chat does: cleared for the chat runs. */
const NEUTRAL_ENV = {
  TELEGRAM_BOT_TOKEN: '',
  DISCORD_TOKEN: '',
  HTTP_PORT: '',
  CACHE_URL: '',
  LOG_LEVEL: 'warn',
};

export interface StartFigures {
  command: string;
  runs: number;
  /** Spawn to first answer, median, ms. */
  startMs: number;
  startMinMs: number;
  startMaxMs: number;
  /** RSS of the bot's node process after the first answer, median, MB. */
  rssMb: number;
  /** RSS of every process the command started, median, MB. */
  rssTreeMb: number;
  /** RSS with both platforms connected, after one answer on each, MB. */
  platformsRssMb?: number;
  /** Spawn to exit of `node -e 0`, median, ms: what the machine takes to start node at all, for scale. */
  nodeBaselineMs: number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Resident memory of one process in kB, 0 once it is gone. */
function rssKb(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? 0 : Number(kb);
  } catch {
    return 0;
  }
}

/** `pid` and every process below it, from /proc (Linux). */
function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the parent pid is the 2nd field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const children = parents.get(ppid) ?? [];
      children.push(Number(entry));
      parents.set(ppid, children);
    } catch {
      // gone meanwhile
    }
  }
  const tree: number[] = [];
  const visit = (p: number) => {
    tree.push(p);
    for (const child of parents.get(p) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

/** Whether a process runs node (not npm's sh, not tsx's esbuild service). */
function isNode(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node';
  } catch {
    return false;
  }
}

/** The bot's memory: the largest node process of the tree (npm → sh → node, or node alone), and the whole tree. */
function memoryOf(pid: number): { rssMb: number; rssTreeMb: number } {
  const tree = processTree(pid);
  const sizes = tree.map((p) => ({ kb: rssKb(p), node: isNode(p) }));
  const bot = Math.max(0, ...sizes.filter((s) => s.node).map((s) => s.kb));
  return { rssMb: round(bot / 1024), rssTreeMb: round(sizes.reduce((sum, s) => sum + s.kb, 0) / 1024) };
}

function launch(command: string, env: Record<string, string>): ChildProcess {
  // detached: its own process group, so that the whole tree (npm's children too) can be ended.
  return spawn(command, {
    cwd: ROOT,
    shell: true,
    detached: true,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

/** One run: spawn, pipe the question, wait for the answer (it names Morocco, ends with a blank line), measure. */
async function oneRun(command: string): Promise<{ ms: number; rssMb: number; rssTreeMb: number }> {
  const started = performance.now();
  const child = launch(command, NEUTRAL_ENV);
  // The question is waiting in the pipe from the start, as with `echo … | npm start`; stdin stays open
  // so that the process is still alive when its memory is read.
  child.stdin?.write(QUESTION);
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  try {
    const ms = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // The answer is written in one piece; npm's own banner comes before it.
        if (/Morocco[\s\S]*\n\n/.test(out)) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${command} exited (${code}) before answering:\n${err.slice(-2000)}`));
      });
    });
    return { ms, ...memoryOf(child.pid ?? 0) };
  } finally {
    child.stdin?.end();
    await end(child);
  }
}

/** Both platforms connected to the emulators, one question answered on each, then the memory. */
async function platformsRss(command: string): Promise<number> {
  const { TelegramApiEmulator } = await import('../tests/emulators/telegram-api.js');
  const { DiscordFake } = await import('../tests/emulators/discord-fake.js');
  const api = await TelegramApiEmulator.start({ recordCalls: true });
  const fake = await DiscordFake.start();
  const port = await freePort();
  const child = launch(command, {
    ...NEUTRAL_ENV,
    TELEGRAM_BOT_TOKEN: '123456:TEST-token-for-emulator',
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_WEBHOOK_URL: '',
    TELEGRAM_WEBHOOK_SECRET: '',
    DISCORD_TOKEN: 'bench-token',
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: '',
    DISCORD_SHARDS: '',
    HTTP_PORT: String(port),
  });
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}) before it was ready`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (res) => res.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error('the bot was not ready in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const alice = { id: 1001, is_bot: false, first_name: 'Alice', language_code: 'en' };
    const since = api.calls.length;
    api.pushUpdate({
      message: {
        message_id: 1,
        date: 1,
        chat: { id: alice.id, type: 'private' },
        from: alice,
        text: 'Is Morocco allowed?',
      },
    });
    await api.waitFor('sendMessage', (call) => call.params.chat_id === alice.id, 10_000, since);
    const { id } = fake.message('Is Morocco allowed?', { dm: true });
    await fake.waitFor(fake.replyTo(id), 10_000);
    return memoryOf(child.pid ?? 0).rssMb;
  } finally {
    await end(child);
    await Promise.all([api.close(), fake.close()]);
  }
}

/** Spawn to exit of `node -e 0`: the floor under any start time on this machine, at this moment. */
async function nodeBaseline(): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('exit', () => resolve());
    child.once('error', reject);
  });
  return performance.now() - started;
}

/** Brings dist/ up to date (not timed): the production command runs the build's output. */
export async function ensureBuilt(): Promise<void> {
  const { ensureBuilt: build } = (await import(new URL('../scripts/build.mjs', import.meta.url).href)) as {
    ensureBuilt: () => Promise<boolean>;
  };
  await build();
}

export const PRODUCTION_COMMAND = 'node dist/main.js';

export async function benchStart(
  options: { runs?: number; command?: string; platforms?: boolean } = {},
): Promise<StartFigures> {
  const command = options.command ?? PRODUCTION_COMMAND;
  if (command === PRODUCTION_COMMAND) await ensureBuilt();
  const runs = options.runs ?? 9;
  await oneRun(command); // warm-up: the file system cache, as on a machine that ran it before
  const results = [];
  const baseline: number[] = [];
  // Alternated, so that both see the same load on a shared machine.
  for (let i = 0; i < runs; i++) {
    results.push(await oneRun(command));
    baseline.push(await nodeBaseline());
  }
  const times = results.map((r) => r.ms);
  return {
    command,
    runs,
    startMs: round(median(times)),
    startMinMs: round(Math.min(...times)),
    startMaxMs: round(Math.max(...times)),
    rssMb: median(results.map((r) => r.rssMb)),
    rssTreeMb: median(results.map((r) => r.rssTreeMb)),
    nodeBaselineMs: round(median(baseline)),
    ...(options.platforms === false ? {} : { platformsRssMb: await platformsRss(command) }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      json: { type: 'boolean' },
      command: { type: 'string' },
      'no-platforms': { type: 'boolean' },
    },
  });
  const figures = await benchStart({
    runs: values.runs ? Number(values.runs) : undefined,
    command: values.command,
    platforms: !values['no-platforms'],
  });
  process.stdout.write(values.json ? `${JSON.stringify(figures)}\n` : `${JSON.stringify(figures, null, 2)}\n`);
  process.exit(0);
}

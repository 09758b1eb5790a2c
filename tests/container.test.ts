/**
 * The container image and the service unit (issue 12). No container engine runs on the development
 * machines or in CI, so the image is not built here: this test runs the Dockerfile's own instructions,
 * read from the file, in a temporary folder (one folder per stage standing for its file system, the
 * commands run by this machine's node and npm instead of the image's), then starts the image's CMD
 * as the engine would and runs its HEALTHCHECK. A linter checks the Dockerfile, systemd the unit.
 *
 * The same run also plays a new user's fresh clone: in the build stage (sources and every
 * dependency, no dist/), `npm start` builds on demand and reads `.env`.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from 'dockerfile-utils';
import { afterAll, describe, expect, test } from 'vitest';
import { TelegramApiEmulator } from './emulators/telegram-api.js';
import { freePort, sleep } from './support/ports.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** The Dockerfile's instructions: comments dropped, continued lines joined. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  let start = 0;
  for (const [i, raw] of text.split('\n').entries()) {
    if (pending === '' && (raw.trim() === '' || raw.trimStart().startsWith('#'))) continue;
    if (pending === '') start = i + 1;
    if (raw.endsWith('\\')) {
      pending += `${raw.slice(0, -1)} `;
      continue;
    }
    const whole = (pending + raw).trim();
    pending = '';
    const keyword = whole.split(/\s+/)[0] ?? '';
    out.push({ keyword: keyword.toUpperCase(), args: whole.slice(keyword.length).trim(), line: start });
  }
  return out;
}

/** An exec-form argument list (`["node", "dist/main.js"]`). */
function execForm(args: string, line: number): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string'))
    throw new Error(`Dockerfile line ${line}: expected the exec form ["…", "…"]`);
  return parsed;
}

interface Stage {
  name: string | undefined;
  image: string;
  /** The folder standing for the stage's file system root. */
  root: string;
  workdir: string;
  env: Map<string, string>;
  user: string | undefined;
  healthcheck: string[] | undefined;
  cmd: string[] | undefined;
}

/** A path of the stage's file system, in the folder that stands for it. */
const inStage = (stage: Stage, path: string) =>
  join(stage.root, path.startsWith('/') ? path : join(stage.workdir, path));

/** .dockerignore: a path is left out when it or a folder above it matches a pattern (`*` within a name). */
function ignored(patterns: readonly RegExp[], path: string): boolean {
  const parts = path.split('/');
  return parts.some((_, i) => patterns.some((p) => p.test(parts.slice(0, i + 1).join('/'))));
}

/** The build context: the repository as the engine sends it, less what .dockerignore leaves out. */
function copyContext(to: string): void {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => new RegExp(`^${l.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (ignored(patterns, path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        mkdirSync(join(to, dir), { recursive: true });
        cpSync(join(ROOT, path), join(to, path));
      }
    }
  };
  walk('');
}

function sh(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  input = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('sh', ['-c', command], { cwd, env, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/** The machine's tools (node, npm, their cache), none of this process's settings: as in a fresh container. */
function machineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'npm_config_cache']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

function baseEnv(stage: Stage): NodeJS.ProcessEnv {
  return { ...machineEnv(), ...Object.fromEntries(stage.env) };
}

/** Runs each instruction of the Dockerfile; returns the stages, the last being the image. */
async function runDockerfile(workspace: string): Promise<Stage[]> {
  const context = join(workspace, 'context');
  copyContext(context);
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  for (const { keyword, args, line } of instructions(DOCKERFILE)) {
    const where = `Dockerfile line ${line} (${keyword})`;
    if (keyword === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stage = {
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        image,
        root: join(workspace, `stage-${stages.length}`),
        workdir: '/',
        env: new Map(),
        user: undefined,
        healthcheck: undefined,
        cmd: undefined,
      };
      mkdirSync(stage.root, { recursive: true });
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`${where}: before any FROM`);
    switch (keyword) {
      case 'WORKDIR':
        stage.workdir = args;
        mkdirSync(inStage(stage, '.'), { recursive: true });
        break;
      case 'ENV':
        for (const pair of args.split(/\s+/)) {
          const [key = '', value = ''] = pair.split('=');
          stage.env.set(key, value);
        }
        break;
      case 'COPY': {
        const words = args.split(/\s+/);
        const from = words[0]?.startsWith('--from=') ? words.shift()?.slice('--from='.length) : undefined;
        const dest = words.pop() ?? '';
        const source = from === undefined ? undefined : stages.find((s) => s.name === from);
        if (from !== undefined && !source) throw new Error(`${where}: no stage named ${from}`);
        const into = inStage(stage, dest);
        for (const src of words) {
          const path = source ? inStage(source, src) : join(context, src);
          if (!existsSync(path)) throw new Error(`${where}: ${src} does not exist`);
          if (statSync(path).isDirectory()) {
            // A folder's contents go into the destination folder ("COPY . .", "COPY --from=build /app/dist ./dist").
            cpSync(path, into, { recursive: true });
          } else if (dest.endsWith('/') || words.length > 1) {
            mkdirSync(into, { recursive: true });
            cpSync(path, join(into, basename(path)));
          } else {
            mkdirSync(dirname(into), { recursive: true });
            cpSync(path, into);
          }
        }
        break;
      }
      case 'RUN': {
        const { code, stdout, stderr } = await sh(args, inStage(stage, '.'), baseEnv(stage));
        if (code !== 0)
          throw new Error(`${where}: ${args} exited ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`);
        break;
      }
      case 'USER':
        stage.user = args;
        break;
      case 'EXPOSE':
        break;
      case 'HEALTHCHECK': {
        const at = args.indexOf('CMD ');
        if (at < 0) throw new Error(`${where}: expected HEALTHCHECK [options] CMD [...]`);
        stage.healthcheck = execForm(args.slice(at + 4).trim(), line);
        break;
      }
      case 'CMD':
        stage.cmd = execForm(args, line);
        break;
      default:
        throw new Error(`${where}: this test does not run ${keyword} yet: teach it how`);
    }
  }
  return stages;
}

const workspace = mkdtempSync(join(tmpdir(), 'cyberexport-image-'));
// Two installs of node_modules: removing them takes a while on a busy machine.
afterAll(() => rm(workspace, { recursive: true, force: true }), 300_000);

describe('the container image', () => {
  test('the Dockerfile passes the linter', () => {
    const problems = validate(DOCKERFILE).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  test('its steps build an image whose CMD serves /healthz, answers, and stops cleanly on SIGTERM; a fresh clone runs with npm start and .env', async () => {
    const stages = await runDockerfile(workspace);
    const image = stages.at(-1) as Stage;
    const build = stages[0] as Stage;
    expect(stages.map((s) => s.image)).toEqual(['node:20-slim', 'node:20-slim']);

    // The image: production dependencies and the build only, run by a user that is not root.
    const app = inStage(image, '.');
    expect(image.user).toBe('node');
    expect(existsSync(join(app, 'dist/main.js'))).toBe(true);
    expect(existsSync(join(app, 'dist/knowledge.json'))).toBe(true);
    expect(existsSync(join(app, 'dist/data/export-list.json'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/discord.js'))).toBe(true);
    for (const absent of ['src', 'node_modules/typescript', 'node_modules/tsx', 'node_modules/vitest'])
      expect(existsSync(join(app, absent)), absent).toBe(false);
    // node itself is the process the engine signals: no npm or shell in between.
    expect(image.cmd?.[0]).toBe('node');

    const api = await TelegramApiEmulator.start();
    const port = await freePort();
    const env = {
      ...baseEnv(image),
      HTTP_PORT: String(port),
      TELEGRAM_BOT_TOKEN: '123456:TEST-token-for-emulator',
      TELEGRAM_API_ROOT: api.apiRoot,
      LOG_LEVEL: 'info',
    };
    const [command = '', ...args] = image.cmd ?? [];
    const bot: ChildProcess = spawn(command, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let logs = '';
    bot.stdout?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    bot.stderr?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    try {
      // The HEALTHCHECK, as the engine runs it, until it passes (the bot starts within seconds).
      const [check = '', ...checkArgs] = image.healthcheck ?? [];
      let healthy = false;
      for (let i = 0; i < 150 && !healthy && bot.exitCode === null; i++) {
        const quoted = [check, ...checkArgs].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
        healthy = (await sh(quoted, app, env)).code === 0;
        if (!healthy) await sleep(200);
      }
      expect(healthy, logs).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      const alice = { id: 1001, is_bot: false, first_name: 'Alice', language_code: 'en' };
      api.pushUpdate({
        message: {
          message_id: 1,
          date: 1,
          chat: { id: 1001, type: 'private' },
          from: alice,
          text: 'Is Morocco allowed?',
        },
      });
      const reply = await api.waitFor('sendMessage', (call) => call.params.chat_id === alice.id, 10_000);
      expect(String(reply.params.text)).toMatch(/Morocco/);

      bot.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(logs).toMatch(/stopped/);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
      await api.close();
    }

    // A fresh clone: the build stage holds the sources and every dependency; without dist/, npm start
    // builds it, and reads .env from the folder, where a variable set in the environment wins.
    const clone = inStage(build, '.');
    rmSync(join(clone, 'dist'), { recursive: true, force: true });
    writeFileSync(join(clone, '.env'), 'TELEGRAM_BOT_TOKEN=not-a-token\n');
    const user = machineEnv();
    const refused = await sh('npm start', clone, user);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/building dist\//);
    expect(refused.stderr).toMatch(/TELEGRAM_BOT_TOKEN: expected a bot token/);
    const chat = await sh('npm start --silent', clone, { ...user, TELEGRAM_BOT_TOKEN: '' }, 'Is Morocco allowed?\n');
    expect(chat.code).toBe(0);
    expect(chat.stderr).not.toMatch(/building/);
    expect(chat.stdout).toMatch(/^🇲🇦 Morocco — .*off Israel.s list/);
  }, 600_000);
});

describe('the systemd unit', () => {
  // systemd is part of the machines' Debian; elsewhere there is nothing to check the unit with.
  const verify = existsSync('/usr/bin/systemd-analyze');
  test.skipIf(!verify)('systemd-analyze verify finds nothing to say about deploy/cyberexport-bot.service', async () => {
    const { code, stdout, stderr } = await sh(
      'systemd-analyze verify deploy/cyberexport-bot.service',
      ROOT,
      process.env as NodeJS.ProcessEnv,
    );
    expect(`${stdout}${stderr}`).toBe('');
    expect(code).toBe(0);
  });
});

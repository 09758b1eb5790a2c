/**
 * The production build (issue 12): what `npm run build` writes to dist/ and what `node dist/main.js`
 * does with it. Built once here, into a folder of its own inside the repository (so that the compiled
 * modules find node_modules as dist/ does), and removed afterwards.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, `.dist-test-${process.pid}`);
const ENV_PRELOAD = join(ROOT, 'scripts/env.mjs');

interface BuildScript {
  build(root?: string, dist?: string): Promise<void>;
  fingerprint(root?: string): string;
  isFresh(root?: string, out?: string): boolean;
  ensureBuilt(root?: string): Promise<boolean>;
}
const script = (await import(new URL('../scripts/build.mjs', import.meta.url).href)) as BuildScript;

/** Settings a developer's shell may hold: cleared, so that each test says what it sets. */
const CLEAN_ENV = { TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '', HTTP_PORT: '', CACHE_URL: '', LOG_LEVEL: 'warn' };

function run(
  args: string[],
  options: { input?: string; cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      args,
      { cwd: options.cwd ?? ROOT, env: options.env ?? { ...process.env, ...CLEAN_ENV }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

beforeAll(async () => {
  await script.build(ROOT, OUT);
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('npm run build', () => {
  test('the knowledge snapshot is data/ exactly as load.ts loads and validates it, but for the model', () => {
    const snapshot: unknown = JSON.parse(readFileSync(join(OUT, 'knowledge.json'), 'utf8'));
    // The model is read from its binary file; the corpus it was trained on is left out (fresh model).
    const { nluModel, ...knowledge } = loadKnowledge();
    expect(nluModel?.inputs).toBe(knowledge.nluInputs);
    expect(snapshot).toEqual({ ...knowledge, nlu: [] });
    expect(readFileSync(join(OUT, 'data/nlu/model.bin')).equals(readFileSync(join(ROOT, 'data/nlu/model.bin')))).toBe(
      true,
    );
  });

  test('the built terminal chat answers a piped question', async () => {
    const { code, stdout } = await run([join(OUT, 'main.js')], { input: 'Is Morocco allowed?\n' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^🇲🇦 Morocco — .*off Israel.s list/);
  });

  test('the built terminal chat loads no zod, logger, metrics, cache store, HTTP server, platform client or map renderer', async () => {
    // A module hook that names every module as it loads (ESM and the entry of each CommonJS package).
    const hooks = join(OUT, 'trace-hooks.mjs');
    writeFileSync(
      hooks,
      'export async function load(url, context, next) { process.stderr.write("LOADED " + url + "\\n"); return next(url, context); }\n',
    );
    const register = join(OUT, 'trace.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
    );
    const { code, stdout, stderr } = await run(['--import', register, join(OUT, 'main.js')], {
      input: 'Is Morocco allowed?\n',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Morocco');
    const loaded = [...stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1] ?? '');
    // The bundle and its chunks, from the build's folder: no TypeScript source, no tsx.
    expect(loaded).toContain(`file://${join(OUT, 'main.js')}`);
    expect(
      loaded.filter(
        (url) => url.startsWith('file://') && !url.startsWith(`file://${OUT}/`) && !url.includes('/node_modules/'),
      ),
    ).toEqual([]);
    const heavy = [
      'zod',
      'pino',
      'prom-client',
      'keyv',
      '@keyv/redis',
      'discord.js',
      'telegraf',
      '@resvg/resvg-js',
      'd3-geo',
      'topojson-client',
      'piscina',
      'i18n-iso-countries',
    ];
    const packages = new Set(loaded.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]));
    expect(heavy.filter((name) => packages.has(name))).toEqual([]);
    expect(loaded.filter((url) => url === 'node:http')).toEqual([]);
  });

  test('a build that lost its model file stops with a message saying so, not on the first question', async () => {
    const model = join(OUT, 'data/nlu/model.bin');
    renameSync(model, `${model}.away`);
    try {
      const { code, stdout, stderr } = await run([join(OUT, 'main.js')], { input: 'Is Morocco allowed?\n' });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/model\.bin is missing or damaged: run npm run build again/);
    } finally {
      renameSync(`${model}.away`, model);
    }
  });

  test('a value in .env reaches the configuration; a variable set in the environment wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cyberexport-env-'));
    try {
      writeFileSync(join(dir, '.env'), '# a bad token\nTELEGRAM_BOT_TOKEN=not-a-token\n');
      const env: Record<string, string | undefined> = { ...process.env, ...CLEAN_ENV };
      delete env.TELEGRAM_BOT_TOKEN;
      // As `npm start` runs: .env read from the current folder first (scripts/env.mjs), then the build.
      const args = ['--import', ENV_PRELOAD, join(OUT, 'main.js')];
      const refused = await run(args, { cwd: dir, env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/invalid environment:\n\s+TELEGRAM_BOT_TOKEN: expected a bot token/);
      // Set (even empty) in the environment: .env does not override it, so the terminal chat opens.
      const chat = await run(args, {
        cwd: dir,
        env: { ...env, TELEGRAM_BOT_TOKEN: '' },
        input: 'Is Morocco allowed?\n',
      });
      expect(chat.code).toBe(0);
      expect(chat.stdout).toMatch(/^🇲🇦 Morocco/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('when npm start builds: the fingerprint of the inputs says whether dist/ is stale', () => {
  test('the fingerprint changes when a source file changes, is added or removed, and not otherwise', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cyberexport-fingerprint-'));
    try {
      mkdirSync(join(root, 'src'));
      mkdirSync(join(root, 'data'));
      writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
      writeFileSync(join(root, 'data/x.json'), '{}\n');
      const first = script.fingerprint(root);
      expect(script.fingerprint(root)).toBe(first);
      writeFileSync(join(root, 'src/a.ts'), 'export const a = 2;\n');
      utimesSync(join(root, 'src/a.ts'), new Date(2030, 0, 1), new Date(2030, 0, 1));
      const edited = script.fingerprint(root);
      expect(edited).not.toBe(first);
      writeFileSync(join(root, 'data/y.json'), '{}\n');
      const added = script.fingerprint(root);
      expect(added).not.toBe(edited);
      rmSync(join(root, 'data/y.json'));
      expect(script.fingerprint(root)).toBe(edited);
      // A file outside the inputs (tests, notes) does not call for a build.
      writeFileSync(join(root, 'notes.txt'), 'x');
      expect(script.fingerprint(root)).toBe(edited);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('the build is fresh for the sources it was built from', () => {
    expect(script.isFresh(ROOT, OUT)).toBe(true);
  });

  test('a copy with no sources (a container image) takes its dist/ as it is: nothing is built', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cyberexport-image-'));
    try {
      expect(await script.ensureBuilt(root)).toBe(false);
      expect(existsSync(join(root, 'dist'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('files beside the code (src/paths.ts)', () => {
  test('from the sources they are found even when a loader adds a query to the module URL (tsx in a worker thread)', async () => {
    const { tsImport } = await import('tsx/esm/api');
    // tsImport loads the module under a namespace: its URL ends in "paths.ts?tsx-namespace=…".
    const paths = (await tsImport('../src/paths.ts', import.meta.url)) as typeof import('../src/paths.js');
    expect(paths.BUILT).toBe(false);
    expect(existsSync(paths.atRoot('locales/en'))).toBe(true);
  });
});

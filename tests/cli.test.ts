/**
 * The command line as a user runs it: `npm run ask` and `npm start` without a token.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const TSX = ['--import', 'tsx'];
const env = { ...process.env, TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '' };

function spawnWithInput(args: string[], input: string): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...TSX, ...args],
      { env, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ stdout, code: error ? (error.code as number) : 0 });
      },
    );
    child.stdin?.end(input);
  });
}

describe('npm run ask', () => {
  test('prints an answer as text', async () => {
    const { stdout } = await run(process.execPath, [...TSX, 'src/cli/ask.ts', 'Is Morocco allowed?'], { env });
    expect(stdout).toMatch(/^🇲🇦 Morocco — .*off Israel.s list since Nov 2021/m);
    // The short answer names its sources; `sources` after it lists their links.
    expect(stdout).toMatch(/\nSources: \S/);
  });

  test('--json prints the answer contract, --lang decides when the text cannot', async () => {
    const { stdout } = await run(process.execPath, [...TSX, 'src/cli/ask.ts', '--json', '--lang', 'fr', '🇲🇦'], { env });
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ lang: 'fr', intent: 'country_status', topic: null });
    expect(answer.countries).toEqual([{ code: 'MA', name: 'Maroc', flag: '🇲🇦', status: 'removed', matched: '🇲🇦' }]);
    expect(answer.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('--batch prints exactly one JSON line per input line, in order, empty and bad lines included', async () => {
    const lines = [
      'Is Morocco allowed?',
      '',
      'Que s’est-il passé avec NSO ?',
      '\u0000\u0007<script>',
      'x'.repeat(100_000),
      '/nso apple',
    ];
    const { stdout, code } = await spawnWithInput(['src/cli/ask.ts', '--batch'], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    const out = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    expect(out.map((a) => a.intent)).toEqual(['country_status', 'help', 'nso', 'unknown', expect.any(String), 'nso']);
    // 100 KB of one letter is no question: the help or the out-of-scope reply, never an answer about something.
    expect(['help', 'unknown']).toContain(out[4].intent);
    expect(out[2].lang).toBe('fr');
    expect(out[5].topic).toBe('apple_lawsuit');
  });

  test('--batch is stateless: "why?" on its own line is not about the line before', async () => {
    const { stdout } = await spawnWithInput(['src/cli/ask.ts', '--batch'], 'Is Morocco allowed?\nwhy?\n');
    const [, why] = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(why.countries).toEqual([]);
  });

  test('--batch --conversation reads the lines as the turns of one conversation', async () => {
    const turns = [
      'Is Morocco allowed?',
      'why?',
      '',
      'and Mexico?',
      'en français ?',
      'Congo',
      '2',
      'forget it',
      'since when?',
    ];
    const { stdout, code } = await spawnWithInput(
      ['src/cli/ask.ts', '--json', '--batch', '--conversation'],
      `${turns.join('\n')}\n`,
    );
    expect(code).toBe(0);
    const out = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(turns.length);
    expect(out[1].countries.map((c: { code: string }) => c.code)).toEqual(['MA']);
    expect(out[1].text).toContain('Amnesty');
    expect(out[2].intent).toBe('help');
    expect(out[3].countries.map((c: { code: string }) => c.code)).toEqual(['MX']);
    expect(out[4]).toMatchObject({ lang: 'fr', intent: 'country_status' });
    expect(out[5].choices.map((c: { code: string }) => c.code)).toEqual(['CG', 'CD']);
    expect(out[6].countries.map((c: { code: string }) => c.code)).toEqual(['CD']);
    expect(out[7]).toMatchObject({ intent: 'help', title: "I've forgotten our conversation." });
    expect(out[8].countries).toEqual([]);
  });

  test('a bad flag gets a usage message and exit code 2', async () => {
    const { code } = await spawnWithInput(['src/cli/ask.ts', '--lang', 'de', 'hi'], '');
    expect(code).toBe(2);
  });
});

describe('npm start without a token', () => {
  test('answers piped questions one a line and exits at the end of input', async () => {
    const { stdout, code } = await spawnWithInput(['src/main.ts'], 'Is India allowed?\nQuels pays ont été retirés ?\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^🇮🇳 India — .*on Israel.s list/m);
    expect(stdout).toContain('des 65 pays retirés');
  });

  test('keeps the conversation like a chat: a follow-up and a numbered choice', async () => {
    const { stdout } = await spawnWithInput(['src/main.ts'], 'Is Morocco allowed?\nwhy?\nCongo\n1\n');
    expect(stdout).toContain('Amnesty International or Citizen Lab');
    expect(stdout).toContain('1. 🇨🇬 Congo - Brazzaville');
    expect(stdout).toMatch(/^🇨🇬 Congo - Brazzaville — not on Israel.s list/m);
  });
});

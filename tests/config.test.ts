/**
 * The environment is checked once at start-up: a bad value stops the bot with a message naming it.
 */
import { execFile } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/infra/config.js';

describe('configuration', () => {
  test('defaults: in-memory cache of 64 MB and maps of 16 MB, 10 questions a minute, info logs', () => {
    const config = loadConfig({});
    expect(config.CACHE_URL).toBeUndefined();
    expect(config).toMatchObject({
      CACHE_TTL_SECONDS: 3600,
      CACHE_MEMORY_MB: 64,
      MAP_CACHE_MB: 16,
      RATE_LIMIT_PER_MINUTE: 10,
      RATE_LIMIT_INLINE_PER_MINUTE: 60,
      LOG_LEVEL: 'info',
      LOG_QUESTIONS: false,
    });
  });

  test.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['false', false],
    ['', false],
  ])('LOG_QUESTIONS=%s is %s', (value, on) => {
    expect(loadConfig({ LOG_QUESTIONS: value }).LOG_QUESTIONS).toBe(on);
  });

  test.each([
    [{ HTTP_PORT: 'eighty' }, /HTTP_PORT/],
    [{ HTTP_PORT: '70000' }, /HTTP_PORT/],
    [{ CACHE_URL: 'memcached://x' }, /CACHE_URL: expected empty \(in-memory cache\) or a redis:\/\/ URL/],
    [{ TELEGRAM_BOT_TOKEN: 'not a token' }, /TELEGRAM_BOT_TOKEN: expected a bot token/],
    [{ TELEGRAM_WEBHOOK_URL: 'https://example.org/hook', HTTP_PORT: '8080' }, /TELEGRAM_WEBHOOK_SECRET: required/],
    [{ TELEGRAM_WEBHOOK_SECRET: 'bad secret!' }, /TELEGRAM_WEBHOOK_SECRET/],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE/],
    [{ CACHE_MEMORY_MB: '64MB' }, /CACHE_MEMORY_MB/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ LOG_QUESTIONS: 'yes' }, /LOG_QUESTIONS: expected 1 or true \(on\), 0 or false \(off\)/],
    [{ DISCORD_SHARDS: 'many' }, /DISCORD_SHARDS: expected "auto" or a number of shards/],
    [{ DISCORD_SHARD_PROCESSES: 'yes' }, /DISCORD_SHARD_PROCESSES: expected 1 or true/],
    [{ DISCORD_GUILD_ID: 'my-server' }, /DISCORD_GUILD_ID/],
  ])('%o is refused with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('npm start with a bad value exits 1 and says which variable and what it expects', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/main.ts'],
        { env: { ...process.env, RATE_LIMIT_PER_MINUTE: 'lots' } },
        (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid environment:\n\s+RATE_LIMIT_PER_MINUTE/);
  });
});

describe('a platform that refuses the bot (issue 9)', () => {
  test('npm start with a token Telegram refuses exits 1, naming TELEGRAM_BOT_TOKEN', async () => {
    const { TelegramApiEmulator } = await import('./emulators/telegram-api.js');
    const api = await TelegramApiEmulator.start();
    api.failNext('getMe', { error_code: 401, description: 'Unauthorized' });
    try {
      const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'src/main.ts'],
          {
            env: {
              ...process.env,
              TELEGRAM_BOT_TOKEN: '123456:TEST-refused-token',
              TELEGRAM_API_ROOT: api.apiRoot,
              DISCORD_TOKEN: '',
              LOG_LEVEL: 'info',
            },
          },
          (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }),
        );
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/telegram stopped: Telegram refused TELEGRAM_BOT_TOKEN \(401 Unauthorized\)/);
      expect(result.stdout).not.toContain('TEST-refused-token');
    } finally {
      await api.close();
    }
  });
});

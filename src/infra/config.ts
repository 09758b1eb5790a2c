/**
 * The whole environment, validated once: a bad or missing value stops start-up with a message that
 * names the variable and what it expects. `.env.example` documents each one.
 */
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const port = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).optional());
const positive = (fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(fallback));

const optionalUrl = (what: string) =>
  optional.refine((v) => v === undefined || URL.canParse(v), { message: `expected ${what}` });

export const Config = z.object({
  TELEGRAM_BOT_TOKEN: optional.refine((v) => v === undefined || /^\d+:[\w-]+$/.test(v), {
    message: 'expected a bot token from @BotFather, like 123456:ABC-DEF…',
  }),
  TELEGRAM_API_ROOT: optionalUrl('a URL such as https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optionalUrl('the public https URL Telegram should post updates to'),
  TELEGRAM_WEBHOOK_SECRET: optional.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: 'expected 1–256 characters of A–Z, a–z, 0–9, _ and -',
  }),
  DISCORD_TOKEN: optional,
  DISCORD_API_URL: optionalUrl('a base URL such as http://127.0.0.1:8080/api'),
  DISCORD_GUILD_ID: optional.refine((v) => v === undefined || /^\d{15,25}$/.test(v), {
    message: 'expected a Discord server (guild) id: digits only',
  }),
  DISCORD_SHARDS: optional.refine((v) => v === undefined || v === 'auto' || /^[1-9]\d{0,3}$/.test(v), {
    message: 'expected "auto" or a number of shards',
  }),
  HTTP_PORT: port,
  CACHE_URL: optional.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'expected empty (in-memory cache) or a redis:// URL',
  }),
  CACHE_TTL_SECONDS: positive(3600),
  CACHE_MEMORY_MB: positive(64),
  MAP_CACHE_MB: positive(16),
  RATE_LIMIT_PER_MINUTE: positive(10),
  RATE_LIMIT_INLINE_PER_MINUTE: positive(60),
  LOG_QUESTIONS: z.preprocess(
    blankToUndefined,
    z
      .enum(['0', '1', 'false', 'true'], { message: 'expected 1 or true (on), 0 or false (off)' })
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = Config.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('invalid environment:\n  TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set');
  }
  if (config.TELEGRAM_WEBHOOK_URL && !config.HTTP_PORT) {
    throw new ConfigError('invalid environment:\n  HTTP_PORT: required when TELEGRAM_WEBHOOK_URL is set');
  }
  return config;
}

/**
 * The whole environment, validated once: a bad or missing value stops start-up with a message that
 * names the variable and what it expects. `.env.example` documents each one.
 *
 * Plain checks, no schema library: this runs at every start, before the first answer, and zod alone
 * costs more to load than the rest of the start-up (the data files are validated by zod at build time).
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface Config {
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_API_ROOT?: string;
  TELEGRAM_WEBHOOK_URL?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  DISCORD_TOKEN?: string;
  DISCORD_API_URL?: string;
  DISCORD_GUILD_ID?: string;
  DISCORD_SHARDS?: string;
  /** Run each Discord shard in a process of its own, this process managing them. */
  DISCORD_SHARD_PROCESSES: boolean;
  HTTP_PORT?: number;
  CACHE_URL?: string;
  CACHE_TTL_SECONDS: number;
  CACHE_MEMORY_MB: number;
  MAP_CACHE_MB: number;
  RATE_LIMIT_PER_MINUTE: number;
  RATE_LIMIT_INLINE_PER_MINUTE: number;
  /** Log the text of questions the bot could not answer (truncated, users hashed). */
  LOG_QUESTIONS: boolean;
  LOG_LEVEL: (typeof LOG_LEVELS)[number];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A value refused: what was expected. */
class Invalid {
  constructor(readonly expected: string) {}
}

/** The trimmed value, or undefined when unset or blank (an empty line in `.env` means "not set"). */
function text(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function matching(pattern: RegExp, expected: string) {
  return (raw: string | undefined): string | undefined => {
    const value = text(raw);
    if (value !== undefined && !pattern.test(value)) throw new Invalid(expected);
    return value;
  };
}

function url(expected: string) {
  return (raw: string | undefined): string | undefined => {
    const value = text(raw);
    if (value !== undefined && !URL.canParse(value)) throw new Invalid(`expected ${expected}`);
    return value;
  };
}

/** A whole number in [min, max]; written as JavaScript reads numbers ("8080", " 8080 "). */
function integer(raw: string, min: number, max: number, expected: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Invalid(expected);
  return n;
}

function port(raw: string | undefined): number | undefined {
  const value = text(raw);
  return value === undefined ? undefined : integer(value, 1, 65535, 'expected a port number, 1 to 65535');
}

function positive(fallback: number) {
  return (raw: string | undefined): number => {
    const value = text(raw);
    return value === undefined
      ? fallback
      : integer(value, 1, Number.MAX_SAFE_INTEGER, `expected a whole number above 0 (default ${fallback})`);
  };
}

function flag(raw: string | undefined): boolean {
  const value = text(raw);
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new Invalid('expected 1 or true (on), 0 or false (off)');
}

function logLevel(raw: string | undefined): Config['LOG_LEVEL'] {
  const value = text(raw);
  if (value === undefined) return 'info';
  const level = LOG_LEVELS.find((l) => l === value);
  if (!level) throw new Invalid(`expected one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

/** Each variable and how it is read, in the order of `.env.example`. */
const RULES = {
  TELEGRAM_BOT_TOKEN: matching(/^\d+:[\w-]+$/, 'expected a bot token from @BotFather, like 123456:ABC-DEF…'),
  TELEGRAM_API_ROOT: url('a URL such as https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: url('the public https URL Telegram should post updates to'),
  TELEGRAM_WEBHOOK_SECRET: matching(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1–256 characters of A–Z, a–z, 0–9, _ and -'),
  DISCORD_TOKEN: text,
  DISCORD_API_URL: url('a base URL such as http://127.0.0.1:8080/api'),
  DISCORD_GUILD_ID: matching(/^\d{15,25}$/, 'expected a Discord server (guild) id: digits only'),
  DISCORD_SHARDS: matching(/^(?:auto|[1-9]\d{0,3})$/, 'expected "auto" or a number of shards'),
  DISCORD_SHARD_PROCESSES: flag,
  HTTP_PORT: port,
  CACHE_URL: matching(/^rediss?:\/\//, 'expected empty (in-memory cache) or a redis:// URL'),
  CACHE_TTL_SECONDS: positive(3600),
  CACHE_MEMORY_MB: positive(64),
  MAP_CACHE_MB: positive(16),
  RATE_LIMIT_PER_MINUTE: positive(10),
  RATE_LIMIT_INLINE_PER_MINUTE: positive(60),
  LOG_QUESTIONS: flag,
  LOG_LEVEL: logLevel,
} satisfies { [K in keyof Config]-?: (raw: string | undefined) => Config[K] };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const values = new Map<string, unknown>();
  for (const [name, read] of Object.entries(RULES)) {
    // Object.hasOwn: only the variable itself, never something inherited by the env object.
    const raw = Object.hasOwn(env, name) ? env[name] : undefined;
    try {
      values.set(name, read(raw));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push(`  ${name}: ${error.expected}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`invalid environment:\n${problems.join('\n')}`);
  const config = Object.fromEntries(values) as unknown as Config;
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('invalid environment:\n  TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set');
  }
  if (config.TELEGRAM_WEBHOOK_URL && !config.HTTP_PORT) {
    throw new ConfigError('invalid environment:\n  HTTP_PORT: required when TELEGRAM_WEBHOOK_URL is set');
  }
  return config;
}

/**
 * The logger: JSON lines, or pretty output when attached to a terminal. Tokens and secrets are
 * redacted wherever they appear in a logged object.
 */
import { type Logger, pino } from 'pino';

export type { Logger };

const REDACT = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'config.TELEGRAM_BOT_TOKEN',
  'config.DISCORD_TOKEN',
  'config.TELEGRAM_WEBHOOK_SECRET',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  level?: string;
  /** Pretty lines for a person (default: when stdout is a terminal), else JSON lines. */
  pretty?: boolean;
  /** Values (bot tokens, webhook secret) removed from every line, wherever they appear. */
  secrets?: readonly (string | undefined)[];
  /** Where JSON lines go (default stdout); tests read them. */
  destination?: { write(line: string): void };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const config = {
    level: options.level ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    // Field names catch the obvious places; this catches a token inside any message or error text.
    ...(secrets.length > 0
      ? { hooks: { streamWrite: (line: string) => secrets.reduce((out, s) => out.replaceAll(s, '[redacted]'), line) } }
      : {}),
  };
  if (options.destination) return pino(config, options.destination);
  if (pretty) return pino({ ...config, transport: { target: 'pino-pretty', options: { colorize: true } } });
  // Synchronous: with pino's default asynchronous stdout, lines still in flight at exit landed after
  // the ones flushed on exit, so the last lines came out of order (or not at all on a crash).
  return pino(config, pino.destination({ dest: 1, sync: true }));
}

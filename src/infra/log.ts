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

export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  return pino({
    level: options.level ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  });
}

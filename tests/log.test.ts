/**
 * Logs never carry a token or a secret, wherever it would appear.
 */
import { describe, expect, test } from 'vitest';
import { createLogger } from '../src/infra/log.js';

const TOKEN = '123456:TEST-secret-token-never-logged';
const SECRET = 'webhook_secret_never_logged';

function capture() {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', secrets: [TOKEN, SECRET], destination: { write: (l) => lines.push(l) } });
  return { log, lines };
}

describe('log redaction', () => {
  test('a token in a known field, in a message, in an error or in a URL never reaches the output', () => {
    const { log, lines } = capture();
    log.info({ config: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET } }, 'starting');
    log.info({ token: TOKEN, headers: { authorization: `Bot ${TOKEN}` } }, 'request');
    log.warn(`calling https://api.telegram.org/bot${TOKEN}/getMe`);
    log.error({ err: new Error(`bad secret ${SECRET} for ${TOKEN}`) }, 'failed');
    const child = log.child({ platform: 'telegram', updateId: 7 });
    child.info({ url: `/bot${TOKEN}/sendMessage` }, 'sent');
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(SECRET);
      expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(lines.join('')).toContain('[redacted]');
    expect(JSON.parse(lines[4] as string)).toMatchObject({ platform: 'telegram', updateId: 7, msg: 'sent' });
  });
});

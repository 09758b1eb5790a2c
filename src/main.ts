/**
 * Starts what the configuration asks for: the Telegram bot, the Discord bot, or, with no token, a
 * terminal chat over the same core.
 */
import { runChat } from './adapters/console/chat.js';
import { createCore } from './core/index.js';
import { loadConfig } from './infra/config.js';
import { loadKnowledge } from './knowledge/load.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const core = createCore(loadKnowledge());
  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_TOKEN) {
    await runChat(core);
    return;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cyberexport-bot: ${(error as Error).message}\n`);
  process.exit(1);
});

/**
 * Finds which input crashes the bot on its own: a fresh bot behind fresh emulators gets the suspects
 * of a crash one at a time, each until handled, and the first one it dies on is the culprit.
 */
import { DiscordFake } from '../emulators/discord-fake.js';
import { TelegramApiEmulator } from '../emulators/telegram-api.js';
import { BotProcess } from './bot-process.js';
import type { FuzzInput } from './inputs.js';
import { send } from './send.js';

/** How long an input gets to be handled (or to kill the bot) before the next one goes. */
const SETTLE_MS = 3000;
/** A crash from a rejected promise comes a moment after the last call the bot made. */
const AFTERMATH_MS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first of `suspects` that crashes a fresh bot alone; undefined when none does. */
export async function reproduceCrash(
  suspects: readonly FuzzInput[],
  limits: { ratePerMinute: number; inlineRatePerMinute: number },
): Promise<FuzzInput | undefined> {
  const api = await TelegramApiEmulator.start({ recordCalls: false });
  const fake = await DiscordFake.start({ recordCalls: false });
  let bot: BotProcess | undefined;
  try {
    bot = await BotProcess.start({
      telegramApiRoot: api.apiRoot,
      discordApiUrl: fake.apiUrl,
      ratePerMinute: limits.ratePerMinute,
      inlineRatePerMinute: limits.inlineRatePerMinute,
    });
    let dead = false;
    void bot.exited.then(() => {
      dead = true;
    });
    for (const input of suspects) {
      const sent = send(input, api, fake);
      const handled =
        sent.platform === 'telegram'
          ? api.waitForConfirmed(sent.updateId, SETTLE_MS)
          : fake.waitFor(sent.token ? fake.callbackOf(sent.id) : fake.replyTo(sent.id), SETTLE_MS);
      await Promise.race([handled.catch(() => undefined), bot.exited]);
      await sleep(AFTERMATH_MS);
      if (dead) return input;
    }
    return undefined;
  } finally {
    await bot?.stop();
    await Promise.all([api.close(), fake.close()]);
  }
}

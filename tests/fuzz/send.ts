/**
 * Hands one fuzz input to the emulator of its platform, as the platform would deliver it.
 */
import type { DiscordFake } from '../emulators/discord-fake.js';
import type { TelegramApiEmulator } from '../emulators/telegram-api.js';
import type { FuzzInput } from './inputs.js';

export type Sent =
  | { platform: 'telegram'; updateId: number }
  | { platform: 'discord'; id: string; token: string | undefined };

export function send(input: FuzzInput, api: TelegramApiEmulator, fake: DiscordFake): Sent {
  if (input.platform === 'telegram') return { platform: 'telegram', updateId: api.pushUpdate(input.update).update_id };
  if (input.event === 'message') {
    const { id } = fake.message(input.content, { dm: input.dm, mentionBot: input.mentionsBot, author: input.author });
    return { platform: 'discord', id, token: undefined };
  }
  // The clicked message as Discord hands it over: in the channel the click comes from.
  const channelId = input.dm ? fake.dmChannelId : fake.channelId;
  const message = input.message ? { message: { ...input.message, channel_id: channelId } } : {};
  const { id, token } = fake.interaction(input.type, input.data, {
    locale: input.locale,
    dm: input.dm,
    user: input.author,
    ...message,
  });
  return { platform: 'discord', id, token };
}

/**
 * Why Discord stops for good, said so that the reader knows what to fix, and which login failures
 * are worth another try (Discord or the network having a bad moment) and which are not (retrying a
 * bad token only brings the invalid-request ban closer).
 */
import {
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  GatewayCloseCodes,
  HTTPError,
  RateLimitError,
} from 'discord.js';

/** Discord has stopped the bot and will not take it back until something is fixed; the message says what. */
export class DiscordStopped extends Error {
  override name = 'DiscordStopped';

  constructor(
    message: string,
    /** The gateway close code, when the gateway closed. */
    readonly closeCode?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const TOKEN_FIX =
  'set DISCORD_TOKEN to the bot token from the Discord Developer Portal (Applications → your app → Bot → Reset Token)';

/** What each close code after which discord.js gives up means, and what to do about it. */
const CLOSE_FIXES: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]: `Discord rejected the bot token (gateway close 4004): ${TOKEN_FIX}`,
  [GatewayCloseCodes.DisallowedIntents]:
    'Discord refused the Message Content intent (gateway close 4014): enable it in the Discord Developer Portal (Applications → your app → Bot → Privileged Gateway Intents → Message Content Intent), then restart',
  [GatewayCloseCodes.InvalidIntents]:
    'Discord refused the gateway intents as invalid (gateway close 4013): the intents in src/adapters/discord/bot.ts must be valid GatewayIntentBits values',
  [GatewayCloseCodes.ShardingRequired]:
    'Discord requires sharding for this many servers (gateway close 4011): set DISCORD_SHARDS=auto',
  [GatewayCloseCodes.InvalidShard]:
    'Discord refused the shard settings (gateway close 4010): set DISCORD_SHARDS=auto, or a count within the recommended number',
  [GatewayCloseCodes.InvalidAPIVersion]:
    'Discord refused the gateway API version (gateway close 4012): update discord.js',
};

/** The explained error for a gateway close that discord.js does not recover from. */
export function stoppedByClose(code: number, cause?: unknown): DiscordStopped {
  const message = CLOSE_FIXES[code] ?? `Discord closed the gateway for good (close code ${code})`;
  return new DiscordStopped(message, code, cause === undefined ? undefined : { cause });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // A request cut off by @discordjs/rest's own time-out.
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || isNetworkError(error.cause);
}

/** Whether a failed login may succeed if tried again: Discord's 5xx and 429, network errors, time-outs. */
export function isTransient(error: unknown): boolean {
  if (error instanceof HTTPError) return error.status >= 500;
  if (error instanceof RateLimitError) return true;
  if (error instanceof DiscordAPIError) return error.status === 429;
  return isNetworkError(error);
}

/** The explained error for a login that failed for good. */
export function stoppedByLogin(error: unknown): DiscordStopped {
  const invalidToken =
    (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) ||
    (error instanceof DiscordAPIError && error.status === 401);
  if (invalidToken)
    return new DiscordStopped(`Discord rejected the bot token (HTTP 401): ${TOKEN_FIX}`, undefined, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new DiscordStopped(`Discord login failed: ${reason}`, undefined, { cause: error });
}

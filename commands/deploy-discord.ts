/**
 * Registers the slash commands with Discord: globally, or on one server when DISCORD_GUILD_ID is set
 * (guild commands update at once, global ones can take a while). Run with `npm run deploy:discord`.
 */
// discord.js re-exports @discordjs/rest, so no extra dependency is needed.
import { pathToFileURL } from 'node:url';
import { REST, type RESTGetCurrentApplicationResult, Routes } from 'discord.js';
import { discordCommands } from '../src/adapters/discord/commands.js';
import { type Config, loadConfig } from '../src/infra/config.js';

/** Registers every command and returns how many Discord accepted. */
export async function deployDiscordCommands(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_GUILD_ID'>,
): Promise<{ count: number; scope: string }> {
  if (!config.DISCORD_TOKEN)
    throw new Error('DISCORD_TOKEN is not set: copy the bot token from the Discord developer portal');
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const app = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(app.id, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(app.id);
  const registered = (await rest.put(route, { body: discordCommands() })) as unknown[];
  return { count: registered.length, scope: config.DISCORD_GUILD_ID ? `guild ${config.DISCORD_GUILD_ID}` : 'global' };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { count, scope } = await deployDiscordCommands(loadConfig());
    process.stdout.write(`registered ${count} Discord commands (${scope})\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

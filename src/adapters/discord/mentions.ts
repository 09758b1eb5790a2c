/**
 * Command mentions for the help: `</allowed:123…>` is a clickable command in Discord, and needs the
 * command's id, which Discord assigns when the commands are deployed. The ids are fetched once at
 * ready and kept; until then, or if the fetch fails, the help names commands as plain `/allowed`.
 *
 * @example
 * const mentions = new CommandMentions();
 * await mentions.load(client.application.commands.fetch());
 * mentions.of('allowed'); // "</allowed:1290…>", or "/allowed" when the id is unknown
 */
export class CommandMentions {
  private readonly ids = new Map<string, string>();

  /** Keeps the id of every command fetched (a Collection or a Map of commands by id). */
  load(commands: Iterable<[string, { id: string; name: string }]>): void {
    for (const [, command] of commands) {
      if (/^\d{1,25}$/.test(command.id) && /^[\w-]{1,32}$/.test(command.name)) this.ids.set(command.name, command.id);
    }
  }

  /** How the help writes the command `name`. */
  of = (name: string): string => {
    const id = this.ids.get(name);
    return id ? `</${name}:${id}>` : `/${name}`;
  };

  get size(): number {
    return this.ids.size;
  }
}

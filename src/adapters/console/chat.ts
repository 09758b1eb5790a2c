/**
 * The terminal chat: what `npm start` opens when no bot token is set. Reads one question a line (typed
 * or piped), prints one answer each, and exits at the end of input.
 */
import { createInterface } from 'node:readline';
import { argsOf, readCommand } from '../../../commands/table.js';
import { type Answer, COLON, type Core, type Lang } from '../../core/index.js';
import { renderPlain } from './render.js';

/** A typed line: a command from the shared table ("/nso apple") or a free question. */
export function answerLine(core: Core, line: string, hint?: Lang): Answer {
  const command = readCommand(line);
  if (command?.spec) {
    return core.run(command.spec.toRequest(argsOf(command.spec, command.rest)), { hint, question: line });
  }
  return core.ask(line, { hint });
}

/** Writes a map answer's PNG to the temp folder; the terminal prints the path. */
export type MapWriter = (answer: Answer) => Promise<string | undefined>;

/** The answer as text, with the path of its map image when it has one. */
export async function renderLine(answer: Answer, writeMap?: MapWriter): Promise<string> {
  const path = answer.map && writeMap ? await writeMap(answer) : undefined;
  const map = path ? `\n\n${answer.lang === 'fr' ? 'Carte' : 'Map'}${COLON[answer.lang]}${path}` : '';
  return `${renderPlain(answer)}${map}`;
}

export async function runChat(
  core: Core,
  writeMap?: MapWriter,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  if (interactive) {
    output.write('cyberexport-bot: ask “Is Morocco allowed?”, “What happened with NSO?”, /help. Ctrl+D quits.\n');
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (!(interactive && line.trim() === '')) output.write(`${await renderLine(answerLine(core, line), writeMap)}\n\n`);
    if (interactive) rl.prompt();
  }
}

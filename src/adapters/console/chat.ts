/**
 * The terminal chat: what `npm start` opens when no bot token is set. Reads one message a line (typed
 * or piped), prints one answer each, and remembers the conversation like a chat app does ("why?",
 * "and Mexico?", a number to pick among several countries); exits at the end of input.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { readCommand } from '../../../commands/table.js';
import type { Answer, Core, Lang, Query } from '../../core/index.js';
import { t } from '../../i18n/index.js';
import { renderPlain } from './render.js';

/** One conversation: each line is read with the last question in mind. */
export class Conversation {
  private last: Query | undefined;

  constructor(
    private readonly core: Core,
    private readonly hint?: Lang,
  ) {}

  /** A typed line: a command from the shared table ("/nso apple") or a message. */
  turn(line: string): { query: Query; answer: Answer } {
    const command = readCommand(line);
    const options = { hint: this.hint, context: this.last };
    const query = command?.spec
      ? this.core.understand(command.rest, { ...options, expect: command.spec.intent })
      : this.core.understand(line, options);
    if (query.intent === 'help' && query.aspect === 'reset') this.last = undefined;
    else if (query.intent !== 'help' && query.intent !== 'unknown') this.last = query;
    return { query, answer: { ...this.core.answer(query), question: query.question ?? line } };
  }
}

/** Writes a map answer's PNG to the temp folder; the terminal prints the path. */
export type MapWriter = (answer: Answer) => Promise<string | undefined>;

/** The answer as text, with the path of its map image when it has one. */
export async function renderLine(answer: Answer, writeMap?: MapWriter, query?: Query): Promise<string> {
  const path = answer.map && writeMap ? await writeMap(answer) : undefined;
  const map = path ? `\n\n${t(answer.lang, 'console-map', { path })}` : '';
  return `${renderPlain(answer, query)}${map}`;
}

export async function runChat(
  core: Core,
  writeMap?: MapWriter,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const conversation = new Conversation(core);
  if (interactive) {
    output.write(`${t('en', 'console-greeting')}\n`);
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (!(interactive && line.trim() === '')) {
      const { answer, query } = conversation.turn(line);
      await writeOut(output, `${await renderLine(answer, writeMap, query)}\n\n`);
    }
    if (interactive) rl.prompt();
  }
}

/**
 * Writes, then waits while the reader is behind (`write` returned false) until it drains: piped
 * questions are answered at the pace the output is read, instead of queueing every answer in memory.
 * The input is read no faster: readline pauses it while answers wait.
 */
export async function writeOut(output: NodeJS.WritableStream, text: string): Promise<void> {
  if (!output.write(text)) await once(output, 'drain');
}

/**
 * `npm run ask -- [--json] [--lang en|fr] [--batch [--conversation]] "question"`
 *
 * One answer as text (or as the JSON answer contract with --json). With --batch, reads one question a
 * line from stdin and prints exactly one JSON line each, in order, empty lines included: each line is
 * a question of its own, unless --conversation makes the lines the turns of one conversation
 * ("why?" then refers to the line before). A map answer ("/map europe", "map of Morocco") writes its
 * PNG to the temp folder and gives the path (`mapFile`).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Conversation, renderLine, writeOut } from '../adapters/console/chat.js';
import { createCore, type Lang } from '../core/index.js';
import { loadKnowledge } from '../knowledge/load.js';
import { mapWriter } from '../maps/index.js';
import { exitQuietlyWhenOutputCloses } from './stdout.js';

const USAGE = 'usage: npm run ask -- [--json] [--lang en|fr] [--batch [--conversation]] "question"';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

exitQuietlyWhenOutputCloses();

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = {
    json: { type: 'boolean' },
    batch: { type: 'boolean' },
    conversation: { type: 'boolean' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ options, allowPositionals: true });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'fr') fail('--lang must be en or fr');
  if (values.conversation && !values.batch) fail('--conversation goes with --batch');
  const hint = values.lang as Lang | undefined;
  const kb = loadKnowledge();
  const core = createCore(kb);
  const writeMap = mapWriter(kb);

  if (values.batch) {
    let conversation = new Conversation(core, hint);
    for await (const line of createInterface({ input: process.stdin, terminal: false })) {
      if (!values.conversation) conversation = new Conversation(core, hint);
      const { answer } = conversation.turn(line);
      const mapFile = answer.map ? await writeMap(answer) : undefined;
      await writeOut(process.stdout, `${JSON.stringify(mapFile ? { ...answer, mapFile } : answer)}\n`);
    }
    return;
  }
  if (positionals.length === 0) fail('a question is needed');
  const { answer, query } = new Conversation(core, hint).turn(positionals.join(' '));
  if (values.json) {
    const mapFile = answer.map ? await writeMap(answer) : undefined;
    process.stdout.write(`${JSON.stringify(mapFile ? { ...answer, mapFile } : answer, null, 2)}\n`);
  } else {
    process.stdout.write(`${await renderLine(answer, writeMap, query)}\n`);
  }
}

await main();

/**
 * `npm run fuzz`: drives the real bot through both platform emulators with seeded hostile updates
 * and prints what broke. Exits 1 when an outgoing call broke a rule, a question went unanswered or
 * the bot crashed.
 *
 * @example
 * npm run fuzz -- --updates 20000 --seed 7 --concurrency 16
 * npm run fuzz -- --json > fuzz.json
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz.js';
import { seedOf } from './random.js';
import { failed, formatSummary } from './report.js';

const USAGE = 'usage: npm run fuzz -- [--updates N] [--seed S] [--concurrency C] [--json]';

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer, got "${value}"\n${USAGE}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      updates: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Without --seed, a fresh one: the summary prints it, so any run can be replayed.
  const seed = seedOf(values.seed ?? String(Date.now() % 1_000_000));
  const summary = await runFuzz({
    updates: positive(values.updates, 100_000, 'updates'),
    seed,
    concurrency: positive(values.concurrency, 16, 'concurrency'),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
  process.exitCode = failed(summary) ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz: ${(error as Error).message}\n`);
  process.exitCode = 2;
});

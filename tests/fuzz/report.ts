/**
 * The summary of a fuzz run as a person reads it: what was sent, what broke a rule (with the input that
 * caused it), what went unanswered, the crashes, memory and time.
 */
import type { FuzzSummary } from './fuzz.js';
import type { Tally } from './ledger.js';

const MB = 1024;

/** Whether the run found anything: invalid calls, lost questions, crashes, or a fuzzer bug. */
export function failed(summary: FuzzSummary): boolean {
  return (
    summary.invalid.total > 0 || summary.lost.total > 0 || summary.crashes.total > 0 || summary.fuzzerErrors.length > 0
  );
}

function tallies(title: string, count: number, byKey: Record<string, Tally>): string[] {
  const lines = [`${title}: ${count}`];
  for (const [key, tally] of Object.entries(byKey)) {
    lines.push(`  ${key}: ${tally.count}`);
    for (const example of tally.examples) {
      lines.push(`    - ${example.input}`);
      if (example.detail) lines.push(`        → ${example.detail}`);
    }
  }
  return lines;
}

const mb = (kb: number | undefined) => (kb === undefined ? 'n/a' : `${(kb / MB).toFixed(1)} MB`);

export function formatSummary(summary: FuzzSummary): string {
  const lines: string[] = [];
  const seconds = (summary.durationMs / 1000).toFixed(1);
  lines.push(
    `Fuzz run: seed ${summary.seed}, ${summary.sent} updates, concurrency ${summary.concurrency}, ${seconds} s`,
    '',
    'Updates sent, by kind:',
  );
  for (const [kind, n] of Object.entries(summary.sentByKind).sort()) lines.push(`  ${kind.padEnd(28)} ${n}`);
  lines.push('', 'Verdicts:');
  for (const [verdict, n] of Object.entries(summary.verdicts)) lines.push(`  ${verdict.padEnd(34)} ${n}`);
  lines.push('', ...tallies('Invalid outgoing calls', summary.invalid.total, summary.invalid.byRule));
  lines.push('', ...tallies('Unanswered questions', summary.lost.total, summary.lost.byKind));
  if (summary.unexpected.total > 0) {
    lines.push(
      '',
      ...tallies('Answered though they should be ignored', summary.unexpected.total, summary.unexpected.byKind),
    );
  }
  lines.push('', `Crashes: ${summary.crashes.total}`);
  for (const [signature, n] of Object.entries(summary.crashes.bySignature)) {
    lines.push(`  ${n} × ${signature}`);
    const culprit = summary.crashes.culprits[signature];
    if (culprit !== undefined)
      lines.push(`    alone, this input crashes a fresh bot: ${culprit ?? 'none of the suspects'}`);
  }
  for (const crash of summary.crashes.first) {
    lines.push(`  after ${crash.afterUpdates} updates (${crash.exit}): ${crash.error}`);
    for (const frame of crash.stack) lines.push(`      ${frame}`);
    lines.push('    in progress (the culprit is among them, most recent first):');
    for (const input of crash.inProgress) lines.push(`      - ${input}`);
  }
  const { rssKb } = summary;
  lines.push(
    '',
    `Resident memory of the bot: start ${mb(rssKb.start)}, after ${rssKb.milestone} updates ${mb(rssKb.afterMilestone)}, ` +
      `end ${mb(rssKb.end)}; end / after ${rssKb.milestone}: ${rssKb.ratio?.toFixed(2) ?? 'n/a'}` +
      (summary.crashes.total > 0 ? ' (the bot restarted in between)' : ''),
    `Longest stall of the bot (a /healthz round trip): ${summary.stalls.botMaxMs} ms; ${summary.stalls.botOver1s} probes over 1 s; ` +
      `the fuzzer's own longest event-loop delay: ${summary.stalls.fuzzerMaxMs} ms`,
    ...summary.stalls.longestInProgress.map((input) => `    in progress then: ${input}`),
    `The bot's own counters since its last start: rate-limited ${summary.botMetrics.rateLimited ?? 'n/a'}, errors ${summary.botMetrics.errors ?? 'n/a'}`,
  );
  if (summary.botErrors.total > 0) {
    lines.push(
      '',
      ...tallies(
        'Inputs the bot logged a warning or an error about',
        summary.botErrors.total,
        summary.botErrors.byMessage,
      ),
    );
  }
  const logged = Object.entries(summary.botLog);
  if (logged.length > 0) {
    lines.push('', 'Everything the bot logged (warn and above), by message:');
    for (const [message, n] of logged.slice(0, 15)) lines.push(`  ${String(n).padStart(6)} × ${message}`);
  }
  if (summary.fuzzerErrors.length > 0) lines.push('', 'Errors in the fuzzer itself:', ...summary.fuzzerErrors);
  lines.push(
    '',
    `Duration: ${seconds} s`,
    failed(summary)
      ? `Result: FAILED (invalid ${summary.invalid.total}, lost ${summary.lost.total}, crashes ${summary.crashes.total})`
      : 'Result: passed',
  );
  return lines.join('\n');
}

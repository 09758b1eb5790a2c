/**
 * How the round-trip benchmarks measure: latency with one question at a time, throughput with many
 * senders at once, each round alternating the bot and its echo bot (warm, started once), warm-up
 * rounds not counted, and every figure given as the median of the rounds with their range.
 */
import { performance } from 'node:perf_hooks';

/** The median of the rounds and their lowest and highest. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface RoundFigures {
  /** One question at a time: time to each reply. */
  latency: { p50ms: number; p99ms: number };
  /** `senders` at once, each sending its next question when its last is answered. */
  throughput: { perSec: number; p99ms: number };
}

/** A bot under test: sends question `text` as a new user and resolves when the reply arrives. */
export type Send = (text: string) => Promise<void>;
/** One way to send for both measures, or one for each. */
export type Sends = Send | { oneAtATime: Send; concurrent: Send };

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: round2(sorted[Math.floor(sorted.length / 2)] ?? 0),
    min: round2(sorted[0] ?? 0),
    max: round2(sorted.at(-1) ?? 0),
  };
}

async function oneAtATime(send: Send, next: () => string, n: number): Promise<RoundFigures['latency']> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await send(next());
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50ms: round2(percentile(times, 50)), p99ms: round2(percentile(times, 99)) };
}

async function concurrently(
  send: Send,
  next: () => string,
  n: number,
  senders: number,
): Promise<RoundFigures['throughput']> {
  const times: number[] = [];
  let left = n;
  const start = performance.now();
  const sender = async () => {
    while (left > 0) {
      left--;
      const t0 = performance.now();
      await send(next());
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return { perSec: Math.round((n / total) * 1000), p99ms: round2(percentile(times, 99)) };
}

export interface RoundsOptions {
  /** Questions one at a time, per round. */
  sequential: number;
  /** Questions sent by `senders` at once, per round. */
  concurrent: number;
  senders: number;
  rounds: number;
  /** Rounds before the measured ones, not counted. */
  warmUp: number;
  next: () => string;
}

export interface Comparison {
  rounds: number;
  senders: number;
  bot: Summary;
  echo: Summary;
  /** The bot's throughput as a share of the echo bot's, round by round. */
  throughputRatio: Spread;
  /** The bot's one-at-a-time p50 over the echo bot's, round by round. */
  latencyRatio: Spread;
}

export interface Summary {
  p50ms: Spread;
  p99ms: Spread;
  perSec: Spread;
  concurrentP99ms: Spread;
}

function summary(rounds: readonly RoundFigures[]): Summary {
  return {
    p50ms: spread(rounds.map((r) => r.latency.p50ms)),
    p99ms: spread(rounds.map((r) => r.latency.p99ms)),
    perSec: spread(rounds.map((r) => r.throughput.perSec)),
    concurrentP99ms: spread(rounds.map((r) => r.throughput.p99ms)),
  };
}

/** Rounds alternate which goes first, so that neither gains from the machine's state. */
export async function compare(bot: Sends, echo: Sends, options: RoundsOptions): Promise<Comparison> {
  const { next } = options;
  const measure = async (send: Sends): Promise<RoundFigures> => ({
    latency: await oneAtATime(typeof send === 'function' ? send : send.oneAtATime, next, options.sequential),
    throughput: await concurrently(
      typeof send === 'function' ? send : send.concurrent,
      next,
      options.concurrent,
      options.senders,
    ),
  });
  for (let i = 0; i < options.warmUp; i++) {
    await measure(bot);
    await measure(echo);
  }
  const bots: RoundFigures[] = [];
  const echoes: RoundFigures[] = [];
  for (let i = 0; i < options.rounds; i++) {
    if (i % 2 === 0) {
      bots.push(await measure(bot));
      echoes.push(await measure(echo));
    } else {
      echoes.push(await measure(echo));
      bots.push(await measure(bot));
    }
  }
  return {
    rounds: options.rounds,
    senders: options.senders,
    bot: summary(bots),
    echo: summary(echoes),
    throughputRatio: spread(bots.map((b, i) => b.throughput.perSec / (echoes[i] as RoundFigures).throughput.perSec)),
    latencyRatio: spread(bots.map((b, i) => b.latency.p50ms / (echoes[i] as RoundFigures).latency.p50ms)),
  };
}

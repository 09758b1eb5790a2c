/**
 * Event-loop stalls, watched all along a run: the bot's (how long /healthz takes to answer, and what
 * it was working on at the worst moment) and the fuzzer's own, since a slow fuzzer makes the bot look
 * slow.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BotProcess } from './bot-process.js';
import type { FuzzInput } from './inputs.js';

export interface Stalls {
  botMaxMs: number;
  botOver1s: number;
  /** The inputs in progress during the longest stall, most recent first. */
  longestInProgress: string[];
  fuzzerMaxMs: number;
}

const PROBE_MS = 250;
const STALL_MS = 1000;
const SHOWN = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class StallProbe {
  private readonly stalls: Stalls = { botMaxMs: 0, botOver1s: 0, longestInProgress: [], fuzzerMaxMs: 0 };
  private readonly delay = monitorEventLoopDelay({ resolution: 20 });
  private probing = true;
  private readonly probed: Promise<void>;

  /** `bot`: the bot to probe, undefined while it restarts. */
  constructor(
    private readonly bot: () => BotProcess | undefined,
    private readonly inProgress: () => FuzzInput[],
  ) {
    this.delay.enable();
    this.probed = this.probe();
  }

  async stop(): Promise<Stalls> {
    this.probing = false;
    await this.probed;
    this.delay.disable();
    this.stalls.fuzzerMaxMs = Math.round(this.delay.max / 1e6);
    return this.stalls;
  }

  private async probe(): Promise<void> {
    while (this.probing) {
      const ms = await this.bot()?.healthMs();
      if (ms !== undefined && ms > this.stalls.botMaxMs) {
        this.stalls.botMaxMs = Math.round(ms);
        this.stalls.longestInProgress = this.inProgress()
          .slice(0, SHOWN)
          .map((i) => i.summary);
      }
      if (ms !== undefined && ms > STALL_MS) this.stalls.botOver1s += 1;
      await sleep(PROBE_MS);
    }
  }
}

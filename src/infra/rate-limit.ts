/**
 * Per-user rate limits, counted in the shared store (Redis) so that every instance sees the same count.
 * A fixed window: up to `limit` questions at any pace within it (bursts allowed), then one polite
 * notice, then silence until the window ends. A store failure lets the question through.
 */
import type { Counter } from './counter.js';

export type Verdict = 'allow' | 'notice' | 'silent';

export interface RateLimitOptions {
  /** Questions allowed per window. */
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  constructor(
    private readonly counter: Counter,
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one question from `user` on `platform` and says what to do with it. */
  async check(platform: string, user: string, kind = 'ask'): Promise<Verdict> {
    const window = Math.floor(this.now() / this.options.windowMs);
    const count = await this.counter.increment(`${kind}:${platform}:${user}:${window}`, this.options.windowMs);
    if (count <= this.options.limit) return 'allow';
    return count === this.options.limit + 1 ? 'notice' : 'silent';
  }
}

/**
 * Retrying start-up calls: capped exponential backoff with full jitter, one log line per failed
 * attempt, until the call succeeds, fails for good (a permanent error is thrown at once), or the
 * caller gives up (`signal`).
 */
import type { Logger } from './log.js';

export interface RetryOptions {
  /** What is being tried, for the log ("telegram getMe"). */
  label: string;
  log: Logger;
  /** Whether another try may succeed; anything else is thrown at once. */
  transient: (error: unknown) => boolean;
  /** First wait, in ms (doubles each time, up to `maxDelayMs`). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
}

export async function retry<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!options.transient(error) || options.signal?.aborted) throw error;
      // Full jitter: instances that failed together do not retry together.
      const delay = Math.round(Math.random() * Math.min(cap, base * 2 ** (attempt - 1)));
      options.log.warn({ err: error, attempt, retryInMs: delay }, `${options.label} failed, retrying`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        const abort = () => {
          clearTimeout(timer);
          resolve();
        };
        options.signal?.addEventListener('abort', abort, { once: true });
      });
      if (options.signal?.aborted) throw error;
    }
  }
}

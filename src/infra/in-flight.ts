/**
 * Work in progress that a graceful shutdown lets finish: stop accepting, then wait for what was
 * started, at most a grace period.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private open = true;

  /** Whether new work is still taken (false once draining has begun). */
  get accepting(): boolean {
    return this.open;
  }

  /** How many pieces of work have not finished. */
  get size(): number {
    return this.running.size;
  }

  track(work: Promise<unknown>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
  }

  /** Stops accepting, then resolves when every tracked piece has settled or after `graceMs`. */
  async drain(graceMs: number): Promise<void> {
    this.open = false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), late]);
    clearTimeout(timer);
  }
}

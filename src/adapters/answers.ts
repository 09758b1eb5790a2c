/**
 * What every adapter calls: the core behind the shared answer cache. Rendered answers are cached per
 * platform, normalized question, language and data version; a cache failure only costs a recompute.
 */
import type { Answer, AskOptions, Core, Request } from '../core/index.js';
import { normalize } from '../core/text.js';
import type { Cache } from '../infra/cache.js';

export interface Rendered<T> {
  answer: Answer;
  rendered: T;
  /** Whether the rendered answer came from the cache. */
  cached: boolean;
}

export class Answers {
  constructor(
    readonly core: Core,
    private readonly cache: Cache,
  ) {}

  /** A free-text question, rendered by `render` for `platform`. */
  ask<T>(platform: string, question: string, options: AskOptions, render: (a: Answer) => T): Promise<Rendered<T>> {
    const key = ['ask', platform, normalize(question), options.hint ?? '', options.lang ?? ''].join('|');
    return this.cached(key, () => this.core.ask(question, options), render);
  }

  /** A structured request (command, button), rendered by `render` for `platform`. */
  run<T>(
    platform: string,
    request: Request,
    options: AskOptions & { question?: string },
    render: (a: Answer) => T,
  ): Promise<Rendered<T>> {
    const key = ['run', platform, JSON.stringify(request), options.hint ?? '', options.lang ?? ''].join('|');
    return this.cached(key, () => this.core.run(request, options), render);
  }

  private async cached<T>(key: string, compute: () => Answer, render: (a: Answer) => T): Promise<Rendered<T>> {
    const hit = await this.cache.get<{ answer: Answer; rendered: T }>(key);
    if (hit) return { ...hit, cached: true };
    const answer = compute();
    const rendered = render(answer);
    await this.cache.set(key, { answer, rendered });
    return { answer, rendered, cached: false };
  }
}

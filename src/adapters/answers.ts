/**
 * What every adapter calls: the core behind the shared answer cache, with the per-user rate limits
 * and the metrics. Rendered answers are cached per platform, normalized question, language and data
 * version; a cache failure only costs a recompute.
 */
import type { Answer, AskOptions, Core, Lang, MapSpec, Request } from '../core/index.js';
import type { Cache } from '../infra/cache.js';
import type { Metrics } from '../infra/metrics.js';
import type { RateLimiter, Verdict } from '../infra/rate-limit.js';

export interface Rendered<T> {
  answer: Answer;
  rendered: T;
  /** Whether the rendered answer came from the cache. */
  cached: boolean;
  /** Time to get the rendered answer, in ms (cache included). */
  ms: number;
}

/** Questions count against `ask`; inline queries, autocomplete and buttons against the looser `inline`. */
export type LimitKind = 'ask' | 'inline';

export interface AnswersOptions {
  limits?: Record<LimitKind, RateLimiter>;
  metrics?: Metrics;
  /** The PNG of a map answer, drawn and kept by the renderer (`createMapPool` in `src/maps`). */
  maps?: (spec: MapSpec, lang: Lang) => Promise<Buffer>;
}

export class Answers {
  constructor(
    readonly core: Core,
    private readonly cache: Cache,
    private readonly options: AnswersOptions = {},
  ) {}

  /** A free-text question, rendered by `render` for `platform`. */
  ask<T>(platform: string, question: string, options: AskOptions, render: (a: Answer) => T): Promise<Rendered<T>> {
    // Keyed by meaning: every phrasing of one question shares an entry; 🇲🇦 and 🇮🇳 never do.
    const key = ['ask', platform, this.core.meaningOf(question, options)].join('|');
    return this.cached(platform, key, () => this.core.ask(question, options), render);
  }

  /** A structured request (command, button), rendered by `render` for `platform`. */
  run<T>(
    platform: string,
    request: Request,
    options: AskOptions & { question?: string },
    render: (a: Answer) => T,
  ): Promise<Rendered<T>> {
    const key = ['run', platform, JSON.stringify(request), options.hint ?? '', options.lang ?? ''].join('|');
    return this.cached(platform, key, () => this.core.run(request, options), render);
  }

  /**
   * Counts one request from `user` and says whether to answer it ('allow'), send the one polite
   * notice ('notice'), or stay silent until the window ends ('silent'). Without limits, always 'allow'.
   */
  async allow(platform: string, user: string | number, kind: LimitKind): Promise<Verdict> {
    const limiter = this.options.limits?.[kind];
    if (!limiter) return 'allow';
    const verdict = await limiter.check(platform, String(user), kind);
    if (verdict !== 'allow') this.options.metrics?.rateLimited.inc({ platform, kind });
    return verdict;
  }

  /**
   * The PNG of a map answer. The renderer keeps the images (bounded by bytes, by data version,
   * language, region or country), out of the answer cache: each is drawn once while it is kept.
   * Undefined when the answer has no map or no renderer is configured.
   */
  async mapImage(answer: Answer): Promise<Buffer | undefined> {
    const { map } = answer;
    if (!map || !this.options.maps) return undefined;
    return this.options.maps(map, answer.lang);
  }

  /** Counts an error while handling an update or interaction. */
  failed(platform: string): void {
    this.options.metrics?.errors.inc({ platform });
  }

  private async cached<T>(
    platform: string,
    key: string,
    compute: () => Answer,
    render: (a: Answer) => T,
  ): Promise<Rendered<T>> {
    const started = performance.now();
    const hit = await this.cache.get<{ answer: Answer; rendered: T }>(key);
    let result: Rendered<T>;
    if (hit) {
      result = { ...hit, cached: true, ms: 0 };
    } else {
      const answer = compute();
      const rendered = render(answer);
      await this.cache.set(key, { answer, rendered });
      result = { answer, rendered, cached: false, ms: 0 };
    }
    result.ms = performance.now() - started;
    const metrics = this.options.metrics;
    if (metrics) {
      metrics.cache.inc({ result: hit ? 'hit' : 'miss' });
      metrics.answers.inc({ platform, intent: result.answer.intent });
      metrics.latency.observe({ platform }, result.ms / 1000);
    }
    return result;
  }
}

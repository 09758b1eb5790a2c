/**
 * The message classifier: a naive Bayes text classifier (wink-naive-bayes-text-classifier) trained on
 * the example messages of `data/nlu/`. wink computes each label's odds with a loop over every other
 * label for every word (hundreds of µs a message); its model is linear in log space, so each
 * feature's weights are computed once from wink's counts, and a message is then scored in a few µs.
 * Each feature's log-odds are multiplied by the weight of its kind (`FEATURE_WEIGHTS` in
 * features.ts): with every weight 1 (the language classifier's features) the ranking is wink's own
 * `computeOdds`.
 */
import { createRequire } from 'node:module';
import { weightOfFeature } from './features.js';

export interface Example {
  features: readonly string[];
  label: string;
}

export interface Scored {
  label: string;
  /** The label's share of the evidence, 0 to 1 (its odds against the others'); the scores add up to 1. */
  score: number;
}

/** Additive smoothing; 0.2 did best among 0.1, 0.15, 0.2, 0.3 and 0.4 (cross-validation). */
export const SMOOTHING = 0.2;

/** wink's model as its `exportJSON` writes it: `[config, samples, count, words, vocabulary]`. */
type WinkExport = [
  unknown,
  Record<string, number>,
  Record<string, Record<string, number>>,
  Record<string, number>,
  string[],
];

/**
 * One trained classifier as `data/nlu/model.bin` keeps it (`model-file.ts`), read without parsing:
 * wink's counts and the features in typed arrays, and the table that finds a feature's slot built at
 * training, so that start-up neither splits a string nor fills a `Map` of tens of thousands of keys.
 *
 * - Feature `i` is `chars[starts[i]]` to `chars[starts[i + 1]]` (one byte a character when every
 *   character fits, else two: `wide`).
 * - `buckets` is an open-addressing hash table (linear probing, a power of two long, at most half
 *   full): the bucket at `hashOf(feature)` or the first empty bucket after it that holds `slot + 1`.
 * - Feature `i`'s counts are the `pairs` from `offsets[i]` to `offsets[i + 1]`, each `label index <<
 *   24 | count`.
 */
export interface ClassifierTables {
  labels: string[];
  /** Training messages per label. */
  samples: number[];
  /** Feature occurrences per label. */
  words: number[];
  chars: Uint8Array | Uint16Array;
  starts: Uint32Array;
  buckets: Uint32Array;
  pairs: Uint32Array;
  offsets: Uint32Array;
}

/** A count is stored in the low 24 bits of a pair, the label index in the high 8. */
const COUNT_BITS = 24;
const COUNT_MASK = (1 << COUNT_BITS) - 1;
const LOG_SMOOTHING = Math.log2(SMOOTHING);

/** FNV-1a over a feature's UTF-16 code units. */
function hashOf(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) hash = Math.imul(hash ^ feature.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The tables of a list of features (`ClassifierTables` minus the counts). */
function packFeatures(features: readonly string[]): Pick<ClassifierTables, 'chars' | 'starts' | 'buckets'> {
  const starts = new Uint32Array(features.length + 1);
  let wide = false;
  features.forEach((feature, i) => {
    starts[i + 1] = (starts[i] as number) + feature.length;
    for (let c = 0; c < feature.length; c++) if (feature.charCodeAt(c) > 0xff) wide = true;
  });
  const chars = wide
    ? new Uint16Array(starts[features.length] as number)
    : new Uint8Array(starts[features.length] as number);
  let size = 2;
  while (size < features.length * 2) size *= 2;
  const buckets = new Uint32Array(size);
  features.forEach((feature, slot) => {
    const at = starts[slot] as number;
    for (let c = 0; c < feature.length; c++) chars[at + c] = feature.charCodeAt(c);
    let bucket = hashOf(feature) & (size - 1);
    while (buckets[bucket] !== 0) bucket = (bucket + 1) & (size - 1);
    buckets[bucket] = slot + 1;
  });
  return { chars, starts, buckets };
}

export class Classifier {
  /** The message a slot was last counted in: a feature counts once a message, however often it occurs. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  /** Each label's log2 prior odds. */
  private readonly bias: Float64Array;
  /**
   * Each label's share of what any feature adds to it (`oddsOf`), per unit of the feature's weight:
   * log2 of its "other labels" total over its own, both smoothed.
   */
  private readonly perFeature: Float64Array;
  /**
   * Parallel to the model's pairs: what the pair's count adds to its label (see `oddsOf`), computed
   * the first time its feature is met (`computed`), with the feature's weight (`weightOf`).
   */
  private readonly delta: Float64Array;
  private readonly weightOf: Float64Array;
  private readonly computed: Uint8Array;
  /** Reused for every message's odds (the core is synchronous: one message at a time). */
  private readonly scratch: Float64Array;
  /** How many features the model knows. */
  private readonly size: number;

  constructor(private readonly model: ClassifierTables) {
    const { labels, samples, words, starts } = model;
    const total = samples.reduce((a, b) => a + b, 0);
    const allWords = words.reduce((a, b) => a + b, 0);
    this.size = starts.length - 1;
    const vocabulary = this.size * SMOOTHING;
    this.bias = new Float64Array(samples.map((n) => Math.log2(n) - Math.log2(total - n)));
    this.perFeature = new Float64Array(
      words.map((w) => Math.log2(allWords - w + vocabulary) - Math.log2(w + vocabulary)),
    );
    this.scratch = new Float64Array(labels.length);
    this.seen = new Uint32Array(this.size);
    this.delta = new Float64Array(model.pairs.length);
    this.weightOf = new Float64Array(this.size);
    this.computed = new Uint8Array(this.size);
  }

  /** Fills a feature's `delta` and `weightOf`: its weight, and what each of its counts adds to its label. */
  private compute(feature: string, slot: number): void {
    const { pairs, offsets } = this.model;
    const weight = weightOfFeature(feature);
    const start = offsets[slot] as number;
    const end = Math.min(offsets[slot + 1] as number, pairs.length);
    let everywhere = 0;
    for (let at = start; at < end; at++) everywhere += (pairs[at] as number) & COUNT_MASK;
    const unseen = LOG_SMOOTHING - Math.log2(everywhere + SMOOTHING);
    for (let at = start; at < end; at++) {
      const here = (pairs[at] as number) & COUNT_MASK;
      this.delta[at] = weight * (Math.log2(here + SMOOTHING) - Math.log2(everywhere - here + SMOOTHING) - unseen);
    }
    this.weightOf[slot] = weight;
    this.computed[slot] = 1;
  }

  /** The tables, to save (`model-file.ts`). */
  tables(): ClassifierTables {
    return this.model;
  }

  /** The slot of a feature, or -1 when the model does not know it. */
  private slotOf(feature: string): number {
    const { chars, starts, buckets } = this.model;
    const mask = buckets.length - 1;
    const length = feature.length;
    // At most one round of the table, whatever a damaged file holds (a sound one has empty buckets).
    for (let probe = 0, bucket = hashOf(feature) & mask; probe <= mask; probe++, bucket = (bucket + 1) & mask) {
      const entry = buckets[bucket] as number;
      if (entry === 0) return -1;
      if (entry > this.size) continue;
      const start = starts[entry - 1] as number;
      if ((starts[entry] as number) - start !== length) continue;
      let i = 0;
      while (i < length && chars[start + i] === feature.charCodeAt(i)) i++;
      if (i === length) return entry - 1;
    }
    return -1;
  }

  /** Trains wink's classifier on the examples (presence of a feature, not its count). */
  static train(examples: readonly Example[]): Classifier {
    // Loaded only to train (`npm run train`, or a stale model): answering never needs it.
    const naiveBayes = createRequire(import.meta.url)(
      'wink-naive-bayes-text-classifier',
    ) as typeof import('wink-naive-bayes-text-classifier').default;
    const nb = naiveBayes();
    nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: SMOOTHING });
    for (const e of examples) nb.learn(e.features, e.label);
    nb.consolidate();
    const [, samples, count, words, vocabulary] = JSON.parse(nb.exportJSON()) as WinkExport;
    const labels = Object.keys(samples);
    if (labels.length > 256) throw new Error('at most 256 labels fit a packed pair');
    const pairs: number[] = [];
    const offsets = new Uint32Array(vocabulary.length + 1);
    vocabulary.forEach((feature, slot) => {
      labels.forEach((label, i) => {
        const row = count[label];
        const n = row && Object.hasOwn(row, feature) ? row[feature] : undefined;
        if (n) pairs.push((i << COUNT_BITS) | Math.min(n, COUNT_MASK));
      });
      offsets[slot + 1] = pairs.length;
    });
    return new Classifier({
      labels,
      samples: labels.map((l) => samples[l] ?? 0),
      words: labels.map((l) => words[l] ?? 0),
      ...packFeatures(vocabulary),
      pairs: Uint32Array.from(pairs),
      offsets,
    });
  }

  /** Labels best first, each with its share. A message with no known feature gets an empty list. */
  classify(features: readonly string[]): Scored[] {
    const odds = this.oddsOf(features);
    if (!odds) return [];
    const labels = this.model.labels;
    const scored: Scored[] = new Array(odds.length);
    for (let i = 0; i < odds.length; i++) scored[i] = { label: labels[i] as string, score: odds[i] as number };
    return scored.sort((a, b) => b.score - a.score);
  }

  /** The best label alone (what reading a message needs), without ranking the others. */
  best(features: readonly string[]): Scored | undefined {
    const odds = this.oddsOf(features);
    if (!odds) return undefined;
    let top = 0;
    for (let i = 1; i < odds.length; i++) if ((odds[i] as number) > (odds[top] as number)) top = i;
    return { label: this.model.labels[top] as string, score: odds[top] as number };
  }

  /**
   * Each label's share of the evidence, in label order; undefined when no feature is known.
   *
   * A feature adds to each label wink's log P(f | label) − log P(f | other labels), smoothed, times the
   * weight of its kind (`FEATURE_WEIGHTS`): `w × (log(h + s) − log(W + V·s) − log(E − h + s) + log(T −
   * W + V·s))`, with `h` its count in the label, `E` in all labels, `W` and `T` the label's and all
   * labels' feature counts, `V` the features known, `s` the smoothing. Split up: `w × perFeature` for
   * every label; `w × (log(s) − log(E + s))` for every label too, which leaves the shares as they are
   * and is not added; and, for the few labels the feature was seen with, the difference their count
   * makes, computed once a feature (`compute`). So a feature costs an addition per label it was seen
   * with, and memory only for the counts the model has.
   */
  private oddsOf(features: readonly string[]): Float64Array | undefined {
    const odds = this.scratch;
    odds.set(this.bias);
    const n = odds.length;
    const { pairs, offsets } = this.model;
    // Wraps after 2^32 − 1 messages (a slot last counted that long ago could then be skipped once).
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    const stamp = this.stamp;
    let known = 0;
    let weights = 0;
    for (const feature of features) {
      const slot = this.slotOf(feature);
      if (slot < 0 || this.seen[slot] === stamp) continue;
      this.seen[slot] = stamp;
      known++;
      if (this.computed[slot] === 0) this.compute(feature, slot);
      weights += this.weightOf[slot] as number;
      const end = Math.min(offsets[slot + 1] as number, pairs.length);
      for (let at = offsets[slot] as number; at < end; at++) {
        const label = (pairs[at] as number) >>> COUNT_BITS;
        if (label < n) odds[label] = (odds[label] as number) + (this.delta[at] as number);
      }
    }
    for (let i = 0; i < n; i++) odds[i] = (odds[i] as number) + weights * (this.perFeature[i] as number);
    if (known === 0) return undefined;
    let top = -Infinity;
    for (let i = 0; i < n; i++) if ((odds[i] as number) > top) top = odds[i] as number;
    let total = 0;
    for (let i = 0; i < n; i++) {
      odds[i] = 2 ** ((odds[i] as number) - top);
      total += odds[i] as number;
    }
    for (let i = 0; i < n; i++) odds[i] = (odds[i] as number) / total;
    return odds;
  }
}

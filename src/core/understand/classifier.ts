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
 * A trained model as `data/nlu/model.json` keeps it: wink's counts in three packed strings, so that
 * start-up parses three strings instead of tens of thousands of small arrays (and the garbage they
 * leave). `features` is every feature joined by a newline (a feature never holds one); `pairs` and
 * `offsets` are little-endian `Uint32Array`s in base64: feature `i`'s counts are the pairs from
 * `offsets[i]` to `offsets[i + 1]`, each `label index << 24 | count`.
 */
export interface CompactModel {
  labels: string[];
  /** Training messages per label. */
  samples: number[];
  /** Feature occurrences per label. */
  words: number[];
  features: string;
  pairs: string;
  offsets: string;
}

/** A count is stored in the low 24 bits of a pair, the label index in the high 8. */
const COUNT_BITS = 24;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

function toBase64(values: Uint32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function fromBase64(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  // A copy: a Buffer may sit at an offset of the pool that a Uint32Array cannot start at.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Uint32Array(copy.buffer, 0, copy.byteLength >>> 2);
}

/** The model unpacked: the features and, for feature `i`, its pairs from `offsets[i]` to `offsets[i + 1]`. */
interface Tables {
  labels: string[];
  samples: number[];
  words: number[];
  features: string[];
  pairs: Uint32Array;
  offsets: Uint32Array;
}

export class Classifier {
  /** Each feature of the vocabulary → its slot in the tables below. */
  private readonly slots: Map<string, number>;
  /**
   * Slot × label → the log2 odds the feature adds to the label (labels in `labels` order), computed
   * on first use; one flat table, so that scoring a message reads few memory lines.
   */
  private readonly table: Float64Array;
  private readonly computed: Uint8Array;
  /** The message a slot was last counted in: a feature counts once a message, however often it occurs. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  /** Each label's log2 prior odds. */
  private readonly bias: Float64Array;
  /** Reused for every message's odds (the core is synchronous: one message at a time). */
  private readonly scratch: Float64Array;
  private readonly allWords: number;

  private constructor(private readonly model: Tables) {
    const { labels, samples, words, features } = model;
    const total = samples.reduce((a, b) => a + b, 0);
    this.bias = new Float64Array(samples.map((n) => Math.log2(n) - Math.log2(total - n)));
    this.scratch = new Float64Array(labels.length);
    this.slots = new Map();
    for (let slot = 0; slot < features.length; slot++) this.slots.set(features[slot] as string, slot);
    this.table = new Float64Array(features.length * labels.length);
    this.computed = new Uint8Array(features.length);
    this.seen = new Uint32Array(features.length);
    this.allWords = words.reduce((a, b) => a + b, 0);
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
      if (feature.includes('\n')) throw new Error(`a feature holds a newline: ${JSON.stringify(feature)}`);
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
      features: vocabulary,
      pairs: Uint32Array.from(pairs),
      offsets,
    });
  }

  /** A classifier from a saved model (`toModel`). */
  static fromModel(model: CompactModel): Classifier {
    const features = model.features === '' ? [] : model.features.split('\n');
    const offsets = fromBase64(model.offsets);
    if (offsets.length !== features.length + 1) throw new Error('model: offsets do not match the features');
    return new Classifier({ ...model, features, pairs: fromBase64(model.pairs), offsets });
  }

  /** The model, to save. */
  toModel(): CompactModel {
    const { labels, samples, words, features, pairs, offsets } = this.model;
    return {
      labels,
      samples,
      words,
      features: features.join('\n'),
      pairs: toBase64(pairs),
      offsets: toBase64(offsets),
    };
  }

  /**
   * Fills the slot of a feature with what it adds to each label: wink's log P(f|label) −
   * log P(f|other labels), smoothed, times the weight of the feature's kind (`FEATURE_WEIGHTS`).
   */
  private compute(feature: string, slot: number): void {
    const { labels, words, features } = this.model;
    const size = features.length;
    const smooth = (n: number, total: number) => Math.log2(n + SMOOTHING) - Math.log2(total + size * SMOOTHING);
    const counts = new Array<number>(labels.length).fill(0);
    const { pairs, offsets } = this.model;
    for (let at = offsets[slot] as number; at < (offsets[slot + 1] as number); at++) {
      const pair = pairs[at] as number;
      counts[pair >>> COUNT_BITS] = pair & COUNT_MASK;
    }
    const everywhere = counts.reduce((a, b) => a + b, 0);
    const kind = weightOfFeature(feature);
    const at = slot * labels.length;
    counts.forEach((here, i) => {
      const mine = words[i] as number;
      this.table[at + i] = kind * (smooth(here, mine) - smooth(everywhere - here, this.allWords - mine));
    });
    this.computed[slot] = 1;
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

  /** Each label's share of the evidence, in label order; undefined when no feature is known. */
  private oddsOf(features: readonly string[]): Float64Array | undefined {
    const odds = this.scratch;
    odds.set(this.bias);
    const n = odds.length;
    const table = this.table;
    // Wraps after 2^32 − 1 messages (a slot last counted that long ago could then be skipped once).
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    const stamp = this.stamp;
    let known = 0;
    for (const feature of features) {
      const slot = this.slots.get(feature);
      if (slot === undefined || this.seen[slot] === stamp) continue;
      this.seen[slot] = stamp;
      if (this.computed[slot] === 0) this.compute(feature, slot);
      known++;
      const at = slot * n;
      for (let i = 0; i < n; i++) odds[i] = (odds[i] as number) + (table[at + i] as number);
    }
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

/**
 * The message classifier: a naive Bayes text classifier (wink-naive-bayes-text-classifier) trained on
 * the example messages of `data/nlu/`. wink computes each label's odds with a loop over every other
 * label for every word (hundreds of µs a message); its model is linear in log space, so each
 * feature's weights are computed once from wink's counts, and a message is then scored in a few µs.
 * Each feature's log-odds are multiplied by the weight of its kind (`FEATURE_WEIGHTS` in
 * features.ts): with every weight 1 (the language classifier's features) the ranking is wink's own
 * `computeOdds`.
 */
import naiveBayes from 'wink-naive-bayes-text-classifier';
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
export type WinkExport = [
  unknown,
  Record<string, number>,
  Record<string, Record<string, number>>,
  Record<string, number>,
  string[],
];

interface WinkModel {
  samples: Record<string, number>;
  count: Record<string, Record<string, number>>;
  words: Record<string, number>;
  vocabulary: string[];
}

export class Classifier {
  /** Each feature of the vocabulary → its slot in the tables below. */
  private readonly slots: ReadonlyMap<string, number>;
  /**
   * Slot × label → the log2 odds the feature adds to the label (labels in `labels` order), computed
   * on first use; one flat table, so that scoring a message reads few memory lines.
   */
  private readonly table: Float64Array;
  private readonly computed: Uint8Array;
  /** The message a slot was last counted in: a feature counts once a message, however often it occurs. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  private readonly labels: readonly string[];
  /** Each label's log2 prior odds. */
  private readonly bias: Float64Array;
  private readonly wordsIn: readonly number[];
  private readonly allWords: number;

  private constructor(private readonly model: WinkModel) {
    this.labels = Object.keys(model.samples);
    const samples = this.labels.map((l) => model.samples[l] ?? 0);
    const total = samples.reduce((a, b) => a + b, 0);
    this.bias = new Float64Array(samples.map((n) => Math.log2(n) - Math.log2(total - n)));
    this.slots = new Map(model.vocabulary.map((feature, slot) => [feature, slot]));
    this.table = new Float64Array(model.vocabulary.length * this.labels.length);
    this.computed = new Uint8Array(model.vocabulary.length);
    this.seen = new Uint32Array(model.vocabulary.length);
    this.wordsIn = this.labels.map((l) => model.words[l] ?? 0);
    this.allWords = this.wordsIn.reduce((a, b) => a + b, 0);
  }

  /** Trains wink's classifier on the examples (presence of a feature, not its count). */
  static train(examples: readonly Example[]): Classifier {
    const nb = naiveBayes();
    nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: SMOOTHING });
    for (const e of examples) nb.learn(e.features, e.label);
    nb.consolidate();
    return Classifier.fromExport(JSON.parse(nb.exportJSON()) as WinkExport);
  }

  /** A classifier from a saved model (`toExport`). */
  static fromExport(exported: WinkExport): Classifier {
    const [, samples, count, words, vocabulary] = exported;
    return new Classifier({ samples, count, words, vocabulary });
  }

  /** The model in wink's own format, to save. */
  toExport(): WinkExport {
    const { samples, count, words, vocabulary } = this.model;
    return [{ considerOnlyPresence: true, smoothingFactor: SMOOTHING }, samples, count, words, vocabulary];
  }

  /**
   * Fills the slot of `feature` with what it adds to each label: wink's log P(f|label) −
   * log P(f|other labels), smoothed, times the weight of the feature's kind (`FEATURE_WEIGHTS`).
   */
  private compute(feature: string, slot: number): void {
    const size = this.model.vocabulary.length;
    const smooth = (n: number, total: number) => Math.log2(n + SMOOTHING) - Math.log2(total + size * SMOOTHING);
    // Own-property reads only: features come from user text (they all carry a "kind:" prefix too).
    const counts = this.labels.map((l) => {
      const row = this.model.count[l];
      return row && Object.hasOwn(row, feature) ? (row[feature] as number) : 0;
    });
    const everywhere = counts.reduce((a, b) => a + b, 0);
    const kind = weightOfFeature(feature);
    const at = slot * this.labels.length;
    counts.forEach((here, i) => {
      const mine = this.wordsIn[i] as number;
      this.table[at + i] = kind * (smooth(here, mine) - smooth(everywhere - here, this.allWords - mine));
    });
    this.computed[slot] = 1;
  }

  /** Labels best first, each with its share. A message with no known feature gets an empty list. */
  classify(features: readonly string[]): Scored[] {
    const odds = new Float64Array(this.bias);
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
    if (known === 0) return [];
    let top = -Infinity;
    for (let i = 0; i < n; i++) if ((odds[i] as number) > top) top = odds[i] as number;
    let total = 0;
    for (let i = 0; i < n; i++) {
      odds[i] = 2 ** ((odds[i] as number) - top);
      total += odds[i] as number;
    }
    const scored: Scored[] = new Array(n);
    for (let i = 0; i < n; i++) scored[i] = { label: this.labels[i] as string, score: (odds[i] as number) / total };
    return scored.sort((a, b) => b.score - a.score);
  }
}

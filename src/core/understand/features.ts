/**
 * What the classifier sees of a message: its words (countries replaced by one placeholder, so that
 * "is morocco allowed" and "is peru allowed" look alike), their English and French stems (NLP.js
 * stemmers), letter 3-grams (which survive typos: "refrences" shares most of "references"), word pairs,
 * the first and the last word, and the message's length. Each kind of feature counts with its own
 * weight (FEATURE_WEIGHTS). Chosen by 5-fold cross-validation on the training corpora
 * (`npm run eval -- --cv`).
 */
// The stemmers alone, not the language packages' entries (tokenizers, sentiment lexicons, …).
import StemmerEn from '@nlpjs/lang-en-min/src/stemmer-en.js';
import StemmerFr from '@nlpjs/lang-fr/src/stemmer-fr.js';

/** Changes whenever features change: a model trained on other features is stale (`npm run train`). */
export const FEATURES_VERSION = 'features-3-compact';

/** Stands for any country the resolver found, in training and at answer time alike. */
export const COUNTRY_WORD = 'xcountry';

/** The memo is emptied when it reaches this size: user text must not grow memory without bound. */
const MEMO_LIMIT = 5000;
/**
 * Longer words are not kept in the memo: no word of either language is this long, and a word's
 * letter 3-grams grow with it (a 500-letter "word" has a thousand), so 5,000 of them would hold
 * hundreds of megabytes.
 */
const MEMO_WORD_LENGTH = 32;
const GRAM = 3;

/**
 * How much each kind of feature counts (a multiplier of its log-odds), by the letter before its
 * colon. Naive Bayes counts every feature as independent evidence, but the kinds overlap (a word, its
 * two stems and its letters say nearly the same thing): these weights, chosen by cross-validation,
 * keep the correlated kinds from outvoting the others. Kinds not listed (the language classifier's)
 * count fully.
 */
export const FEATURE_WEIGHTS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    /** The word itself. */
    t: 0.5,
    /** Its English stem. */
    e: 1,
    /** Its French stem. */
    f: 1.5,
    /** Letter 3-grams of every word: a typo still shares most of them with the word meant. */
    g: 0.3,
    /** Letter 3-grams again, for words the corpus uses at most once (and unseen words, typos among them). */
    c: 0.5,
    /** Two words in a row. */
    p: 0.75,
    /** The first word and the last word ("and …?" is a follow-up, "… then" too). */
    x: 1.25,
    /** The number of words, up to 6. */
    n: 1,
  }),
);

/** The weight of a feature, by its kind. */
export function weightOfFeature(feature: string): number {
  const colon = feature.indexOf(':');
  return colon > 0 ? (FEATURE_WEIGHTS.get(feature.slice(0, colon)) ?? 1) : 1;
}

/**
 * Every feature starts with its kind and a colon ("e:countri", "g:<li").
 */
export class Featurizer {
  private readonly en = new StemmerEn();
  private readonly fr = new StemmerFr();
  private readonly memo = new Map<string, readonly string[]>();

  /** `common`: the words the corpus uses more than once. */
  constructor(private readonly common: ReadonlySet<string>) {}

  /**
   * The features of a message given as normalized words. A feature may occur twice (a word used
   * twice): the classifier, like wink in training, counts it once.
   */
  features(words: readonly string[]): string[] {
    const out: string[] = [];
    // A word's own features once, however often it is used ("Is Morocco allowed?" two hundred times).
    for (const word of new Set(words)) for (const f of this.wordFeatures(word)) out.push(f);
    for (let i = 1; i < words.length; i++) out.push(`p:${words[i - 1]}_${words[i]}`);
    if (words.length > 0) out.push(`x:^${words[0]}`, `x:${words[words.length - 1]}$`);
    out.push(`n:${Math.min(words.length, 6)}`);
    return out;
  }

  private wordFeatures(word: string): readonly string[] {
    let found = this.memo.get(word);
    if (!found) {
      const list = [`t:${word}`, `e:${this.en.stemWord(word)}`, `f:${this.fr.stemWord(word)}`];
      const rare = !this.common.has(word);
      const padded = `<${word}>`;
      for (let i = 0; i + GRAM <= padded.length; i++) {
        const gram = padded.slice(i, i + GRAM);
        list.push(`g:${gram}`);
        if (rare) list.push(`c:${gram}`);
      }
      found = list;
      if (word.length <= MEMO_WORD_LENGTH) {
        if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
        this.memo.set(word, found);
      }
    }
    return found;
  }
}

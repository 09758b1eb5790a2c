/** The parts of NLP.js and wink the classifier uses (the packages ship no types). */
declare module '@nlpjs/lang-en-min/src/stemmer-en.js' {
  export default class StemmerEn {
    stemWord(word: string): string;
  }
}

declare module '@nlpjs/lang-fr/src/stemmer-fr.js' {
  export default class StemmerFr {
    stemWord(word: string): string;
  }
}

declare module 'wink-naive-bayes-text-classifier' {
  export interface NaiveBayes {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(tokens: readonly string[], label: string): boolean;
    consolidate(): boolean;
    predict(tokens: readonly string[]): string;
    computeOdds(tokens: readonly string[]): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  export default function naiveBayesTextClassifier(): NaiveBayes;
}

/**
 * The classifier and its committed model: scoring matches wink's own where the feature weights are
 * all 1, the committed model is the one the corpus trains, and keys from user text are only data.
 */

import { describe, expect, test } from 'vitest';
import naiveBayes from 'wink-naive-bayes-text-classifier';
import { createCore } from '../../src/core/index.js';
import { Classifier } from '../../src/core/understand/classifier.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const knowledge = loadKnowledge();

describe('the classifier', () => {
  const examples = [
    ['w:is w:morocco w:allowed', 'status'],
    ['w:can w:they w:sell w:to w:india', 'status'],
    ['w:which w:countries w:are w:on w:the w:list', 'list'],
    ['w:how w:many w:countries w:can w:buy', 'list'],
    ['w:what w:is w:pegasus', 'nso'],
    ['w:who w:owns w:nso', 'nso'],
    ['w:weather w:today', 'none'],
    ['w:bitcoin w:price', 'none'],
  ].map(([text, label]) => ({ features: (text as string).split(' '), label: label as string }));

  test('with weight-1 features it ranks labels as wink’s own computeOdds does', () => {
    const ours = Classifier.train(examples);
    const wink = naiveBayes();
    wink.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.2 });
    for (const e of examples) wink.learn(e.features, e.label);
    wink.consolidate();
    for (const message of ['w:is w:india w:allowed', 'w:which w:list', 'w:pegasus w:owns', 'w:price w:today w:list']) {
      const features = message.split(' ');
      expect(ours.classify(features).map((s) => s.label)).toEqual(wink.computeOdds(features).map(([label]) => label));
    }
  });

  test('features named like Object.prototype members are just unknown words', () => {
    const ours = Classifier.train(examples);
    for (const f of ['constructor', '__proto__', 'toString', 'w:constructor', 'hasOwnProperty']) {
      expect(ours.classify([f])).toEqual([]);
    }
  });
});

describe('the committed model (data/nlu/model.json)', () => {
  test('was trained on the current corpus: run `npm run train` after changing data/nlu or the features', () => {
    expect(knowledge.nluModel?.inputs).toBe(knowledge.nluInputs);
    const trained = createCore({ ...knowledge, nluModel: null }).model();
    expect(JSON.stringify(trained)).toBe(JSON.stringify(knowledge.nluModel));
  });
});

/**
 * The classifier and its committed model: scoring matches wink's own where the feature weights are
 * all 1, the committed model is the one the corpus trains, and keys from user text are only data.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import naiveBayes from 'wink-naive-bayes-text-classifier';
import { createCore } from '../../src/core/index.js';
import { Classifier } from '../../src/core/understand/classifier.js';
import { decodeModel, encodeModel, ModelFileError, type NluModel } from '../../src/core/understand/model-file.js';
import { DATA_DIR, loadKnowledge } from '../../src/knowledge/load.js';

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

  test('finds every feature it was trained on, one byte a character or two (a character past U+00FF)', () => {
    for (const extra of [[], ['w:cœur', 'w:مرحبا']]) {
      const withExtra = [...examples, { features: ['w:today', ...extra], label: 'none' }];
      const ours = Classifier.train(withExtra);
      expect(ours.tables().chars).toBeInstanceOf(extra.length > 0 ? Uint16Array : Uint8Array);
      for (const e of withExtra) for (const f of e.features) expect(ours.classify([f]).length, f).toBe(4);
      expect(ours.classify(['w:cœu', 'w:مرحب', 'w:todayx'])).toEqual([]);
    }
  });

  test('features named like Object.prototype members are just unknown words', () => {
    const ours = Classifier.train(examples);
    for (const f of ['constructor', '__proto__', 'toString', 'w:constructor', 'hasOwnProperty']) {
      expect(ours.classify([f])).toEqual([]);
    }
  });
});

describe('the committed model (data/nlu/model.bin)', () => {
  test('was trained on the current corpus: run `npm run train` after changing data/nlu or the features', () => {
    expect(knowledge.nluModel?.inputs).toBe(knowledge.nluInputs);
    const trained = createCore({ ...knowledge, nluModel: null }).model();
    const committed = readFileSync(`${DATA_DIR}nlu/model.bin`);
    expect(Buffer.from(encodeModel(trained)).equals(committed)).toBe(true);
  });

  test('reads back as written, and the classifiers score alike', () => {
    const model = knowledge.nluModel as NluModel;
    const copy = decodeModel(encodeModel(model));
    for (const name of ['intents', 'languages'] as const) {
      for (const section of ['chars', 'starts', 'buckets', 'pairs', 'offsets'] as const)
        expect(bytesOf(copy[name][section]).equals(bytesOf(model[name][section])), `${name}.${section}`).toBe(true);
    }
    const core = createCore(knowledge);
    const again = createCore({ ...knowledge, nluModel: copy });
    for (const text of ['is morocco allowed?', 'qui possède NSO ?', 'and india?', 'weather today'])
      expect(again.classify(text)).toEqual(core.classify(text));
  });

  test('another format or a cut file is refused with a reason; with damaged tables a message still gets an answer', () => {
    const good = encodeModel(knowledge.nluModel as NluModel);
    const damaged = (change: (bytes: Uint8Array) => void) => {
      const bytes = good.slice();
      change(bytes);
      return () => decodeModel(bytes);
    };
    expect(() => decodeModel(new TextEncoder().encode('{"inputs":"x"}'))).toThrow(ModelFileError);
    expect(() => decodeModel(good.subarray(0, good.length - 8))).toThrow(/shorter/);
    expect(damaged((b) => b.set([9], 6))).toThrow(/format 9/);
    const header = new DataView(good.buffer).getUint32(8, true);
    expect(damaged((b) => b.fill(0x7b, 12, 12 + header))).toThrow(/header/);
    // Tables damaged within their lengths (no empty bucket, labels and offsets out of range): reading a
    // message still ends, with an answer.
    const noise = decodeModel(good.slice());
    for (const t of [noise.intents, noise.languages]) {
      t.buckets.fill(0xffffffff);
      t.buckets[1] = 1;
      t.pairs.fill(0xffffffff);
      t.offsets.fill(0xffffffff, 1, t.offsets.length - 1);
      t.starts.fill(7, 1, t.starts.length - 1);
    }
    const core = createCore({ ...knowledge, nluModel: noise });
    for (const text of ['is morocco allowed?', 'constructor', 'qui possède NSO ?'])
      expect(core.ask(text).title.length).toBeGreaterThan(0);
  });
});

const bytesOf = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

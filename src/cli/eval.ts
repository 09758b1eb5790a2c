/**
 * `npm run eval [-- --json] [-- --threshold 0.4]`: the classifier on the held-out messages of
 * `data/nlu/<lang>.test.json` (written apart from the training examples, never trained on). Prints
 * accuracy per label (intents, NSO topics, follow-ups), per language, out-of-scope precision and
 * recall, and the confusion pairs.
 *
 * `npm run eval -- --cv [--folds 5]`: the same report from k-fold cross-validation on the TRAINING
 * corpora `data/nlu/<lang>.json` only (folds stratified per label and language, shuffled with a fixed
 * seed): each fold is classified by a model trained on the other folds. Design choices (features,
 * weights, smoothing, threshold, corpus additions) are made with this, never with the held-out sets.
 */
import { readFileSync } from 'node:fs';
import { CONFIDENCE_THRESHOLD, createCore, LABELS } from '../core/index.js';
import { DATA_DIR, loadKnowledge } from '../knowledge/load.js';
import { type NluCorpus as Corpus, NluCorpus } from '../knowledge/schema.js';

const NONE = 'none';
const LANGS = ['en', 'fr'] as const;
type Row = { lang: string; want: string; got: string; text: string };

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const threshold = Number(option('--threshold') ?? CONFIDENCE_THRESHOLD);
const cv = process.argv.includes('--cv');
const folds = Number(option('--folds') ?? 5);
if (!(threshold >= 0 && threshold <= 1)) throw new Error('--threshold: a number from 0 to 1');
if (cv && !(Number.isInteger(folds) && folds >= 2)) throw new Error('--folds: an integer of at least 2');

const knowledge = loadKnowledge();

function decide(classify: (text: string) => { label: string; score: number }[], text: string): string {
  const [best] = classify(text);
  return best && best.score >= threshold ? best.label : NONE;
}

/** The held-out sets, read by the model the bot uses. */
function heldOut(): Row[] {
  const core = createCore(knowledge);
  const rows: Row[] = [];
  for (const lang of LANGS) {
    const test = NluCorpus.parse(JSON.parse(readFileSync(`${DATA_DIR}nlu/${lang}.test.json`, 'utf8')));
    for (const [want, messages] of Object.entries(test.examples)) {
      for (const text of messages) rows.push({ lang, want, got: decide(core.classify, text), text });
    }
  }
  return rows;
}

/** A small seeded generator (mulberry32): the same folds on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** k-fold cross-validation on the training corpora, stratified per label and language. */
function crossValidation(k: number): Row[] {
  const next = random(20_26);
  // fold[lang][label][i]: the fold of the i-th example.
  const foldOf = new Map<string, number[]>();
  for (const corpus of knowledge.nlu) {
    for (const [label, messages] of Object.entries(corpus.examples)) {
      const order = messages.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const fold = new Array<number>(messages.length);
      order.forEach((index, n) => {
        fold[index] = n % k;
      });
      foldOf.set(`${corpus.lang} ${label}`, fold);
    }
  }
  const part = (corpus: Corpus, f: number, keep: boolean): Corpus => ({
    lang: corpus.lang,
    examples: Object.fromEntries(
      Object.entries(corpus.examples).map(([label, messages]) => {
        const fold = foldOf.get(`${corpus.lang} ${label}`) as number[];
        return [label, messages.filter((_, i) => (fold[i] === f) !== keep)];
      }),
    ),
  });
  const rows: Row[] = [];
  for (let f = 0; f < k; f++) {
    const training = knowledge.nlu.map((c) => part(c, f, true));
    const core = createCore({ ...knowledge, nlu: training, nluModel: null });
    for (const corpus of knowledge.nlu) {
      for (const [want, messages] of Object.entries(part(corpus, f, false).examples)) {
        for (const text of messages) rows.push({ lang: corpus.lang, want, got: decide(core.classify, text), text });
      }
    }
  }
  return rows;
}

const rows = cv ? crossValidation(folds) : heldOut();

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
const accuracy = (subset: Row[]) => ({ n: subset.length, ok: subset.filter((r) => r.got === r.want).length });
const perLabel = LABELS.map((label) => ({ label, ...accuracy(rows.filter((r) => r.want === label)) }));
const perLang = LANGS.map((lang) => ({ lang, ...accuracy(rows.filter((r) => r.lang === lang)) }));
const inScope = rows.filter((r) => r.want !== NONE);
const topics = rows.filter((r) => r.want.startsWith('nso.'));
const intents = inScope.filter((r) => !r.want.startsWith('nso.'));
const saidNone = rows.filter((r) => r.got === NONE);
const oos = {
  precision: saidNone.filter((r) => r.want === NONE).length / Math.max(1, saidNone.length),
  recall:
    rows.filter((r) => r.want === NONE && r.got === NONE).length /
    Math.max(1, rows.filter((r) => r.want === NONE).length),
  inScopeAsNone: inScope.filter((r) => r.got === NONE).length / Math.max(1, inScope.length),
};
const confusions = new Map<string, string[]>();
for (const r of rows.filter((x) => x.got !== x.want)) {
  const key = `${r.want} → ${r.got}`;
  confusions.set(key, [...(confusions.get(key) ?? []), r.text]);
}
const pairs = [...confusions].sort((a, b) => b[1].length - a[1].length);
const all = accuracy(rows);

if (process.argv.includes('--json')) {
  const mode = cv ? { mode: 'cv', folds } : { mode: 'held-out' };
  process.stdout.write(
    `${JSON.stringify({ ...mode, threshold, accuracy: all.ok / all.n, intents: accuracy(intents), topics: accuracy(topics), perLang, perLabel, oos, confusions: pairs.map(([k, v]) => ({ pair: k, count: v.length, examples: v.slice(0, 3) })) }, null, 2)}\n`,
  );
} else {
  const what = cv ? `cross-validation, ${folds} folds of the training messages` : 'held-out messages';
  const out: string[] = [
    `${what}: ${all.n} (en ${perLang[0]?.n}, fr ${perLang[1]?.n}); threshold ${threshold}`,
    `accuracy: ${pct(all.ok, all.n)} · intents and follow-ups ${pct(accuracy(intents).ok, intents.length)} · NSO topics ${pct(accuracy(topics).ok, topics.length)}`,
    `per language: ${perLang.map((l) => `${l.lang} ${pct(l.ok, l.n)}`).join(' · ')}`,
    `out of scope: precision ${(oos.precision * 100).toFixed(1)}%, recall ${(oos.recall * 100).toFixed(1)}%; in-scope answered as out of scope ${(oos.inScopeAsNone * 100).toFixed(1)}%`,
    '',
    'per label:',
    ...perLabel.map((l) => `  ${l.label.padEnd(20)} ${pct(l.ok, l.n).padStart(7)}  (${l.ok}/${l.n})`),
    '',
    'confusions (wanted → got):',
    ...pairs.slice(0, 25).map(([k, v]) => `  ${String(v.length).padStart(3)}  ${k}   e.g. “${v[0]}”`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

/**
 * Questions as users send them, for the round-trip benchmarks: mostly distinct (any country, in
 * English or French, several phrasings, made-up places, NSO topics, out-of-scope chatter), with a
 * few popular ones asked again. Seeded: the same sequence on every run.
 */
import { loadKnowledge } from '../src/knowledge/load.js';
import { Random } from '../tests/fuzz/random.js';

const EN = [
  (c: string) => `Is ${c} allowed?`,
  (c: string) => `Can Israeli firms sell spyware to ${c}?`,
  (c: string) => `${c}?`,
  (c: string) => `Was ${c} removed from the list?`,
  (c: string) => `Did ${c} use Pegasus?`,
  (c: string) => `why is ${c} on the list`,
];
const FR = [
  (c: string) => `Est-ce que ${c} est autorisé ?`,
  (c: string) => `Les entreprises israéliennes peuvent-elles vendre à ${c} ?`,
  (c: string) => `Et ${c} ?`,
  (c: string) => `${c} a été retiré de la liste ?`,
];
const TOPICS = [
  'What happened with NSO?',
  "Que s'est-il passé avec NSO ?",
  'What is Pegasus?',
  'What happened in the WhatsApp lawsuit?',
  'Apple lawsuit',
  'why did the US blacklist NSO?',
  'Who owns NSO now?',
  'latest news on NSO',
  'Khashoggi',
  'Which countries are on the list?',
  'Quels pays ont été retirés ?',
  'sources ?',
  'what can you do?',
];
const CHATTER = [
  'the weather is nice today',
  'who won the match last night',
  'quelle heure est-il',
  'recommend me a film',
  'je cherche une recette de crêpes',
  'how do I reset my password',
];
const POPULAR = ['Is Morocco allowed?', 'What happened with NSO?', 'Est-ce que le Maroc est autorisé ?'];
/** Syllables of made-up place names. */
export const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'tu', 'ven', 'dor', 'sha', 'qui', 'bel', 'nor', 'zan'];

/** An endless, seeded stream of questions. */
export function questionStream(seed = 12): () => string {
  const kb = loadKnowledge();
  const en = Object.values(kb.names).flatMap((n) => n.en.slice(0, 1));
  const fr = Object.values(kb.names).flatMap((n) => n.fr.slice(0, 1));
  const random = new Random(seed);
  const rnd = () => random.next();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const place = () => {
    const word = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(SYLLABLES)).join('');
    return word.charAt(0).toUpperCase() + word.slice(1);
  };
  return () => {
    const r = rnd();
    if (r < 0.4) return pick(EN)(pick(en));
    if (r < 0.6) return pick(FR)(pick(fr));
    if (r < 0.75) return pick(TOPICS);
    if (r < 0.85) return `Is ${place()} allowed?`;
    if (r < 0.92) return `${pick(CHATTER)} ${Math.floor(rnd() * 100)}`;
    return pick(POPULAR);
  };
}

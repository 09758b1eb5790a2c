/**
 * The benchmark corpus: at least 500 varied questions, built from templates, countries and topics in
 * English and French (typos, flags, codes and bad input included), always the same.
 */
const COUNTRIES_EN = [
  'Morocco',
  'the UAE',
  'Saudi Arabia',
  'Mexico',
  'India',
  'France',
  'Germany',
  'Hungary',
  'Poland',
  'Spain',
  'Rwanda',
  'Bahrain',
  'the United States',
  'the UK',
  'Japan',
  'South Korea',
  'Brazil',
  'Nigeria',
  'Niger',
  'Papua New Guinea',
  'Marocco',
  'Germny',
  'KSA',
  'Emirates',
  'Holland',
  'Türkiye',
  'Czechia',
  'Atlantis',
];
const COUNTRIES_FR = [
  'le Maroc',
  'les Émirats',
  "l'Arabie saoudite",
  'le Mexique',
  "l'Inde",
  'la France',
  "l'Allemagne",
  'la Hongrie',
  'la Pologne',
  "l'Espagne",
  'le Rwanda',
  'les États-Unis',
  'le Royaume-Uni',
  'la Corée du Sud',
  'la Tchéquie',
];
const TEMPLATES_EN = [
  (c: string) => `Is ${c} allowed?`,
  (c: string) => `Can Israeli firms sell spyware to ${c}?`,
  (c: string) => `${c}?`,
  (c: string) => `Was ${c} removed from the list?`,
  (c: string) => `Can ${c} buy Pegasus?`,
  (c: string) => `Did ${c} use Pegasus?`,
];
const TEMPLATES_FR = [
  (c: string) => `Est-ce que ${c} est autorisé ?`,
  (c: string) => `Les entreprises israéliennes peuvent-elles vendre à ${c} ?`,
  (c: string) => `Et ${c} ?`,
  (c: string) => `${c} a-t-il été retiré de la liste ?`,
];
const OTHERS = [
  'What happened with NSO?',
  "Que s'est-il passé avec NSO ?",
  'What is Pegasus?',
  'Apple lawsuit',
  'What happened in the WhatsApp lawsuit?',
  'why did the US blacklist NSO?',
  'NSO debt',
  'Who owns NSO now?',
  'latest news on NSO',
  'Khashoggi',
  'Which countries are on the list?',
  'Quels pays ont été retirés ?',
  'how many countries can buy?',
  'sources ?',
  'hi',
  'what can you do?',
  '🇮🇳?',
  '🇲🇦 🇦🇪',
  'MA',
  'DEU?',
  'India and Mexico',
  'Inde et Mexique',
  'the weather is nice today',
  '',
  '<script>alert(1)</script>',
  '@everyone is Morocco allowed?',
  'Is Morocco allowed? '.repeat(200),
  '😀'.repeat(300),
];

export function buildCorpus(): string[] {
  const corpus: string[] = [];
  for (const t of TEMPLATES_EN) for (const c of COUNTRIES_EN) corpus.push(t(c));
  for (const t of TEMPLATES_FR) for (const c of COUNTRIES_FR) corpus.push(t(c));
  for (let i = 0; i < 5; i++) corpus.push(...OTHERS);
  // Mixed case and punctuation variants, so that no two passes see only identical strings.
  for (const q of corpus.slice(0, 160)) corpus.push(q.toUpperCase(), `${q.toLowerCase()} !!`);
  return corpus;
}

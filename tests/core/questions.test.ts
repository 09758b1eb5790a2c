/**
 * The question table: what people type, and what the bot must understand from it.
 */
import { describe, expect, test } from 'vitest';
import { createCore, type Intent, type Lang, type Status, type Topic } from '../../src/core/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const core = createCore(loadKnowledge());

interface Expect {
  countries?: string[];
  /** A name that fits several countries: the answer asks which one. */
  choices?: string[];
  statuses?: Status[];
  topic?: Topic;
  lang?: Lang;
  hint?: Lang;
}
type Row = [question: string, intent: Intent, expect?: Expect];

const st = (countries: string[], statuses: Status[], lang?: Lang): Expect => ({
  countries,
  statuses,
  ...(lang ? { lang } : {}),
});
const nso = (topic: Topic, lang?: Lang, countries?: string[]): Expect => ({
  topic,
  ...(lang ? { lang } : {}),
  ...(countries ? { countries } : {}),
});

const ROWS: Row[] = [
  // Country status, English
  ['Is Morocco allowed?', 'country_status', st(['MA'], ['removed'], 'en')],
  ['can Israeli firms sell spyware to the UAE', 'country_status', st(['AE'], ['removed'], 'en')],
  ['Can Israel sell Pegasus to Saudi Arabia?', 'country_status', st(['SA'], ['removed'], 'en')],
  ['Is Mexico still allowed to buy Israeli cyber weapons?', 'country_status', st(['MX'], ['removed'], 'en')],
  ['Is India on the list?', 'country_status', st(['IN'], ['listed'], 'en')],
  ['India and Mexico', 'country_status', st(['IN', 'MX'], ['listed', 'removed'])],
  ['What about Germany?', 'country_status', st(['DE'], ['listed'], 'en')],
  ['Can NSO sell to France?', 'country_status', st(['FR'], ['listed'], 'en')],
  ['Is Hungary allowed to buy spyware?', 'country_status', st(['HU'], ['not_listed'], 'en')],
  ['Poland allowed?', 'country_status', st(['PL'], ['not_listed'], 'en')],
  ['Can Israeli companies export to Brazil?', 'country_status', st(['BR'], ['not_listed'], 'en')],
  ['Is Israel allowed?', 'country_status', st(['IL'], ['domestic'], 'en')],
  ['Can Israel sell to Morocco?', 'country_status', st(['MA'], ['removed'], 'en')],
  ['Is the United Kingdom eligible?', 'country_status', st(['GB'], ['listed'], 'en')],
  ['United States', 'country_status', st(['US'], ['listed'])],
  ['Is the US allowed?', 'country_status', st(['US'], ['listed'], 'en')],
  ['Can they sell to South Korea?', 'country_status', st(['KR'], ['listed'], 'en')],
  ['Is Japan on the list?', 'country_status', st(['JP'], ['listed'], 'en')],
  ['Spain, France and Germany', 'country_status', st(['ES', 'FR', 'DE'], ['listed', 'listed', 'listed'])],
  ['Is Rwanda allowed to purchase Pegasus?', 'country_status', st(['RW'], ['not_listed'], 'en')],
  ['Bahrain status', 'country_status', st(['BH'], ['not_listed'], 'en')],
  ['Is Azerbaijan banned?', 'country_status', st(['AZ'], ['not_listed'], 'en')],
  ['Was Morocco removed from the list?', 'country_status', st(['MA'], ['removed'], 'en')],
  ['Is New Zealand allowed?', 'country_status', st(['NZ'], ['listed'], 'en')],
  ['Czech Republic?', 'country_status', st(['CZ'], ['listed'])],
  ['Is Liechtenstein on the list?', 'country_status', st(['LI'], ['listed'], 'en')],
  ['Is Malta allowed?', 'country_status', st(['MT'], ['listed'], 'en')],
  ['Can Israeli firms sell hacking tools to China?', 'country_status', st(['CN'], ['not_listed'], 'en')],
  ['Russia', 'country_status', st(['RU'], ['not_listed'])],
  ['Is Ukraine allowed?', 'country_status', st(['UA'], ['not_listed'], 'en')],
  ['Can the Netherlands buy Pegasus?', 'country_status', st(['NL'], ['listed'], 'en')],
  ['Is Canada allowed?', 'country_status', st(['CA'], ['listed'], 'en')],
  ['Is Australia allowed?', 'country_status', st(['AU'], ['listed'], 'en')],
  ['Is Switzerland allowed?', 'country_status', st(['CH'], ['listed'], 'en')],
  ['Is Norway allowed?', 'country_status', st(['NO'], ['listed'], 'en')],
  ['Can El Salvador buy spyware?', 'country_status', st(['SV'], ['not_listed'], 'en')],
  // Country status, French
  ['Est-ce que le Maroc est autorisé ?', 'country_status', st(['MA'], ['removed'], 'fr')],
  ['Maroc ?', 'country_status', st(['MA'], ['removed'], 'fr')],
  ['Les entreprises israéliennes peuvent-elles vendre aux Émirats ?', 'country_status', st(['AE'], ['removed'], 'fr')],
  ['aux Émirats arabes unis ?', 'country_status', st(['AE'], ['removed'], 'fr')],
  ["l'Inde est-elle sur la liste ?", 'country_status', st(['IN'], ['listed'], 'fr')],
  ["Israël peut-il vendre Pegasus à l'Arabie saoudite ?", 'country_status', st(['SA'], ['removed'], 'fr')],
  ["Et d'Arabie saoudite ?", 'country_status', st(['SA'], ['removed'], 'fr')],
  ['Le Mexique peut-il acheter des logiciels espions ?', 'country_status', st(['MX'], ['removed'], 'fr')],
  ['La France est-elle autorisée ?', 'country_status', st(['FR'], ['listed'], 'fr')],
  ['Allemagne ?', 'country_status', st(['DE'], ['listed'], 'fr')],
  ['Et la Hongrie ?', 'country_status', st(['HU'], ['not_listed'], 'fr')],
  ['La Pologne est-elle sur la liste ?', 'country_status', st(['PL'], ['not_listed'], 'fr')],
  ['Peut-on vendre au Royaume-Uni ?', 'country_status', st(['GB'], ['listed'], 'fr')],
  ['Les États-Unis sont-ils autorisés ?', 'country_status', st(['US'], ['listed'], 'fr')],
  ['Corée du Sud ?', 'country_status', st(['KR'], ['listed'], 'fr')],
  ['Inde et Mexique', 'country_status', st(['IN', 'MX'], ['listed', 'removed'], 'fr')],
  ['Est-ce que la Belgique peut acheter Pegasus ?', 'country_status', st(['BE'], ['listed'], 'fr')],
  ['Les Pays-Bas sont-ils autorisés ?', 'country_status', st(['NL'], ['listed'], 'fr')],
  ['Vente au Rwanda autorisée ?', 'country_status', st(['RW'], ['not_listed'], 'fr')],
  ['Le Maroc a-t-il été retiré de la liste ?', 'country_status', st(['MA'], ['removed'], 'fr')],
  ['Suisse ?', 'country_status', st(['CH'], ['listed'], 'fr')],
  ['Israël est-il autorisé ?', 'country_status', st(['IL'], ['domestic'], 'fr')],
  // Codes and flags
  ['🇮🇳?', 'country_status', st(['IN'], ['listed'])],
  ['🇲🇦', 'country_status', st(['MA'], ['removed'])],
  ['🇦🇪 🇸🇦', 'country_status', st(['AE', 'SA'], ['removed', 'removed'])],
  ['Is 🇫🇷 allowed?', 'country_status', st(['FR'], ['listed'], 'en')],
  ['MA', 'country_status', st(['MA'], ['removed'])],
  ['Is MAR allowed?', 'country_status', st(['MA'], ['removed'], 'en')],
  ['DEU?', 'country_status', st(['DE'], ['listed'])],
  ['Can they sell to the US?', 'country_status', st(['US'], ['listed'], 'en')],
  ['FR and GB', 'country_status', st(['FR', 'GB'], ['listed', 'listed'])],
  ['Is SAU allowed?', 'country_status', st(['SA'], ['removed'], 'en')],
  // Aliases and demonyms
  ['Is the UAE allowed?', 'country_status', st(['AE'], ['removed'], 'en')],
  ['EAU ?', 'country_status', st(['AE'], ['removed'])],
  ['Emirates?', 'country_status', st(['AE'], ['removed'])],
  ['Can KSA buy Pegasus?', 'country_status', st(['SA'], ['removed'], 'en')],
  ['Holland?', 'country_status', st(['NL'], ['listed'])],
  ['Is Türkiye allowed?', 'country_status', st(['TR'], ['not_listed'], 'en')],
  ['Turkey?', 'country_status', st(['TR'], ['not_listed'])],
  ['Czechia', 'country_status', st(['CZ'], ['listed'])],
  ['Tchéquie ?', 'country_status', st(['CZ'], ['listed'])],
  ['Can Moroccan agencies buy Pegasus?', 'country_status', st(['MA'], ['removed'], 'en')],
  ['Les Marocains peuvent-ils acheter ?', 'country_status', st(['MA'], ['removed'], 'fr')],
  ['Can Saudi buy spyware?', 'country_status', st(['SA'], ['removed'], 'en')],
  ['Emirati buyers allowed?', 'country_status', st(['AE'], ['removed'], 'en')],
  ['Britain?', 'country_status', st(['GB'], ['listed'])],
  ['Is America allowed?', 'country_status', st(['US'], ['listed'], 'en')],
  ['Can Indian police buy Pegasus?', 'country_status', st(['IN'], ['listed'], 'en')],
  ['Is the U.S. allowed?', 'country_status', st(['US'], ['listed'], 'en')],
  ['Grande-Bretagne ?', 'country_status', st(['GB'], ['listed'])],
  ['Ivory Coast?', 'country_status', st(['CI'], ['not_listed'])],
  ['Deutschland?', 'country_status', st(['DE'], ['listed'])],
  ['España?', 'country_status', st(['ES'], ['listed'])],
  // Typos
  ['Is Marocco allowed?', 'country_status', st(['MA'], ['removed'], 'en')],
  ['Germny?', 'country_status', st(['DE'], ['listed'])],
  ['Is Mexcio allowed?', 'country_status', st(['MX'], ['removed'], 'en')],
  ['Can they sell to Saudi Arbia?', 'country_status', st(['SA'], ['removed'], 'en')],
  ['Is Hungry allowed?', 'country_status', st(['HU'], ['not_listed'], 'en')],
  ['Is Austrailia allowed?', 'country_status', st(['AU'], ['listed'], 'en')],
  ['Is Swizerland allowed?', 'country_status', st(['CH'], ['listed'], 'en')],
  ['Is New Zeland allowed?', 'country_status', st(['NZ'], ['listed'], 'en')],
  ['Allemagn autorisée ?', 'country_status', st(['DE'], ['listed'], 'fr')],
  // Traps
  ['Niger', 'country_status', st(['NE'], ['not_listed'])],
  ['Nigeria allowed?', 'country_status', st(['NG'], ['not_listed'], 'en')],
  ['Guinea?', 'country_status', { countries: [], choices: ['GN', 'GW', 'GQ'] }],
  ['Congo', 'country_status', { countries: [], choices: ['CG', 'CD'] }],
  ['is korea allowed?', 'country_status', { countries: [], choices: ['KR', 'KP'], lang: 'en' }],
  ['Virgin Islands?', 'country_status', { countries: [], choices: ['VG', 'VI'] }],
  ['DR Congo?', 'country_status', st(['CD'], ['not_listed'])],
  ['Republic of the Congo', 'country_status', st(['CG'], ['not_listed'])],
  ['South Korea?', 'country_status', st(['KR'], ['listed'])],
  ['US Virgin Islands', 'country_status', st(['VI'], ['not_listed'])],
  ['Papua New Guinea?', 'country_status', st(['PG'], ['not_listed'])],
  ['Equatorial Guinea?', 'country_status', st(['GQ'], ['not_listed'])],
  ['Dominica?', 'country_status', st(['DM'], ['not_listed'])],
  ['Dominican Republic?', 'country_status', st(['DO'], ['not_listed'])],
  ['Is Iran allowed?', 'country_status', st(['IR'], ['not_listed'], 'en')],
  ['Is Iraq allowed?', 'country_status', st(['IQ'], ['not_listed'], 'en')],
  ['Sudan or South Sudan?', 'country_status', st(['SD', 'SS'], ['not_listed', 'not_listed'])],
  ['IS MOROCCO ALLOWED', 'country_status', st(['MA'], ['removed'])],
  ['is it ok in india', 'country_status', st(['IN'], ['listed'])],
  ['Is Austria or Australia allowed?', 'country_status', st(['AT', 'AU'], ['listed', 'listed'], 'en')],
  ['Slovakia and Slovenia?', 'country_status', st(['SK', 'SI'], ['listed', 'listed'])],
  // Lists
  ['Which countries are on the list?', 'list_allowed', { lang: 'en' }],
  ['how many countries can buy?', 'list_allowed', { lang: 'en' }],
  ['Which countries are allowed?', 'list_allowed', { lang: 'en' }],
  ['list of eligible countries', 'list_allowed', { lang: 'en' }],
  ['Quels pays sont autorisés ?', 'list_allowed', { lang: 'fr' }],
  ['Combien de pays peuvent acheter ?', 'list_allowed', { lang: 'fr' }],
  ['Quels pays sont sur la liste ?', 'list_allowed', { lang: 'fr' }],
  ['Which countries can buy Israeli spyware?', 'list_allowed', { lang: 'en' }],
  ['Which countries were removed?', 'list_removed', { lang: 'en' }],
  ['quels pays ont été retirés ?', 'list_removed', { lang: 'fr' }],
  ['Which countries were dropped from the list?', 'list_removed', { lang: 'en' }],
  ['Who was excluded?', 'list_removed', { lang: 'en' }],
  ['Quels pays ont été exclus de la liste ?', 'list_removed', { lang: 'fr' }],
  ['Which 65 countries are banned?', 'list_removed', { lang: 'en' }],
  // NSO topics
  ['What happened with NSO?', 'nso', nso('overview', 'en')],
  ["Que s'est-il passé avec NSO ?", 'nso', nso('overview', 'fr')],
  ['Tell me about NSO Group', 'nso', nso('overview', 'en')],
  ['NSO', 'nso', nso('overview')],
  ['What is Pegasus?', 'nso', nso('pegasus', 'en')],
  ["Qu'est-ce que Pegasus ?", 'nso', nso('pegasus', 'fr')],
  ['How does Pegasus infect an iPhone?', 'nso', nso('pegasus', 'en')],
  ['What did the Pegasus Project find?', 'nso', nso('investigations', 'en')],
  ['What did Citizen Lab discover about NSO?', 'nso', nso('investigations', 'en')],
  ['Quelles enquêtes sur Pegasus ?', 'nso', nso('investigations', 'fr')],
  ['Was Macron targeted by Pegasus?', 'nso', nso('investigations', 'en')],
  ['What rules does the defense ministry apply to cyber exports?', 'nso', nso('export_list', 'en')],
  ['What are the export licence rules?', 'nso', nso('export_list', 'en')],
  ['why did the US blacklist NSO?', 'nso', nso('us_entity_list', 'en', ['US'])],
  ['Is NSO still on the entity list?', 'nso', nso('us_entity_list', 'en')],
  ['Pourquoi NSO est sur la liste noire américaine ?', 'nso', nso('us_entity_list', 'fr')],
  ['Apple lawsuit', 'nso', nso('apple_lawsuit', 'en')],
  ['Pourquoi Apple a poursuivi NSO ?', 'nso', nso('apple_lawsuit', 'fr')],
  ['Did Apple drop its case against NSO?', 'nso', nso('apple_lawsuit', 'en')],
  ['What happened in the WhatsApp lawsuit?', 'nso', nso('whatsapp_lawsuit', 'en')],
  ['Can NSO claim sovereign immunity?', 'nso', nso('whatsapp_lawsuit', 'en')],
  ['Le procès WhatsApp contre NSO', 'nso', nso('whatsapp_lawsuit', 'fr')],
  ['How much did the jury award Meta?', 'nso', nso('whatsapp_lawsuit', 'en')],
  ['Was Pegasus used on Khashoggi?', 'nso', nso('khashoggi', 'en')],
  ['Khashoggi et Pegasus', 'nso', nso('khashoggi')],
  ['NSO debt', 'nso', nso('finances')],
  ["What did Moody's say about NSO?", 'nso', nso('finances', 'en')],
  ['NSO a-t-il des dettes ?', 'nso', nso('finances', 'fr')],
  ['Who owns NSO now?', 'nso', nso('ownership', 'en')],
  ['Who founded NSO?', 'nso', nso('ownership', 'en')],
  ['Qui possède NSO ?', 'nso', nso('ownership', 'fr')],
  ['Who is the CEO of NSO?', 'nso', nso('ownership', 'en')],
  ['latest news on NSO', 'nso', nso('latest', 'en')],
  ['Quelles sont les dernières nouvelles de NSO ?', 'nso', nso('latest', 'fr')],
  ['What is new with Pegasus in 2026?', 'nso', nso('latest', 'en')],
  ['Did India use Pegasus?', 'nso', nso('investigations', 'en', ['IN'])],
  ['Did Morocco spy on Macron with Pegasus?', 'nso', nso('investigations', 'en', ['MA'])],
  ['Pegasus en Espagne', 'nso', { countries: ['ES'], lang: 'fr' }],
  // Maps
  ['map', 'map', { lang: 'en' }],
  ['Show me a map of Europe', 'map', { lang: 'en' }],
  ['carte de l’Afrique', 'map', { lang: 'fr' }],
  ['map of Morocco', 'map', { countries: ['MA'], lang: 'en' }],
  ['Carte du Maroc', 'map', { countries: ['MA'], lang: 'fr' }],
  // Sources, help, unknown
  ['sources ?', 'sources'],
  ['Where does this come from?', 'sources', { lang: 'en' }],
  ["D'où viennent ces informations ?", 'sources', { lang: 'fr' }],
  ['hi', 'help'],
  ['hello', 'help', { lang: 'en' }],
  ['Bonjour', 'help', { lang: 'fr' }],
  ['what can you do?', 'help', { lang: 'en' }],
  ['/start', 'help'],
  ['aide', 'help', { lang: 'fr' }],
  ['', 'help'],
  ['the weather is nice today', 'unknown', { lang: 'en' }],
  ['Quelle heure est-il ?', 'unknown', { lang: 'fr' }],
  ['Is Atlantis allowed?', 'unknown', { lang: 'en' }],
  ['Is Wakanda allowed?', 'unknown', { lang: 'en' }],
  // Messages from real chats (issue 10): out of scope stays out of scope
  ['ethereum price today', 'unknown', { lang: 'en' }],
  ['is whatsapp down?', 'unknown', { lang: 'en' }],
  ['who runs apple now', 'unknown', { lang: 'en' }],
  ['the owner of my gym is israeli', 'unknown', { lang: 'en' }],
  ['my iphone is slow lol', 'unknown', { lang: 'en' }],
  ['who is the prime minister of israel', 'unknown', { lang: 'en' }],
  // Informal list questions, slang, short French
  ['which countries got booted from the list', 'list_removed', { lang: 'en' }],
  ['quels pays ont été dégagés de la liste', 'list_removed', { lang: 'fr' }],
  ['how many countries can israeli companies sell spyware to now', 'list_allowed', { lang: 'en' }],
  ["c'était combien de pays au début", 'list_allowed', { lang: 'fr' }],
  ['what r u for', 'help', { lang: 'en' }],
  ['how do i use you', 'help', { lang: 'en' }],
  ['tu fais quoi toi ?', 'help', { lang: 'fr' }],
  ["comment on t'utilise", 'help', { lang: 'fr' }],
  ["t'as un lien ?", 'sources', { lang: 'fr' }],
  ['c koi pegasus', 'nso', nso('pegasus', 'fr')],
  ['combien nso doit a whatsapp', 'nso', nso('whatsapp_lawsuit', 'fr')],
  ['merci bcp', 'help', { lang: 'fr' }],
  ['is israel itself on the list?', 'country_status', st(['IL'], ['domestic'], 'en')],
  ["Israël, c'est autorisé ?", 'country_status', st(['IL'], ['domestic'], 'fr')],
  ['Why did Israel cut the export list?', 'list_allowed', { lang: 'en' }],
  // Language hints
  ['🇲🇦', 'country_status', { countries: ['MA'], lang: 'fr', hint: 'fr' }],
  ['NSO', 'nso', { lang: 'fr', hint: 'fr', topic: 'overview' }],
  ['Is Morocco allowed?', 'country_status', { lang: 'en', hint: 'fr' }],
  ['Le Maroc est-il autorisé ?', 'country_status', { lang: 'fr', hint: 'en' }],
  // A country's name alone: the language of the name, when it has one; a name in capitals has none.
  ['usa', 'country_status', { countries: ['US'], lang: 'en' }],
  ['usa?', 'country_status', { countries: ['US'], lang: 'en' }],
  ['maroc', 'country_status', { countries: ['MA'], lang: 'fr', hint: 'en' }],
  ['morocco', 'country_status', { countries: ['MA'], lang: 'en', hint: 'fr' }],
  ['USA', 'country_status', { countries: ['US'], lang: 'fr', hint: 'fr' }],
  ['UK', 'country_status', { countries: ['GB'], lang: 'en', hint: 'en' }],
];

describe('the question table', () => {
  test('has at least 150 questions', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(150);
  });

  test.each(ROWS)('%s → %s', (question, intent, want = {}) => {
    const answer = core.ask(question, { hint: want.hint });
    expect(answer.intent).toBe(intent);
    if (want.countries) expect(answer.countries.map((c) => c.code)).toEqual(want.countries);
    if (want.choices) expect(answer.choices?.map((c) => c.code)).toEqual(want.choices);
    if (want.statuses) expect(answer.countries.map((c) => c.status)).toEqual(want.statuses);
    if (want.topic) expect(answer.topic).toBe(want.topic);
    if (want.lang) expect(answer.lang).toBe(want.lang);
  });
});

describe('conversations: follow-ups read against the last question', () => {
  /** Plays the turns of one conversation; returns each answer. */
  function converse(turns: string[], hint?: Lang) {
    let context: ReturnType<typeof core.understand> | undefined;
    return turns.map((text) => {
      const query = core.understand(text, { hint, context });
      if (query.intent !== 'help' && query.intent !== 'unknown') context = query;
      if (query.intent === 'help' && query.aspect === 'reset') context = undefined;
      return { query, answer: core.answer(query) };
    });
  }

  test('why? since when? sources? after a country question', () => {
    const [first, why, since, sources] = converse(['Is Morocco allowed?', 'why?', 'since when?', 'sources?']);
    expect(first?.answer.countries.map((c) => c.code)).toEqual(['MA']);
    expect(why?.query).toMatchObject({ intent: 'country_status', countries: ['MA'], aspect: 'why', followUp: 'why' });
    expect(why?.answer.text).toContain('Amnesty');
    expect(since?.query).toMatchObject({ countries: ['MA'], aspect: 'since' });
    expect(`${since?.answer.title}\n${since?.answer.text}`).toContain('2021');
    expect(sources?.query).toMatchObject({ countries: ['MA'], aspect: 'sources' });
    expect(sources?.answer.text).toContain('Times of Israel');
  });

  test('a new country alone keeps the question: "and Mexico?" / "et le Mexique ?"', () => {
    const [, mexico] = converse(['Is India allowed?', 'and Mexico?']);
    expect(mexico?.query).toMatchObject({ intent: 'country_status', countries: ['MX'], followUp: 'country' });
    const [, fr] = converse(['qui a été espionné avec pegasus au maroc ?', 'et le mexique ?']);
    expect(fr?.query).toMatchObject({ intent: 'nso', countries: ['MX'], lang: 'fr' });
  });

  test('what about them? more, what does that mean, a language switch', () => {
    const [, them, more, meaning, french] = converse([
      'Is Morocco allowed?',
      'what about them?',
      'more',
      'what does that mean?',
      'en français ?',
    ]);
    expect(them?.query).toMatchObject({ countries: ['MA'], aspect: 'about' });
    expect(them?.answer.text).toContain('Pegasus');
    expect(more?.query).toMatchObject({ countries: ['MA'], aspect: 'more' });
    expect(meaning?.query.aspect).toBe('meaning');
    expect(meaning?.answer.text).toContain('DECA');
    expect(french?.answer.lang).toBe('fr');
  });

  test('"Congo" asks which one; a number picks it', () => {
    const [ask, pick] = converse(['Congo', '2']);
    expect(ask?.answer.choices?.map((c) => c.code)).toEqual(['CG', 'CD']);
    expect(pick?.query).toMatchObject({ intent: 'country_status', countries: ['CD'], choices: [], followUp: 'choice' });
  });

  test('an ambiguous name beside a clear one: asked about, the clear one kept; a wrong number asks again', () => {
    const [ask, pick] = converse(['Is Congo or India allowed?', '2']);
    expect(ask?.answer.choices?.map((c) => c.code)).toEqual(['CG', 'CD']);
    expect(pick?.query.countries).toEqual(['IN', 'CD']);
    const [, wrong, right] = converse(['Congo', '5', '1']);
    expect(wrong?.answer.choices?.map((c) => c.code)).toEqual(['CG', 'CD']);
    expect(right?.query.countries).toEqual(['CG']);
    expect(converse(['Guinea', 'Bissau'])[1]?.query.countries).toEqual(['GW']);
  });

  test('"what about them?" after the removed countries: what was reported about the four named', () => {
    const [, them] = converse(['Which countries were removed?', 'what about them?']);
    expect(them?.answer.title).toContain('Morocco');
    expect(them?.answer.title).toContain('Mexico');
  });

  test('forget it clears the conversation; a follow-up without one is a fresh question or the help', () => {
    const [, reset, why] = converse(['Is Morocco allowed?', 'forget it', 'why?']);
    expect(reset?.query).toMatchObject({ intent: 'help', aspect: 'reset' });
    expect(why?.query.countries).toEqual([]);
    const [alone] = converse(['since when?']);
    expect(alone?.answer.intent).not.toBe('country_status');
  });

  test('a follow-up without a remembered question is never an error', () => {
    for (const text of ['why?', 'more', 'what about them?', 'and?', 'sources?', '1', 'en français ?']) {
      const [turn] = converse([text]);
      expect(turn?.answer.text.length).toBeGreaterThan(0);
    }
  });
});

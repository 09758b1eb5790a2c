// biome-ignore-all format: word lists read best packed, not one word a line
/**
 * Word lists that are about entities, not intents (what a message asks comes from the classifier):
 * the names of map regions, and common words that must never be read as a misspelt country.
 * Already normalized (lower case, no accents); entries with a space are phrases.
 */
import type { Region } from '../knowledge/schema.js';

/** Words for each map region. */
export const REGION_CUES: Record<Exclude<Region, 'world'>, readonly string[]> = {
  europe: ['europe', 'european', 'europeen', 'europeenne', 'eu', 'ue'],
  'middle-east': ['middle east', 'moyen orient', 'proche orient', 'gulf', 'golfe', 'mena'],
  americas: ['americas', 'the americas', 'ameriques', 'latin america', 'amerique latine', 'south america', 'north america'],
  'asia-pacific': ['asia', 'asie', 'pacific', 'pacifique', 'asia pacific', 'asie pacifique'],
  africa: ['africa', 'afrique', 'african', 'africain'],
};

/** Other common words: never read as a country, however close to a name. */
export const COMMON_WORDS = [
  'please', 'thanks', 'thank', 'you', 'your', 'yes', 'no', 'not', 'this', 'that', 'these', 'those',
  'they', 'them', 'their', 'have', 'has', 'had', 'will', 'would', 'should', 'could', 'been', 'being',
  'there', 'here', 'some', 'any', 'all', 'more', 'most', 'than', 'then', 'also', 'only', 'just',
  'israel', 'israeli', 'tools', 'tool', 'cyber', 'technology', 'weapons', 'arms', 'firms', 'company',
  'companies', 'government', 'governments', 'spyware', 'about', 'other', 'again', 'still', 'other',
  'merci', 'oui', 'non', 'pas', 'plus', 'aussi', 'encore', 'cette', 'ces', 'leurs', 'leur', 'nous',
  'vous', 'tous', 'toutes', 'entreprise', 'entreprises', 'societes', 'outils', 'armes', 'gouvernement',
  'another', 'where', 'there', 'state', 'states', 'world', 'monde', 'answer', 'question', 'reponse',
  'sorry', 'pardon', 'okay', 'ok', 'well', 'good', 'bien', 'tres', 'very', 'much', 'many', 'beaucoup',
  'still', 'ever', 'never', 'jamais', 'today', 'sell', 'sold', 'vendu', 'vendus', 'hello', 'world',
  'salut', 'allowed', 'selling', 'scandal', 'scandale', 'group', 'groupe', 'sales', 'sale',
];

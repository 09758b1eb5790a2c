// biome-ignore-all format: word lists read best packed, not one word a line
/**
 * The words the core reads questions with, in English and French, already normalized (lower case,
 * no accents). Single words are matched as tokens; entries with a space are matched as phrases.
 */
import type { Region, Topic } from '../knowledge/schema.js';

/** Words that ask whether a country may buy: with a country named, the question is `country_status`. */
export const SELL_CUES = [
  'sell', 'sells', 'selling', 'sale', 'sales', 'buy', 'buys', 'buying', 'purchase', 'purchases',
  'export', 'exports', 'exporting', 'allowed', 'allow', 'allows', 'authorized', 'authorised',
  'permitted', 'permit', 'eligible', 'banned', 'ban', 'bans', 'forbidden', 'prohibited', 'listed',
  'removed', 'dropped', 'excluded', 'status', 'legal', 'approved',
  'vendre', 'vend', 'vendent', 'vente', 'ventes', 'acheter', 'achete', 'achetent', 'achat', 'achats',
  'exporter', 'exportation', 'exportations', 'autorise', 'autorisee', 'autorises', 'autorisees',
  'autorisation', 'permis', 'interdit', 'interdite', 'interdits', 'interdites', 'statut',
  'retire', 'retiree', 'exclu', 'exclue', 'eligibles',
];

/** Words that say a list of countries is wanted. */
export const LIST_CUES = [
  'countries', 'country', 'list', 'which', 'how many', 'pays', 'liste', 'quels', 'quelles', 'combien',
  'lesquels', 'who can', 'qui peut', 'qui peuvent', 'names', 'noms',
];

/** Words that say the removed countries are wanted. */
export const REMOVED_CUES = [
  'removed', 'dropped', 'excluded', 'cut', 'struck', 'banned', 'lost', 'taken off', 'no longer',
  'retires', 'retirees', 'retire', 'supprimes', 'exclus', 'exclues', 'enleves', 'interdits',
  'ne sont plus', 'plus autorises', 'raye', 'rayes', 'sortis', '65',
];

/** Words that say the allowed countries are wanted. */
export const ALLOWED_CUES = [
  'allowed', 'eligible', 'on the list', 'can buy', 'may buy', 'permitted', 'authorized', 'authorised',
  'approved', 'remaining', 'kept', '37', 'autorises', 'autorisees', 'eligibles', 'sur la liste',
  'peuvent acheter', 'peut acheter', 'restent', 'permis', 'buy', 'acheter', 'list', 'liste',
];

export const SOURCES_CUES = [
  'source', 'sources', 'where does', 'where do', 'come from', 'references', 'citations', 'cite',
  'd ou', 'provenance', 'viennent', 'proof', 'preuves',
];

export const HELP_CUES = [
  'hi', 'hello', 'hey', 'help', 'start', 'bonjour', 'salut', 'coucou', 'bonsoir', 'aide', 'aider',
  'what can you do', 'que peux tu faire', 'que sais tu faire', 'commands', 'commandes', 'menu',
  'how do i use', 'comment utiliser', 'who are you', 'qui es tu', 'yo', 'hola',
];

/** Words that make a question about NSO even without a topic word. */
export const NSO_CUES = [
  'nso', 'pegasus', 'spyware', 'logiciel espion', 'logiciels espions', 'espion', 'espionnage',
  'q cyber', 'osy', 'spy', 'spied', 'spying', 'hack', 'hacked', 'hacking', 'surveillance',
];

/** Words for each NSO topic, with a weight: the best-scoring topic wins. */
export const TOPIC_CUES: Record<Exclude<Topic, 'overview'>, readonly string[]> = {
  pegasus: [
    'pegasus', 'zero click', 'iphone', 'android', 'capabilities', 'capacites', 'how does it work',
    'comment fonctionne', 'comment ca marche', 'what is pegasus', 'c est quoi pegasus',
    'qu est ce que pegasus', 'microphone', 'camera', 'infect', 'infects', 'infecte', 'fonctionne',
    'does it do', 'what can pegasus', 'customers', 'clients',
  ],
  investigations: [
    'citizen lab', 'amnesty', 'forbidden stories', 'pegasus project', 'projet pegasus',
    'investigation', 'investigations', 'enquete', 'enquetes', 'revelations', 'leak', 'leaked',
    'fuite', 'targets', 'targeted', 'cibles', 'cible', 'victims', 'victimes', 'journalists',
    'journalistes', 'forcedentry', 'pega', 'european parliament', 'parlement europeen', 'macron',
    'mansoor', 'million dollar dissident', 'hide and seek', 'uganda', 'ouganda', 'state department',
    'activists', 'militants', 'heads of state', 'chefs d etat', 'spied on', 'espionne', 'espionnes',
    'catalangate', 'used', 'use', 'utilise', 'utilisé',
  ],
  export_list: [
    'export rules', 'export control', 'export controls', 'export licence', 'export license',
    'licence', 'license', 'licences', 'licenses', 'deca', 'defense ministry', 'defence ministry',
    'ministry of defense', 'ministere de la defense', 'end user', 'utilisateur final', 'declaration',
    'rules', 'regles', 'law', 'loi', 'marketing', '102', 'why did israel', 'pourquoi israel',
    'export list', 'liste d exportation', 'cut the list', 'reduit la liste', 'regulation',
    'reglementation', 'wassenaar', 'gantz',
  ],
  us_entity_list: [
    'blacklist', 'blacklisted', 'blacklisting', 'entity list', 'liste noire', 'commerce department',
    'department of commerce', 'departement du commerce', 'bis', 'sanction', 'sanctions', 'sanctioned',
    'sanctionne', 'executive order', 'decret', 'delisting', 'delist', 'lobbying', 'lobby',
    'liste des entites', 'washington',
  ],
  apple_lawsuit: ['apple', 'donato', 'mercenaries', 'mercenaires'],
  whatsapp_lawsuit: [
    'whatsapp', 'meta', 'facebook', 'immunity', 'immunite', 'sovereign', 'souveraine',
    'supreme court', 'cour supreme', 'jury', 'verdict', 'injunction', 'injonction', 'damages',
    'dommages', '167', 'ninth circuit', 'hamilton', 'trial', 'proces', 'appeal', 'appel',
  ],
  khashoggi: [
    'khashoggi', 'cengiz', 'elatr', 'abdulaziz', 'murder', 'murdered', 'killing', 'meurtre',
    'assassinat', 'assassine', 'istanbul', 'journalist killed',
  ],
  finances: [
    'debt', 'debts', 'dette', 'dettes', 'moody', 'moodys', 'money', 'argent', 'finances', 'financial',
    'financier', 'financiere', 'rating', 'default', 'defaut', 'revenue', 'revenues', 'revenus',
    'loss', 'losses', 'pertes', 'loan', 'loans', 'pret', 'prets', 'bankrupt', 'bankruptcy', 'faillite',
    'cash', 'valuation', 'valorisation', 'l3harris', 'worth', 'broke', 'price', 'prix', 'cost', 'coute',
  ],
  ownership: [
    'owner', 'owners', 'owns', 'own', 'owned', 'proprietaire', 'proprietaires', 'founder', 'founders',
    'founded', 'fondateur', 'fondateurs', 'fonde', 'fondee', 'ceo', 'pdg', 'hulio', 'lavie', 'carmi',
    'friedman', 'simonds', 'acquisition', 'rachat', 'rachete', 'racheté', 'novalpina', 'francisco',
    'investors', 'investisseurs', 'chairman', 'president', 'boss', 'patron', 'dirige', 'runs', 'leader',
    'leaders', 'behind', 'derriere', 'who is behind', 'qui est derriere', 'takeover', 'bought nso',
    'sold nso', 'shohat', 'benbenisti', 'possede',
  ],
  latest: [
    'latest', 'recent', 'recently', 'news', 'now', 'today', 'currently', 'current', 'still', '2025',
    '2026', 'nouvelles', 'actualite', 'actualites', 'recemment', 'dernier', 'derniers', 'derniere',
    'dernieres', 'maintenant', 'aujourd hui', 'toujours', 'update', 'updates', 'new', 'nouveau',
    'en ce moment', 'since then', 'depuis',
  ],
};

/** Words for the latest news that also make a question about NSO on their own ("latest news?"). */
export const LATEST_ALONE_CUES = [
  'latest', 'news', 'nouvelles', 'actualite', 'actualites', 'quoi de neuf', 'what s new', 'recent news',
];

/** Words that ask for a map. */
export const MAP_CUES = ['map', 'maps', 'carte', 'cartes', 'mapa', 'show on a map', 'sur une carte'];

/** Words for each map region. */
export const REGION_CUES: Record<Exclude<Region, 'world'>, readonly string[]> = {
  europe: ['europe', 'european', 'europeen', 'europeenne', 'eu', 'ue'],
  'middle-east': ['middle east', 'moyen orient', 'proche orient', 'gulf', 'golfe', 'mena'],
  americas: ['americas', 'the americas', 'ameriques', 'latin america', 'amerique latine', 'south america', 'north america'],
  'asia-pacific': ['asia', 'asie', 'pacific', 'pacifique', 'asia pacific', 'asie pacifique'],
  africa: ['africa', 'afrique', 'african', 'africain'],
};

/** Words that ask for the story as a whole. */
export const OVERVIEW_CUES = [
  'what happened', 'que s est il passe', 'qu est il arrive', 'history', 'histoire', 'story',
  'overview', 'resume', 'summary', 'timeline', 'chronologie', 'who is nso', 'what is nso',
  'c est quoi nso', 'qu est ce que nso', 'tell me about', 'parle moi',
];

/** Function words that give away the language; a question counts the ones it contains. */
export const LANG_MARKERS = {
  en: [
    'is', 'are', 'the', 'which', 'what', 'who', 'why', 'how', 'can', 'may', 'to', 'of', 'and', 'on',
    'in', 'did', 'does', 'do', 'was', 'were', 'with', 'about', 'countries', 'allowed', 'sell', 'buy',
    'list', 'removed', 'happened', 'tell', 'me', 'where', 'when', 'it', 'still', 'from', 'there',
    'firms', 'companies', 'israeli', 'hi', 'hello', 'help', 'sources', 'latest', 'news', 'lawsuit',
  ],
  fr: [
    'est', 'sont', 'le', 'la', 'les', 'des', 'du', 'au', 'aux', 'quels', 'quelles', 'quel', 'quelle',
    'qui', 'pourquoi', 'comment', 'peut', 'peuvent', 'de', 'et', 'sur', 'dans', 'pays', 'autorise',
    'vendre', 'acheter', 'liste', 'retires', 'ce', 'que', 'qu', 'il', 'elle', 'passe', 'arrive',
    'entreprises', 'israeliennes', 'bonjour', 'salut', 'aide', 'ou', 'quand', 'toujours', 'd', 'l',
    'une', 'un', 'ont', 'avec', 'logiciel', 'espion', 'proces', 'dernieres', 'nouvelles',
  ],
} as const;

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

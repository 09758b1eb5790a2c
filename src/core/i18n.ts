/**
 * The bot's own phrases in English and French. Facts are not here: they come from `data/`.
 */
import type { DatePrecision } from '../knowledge/schema.js';
import type { Lang, Region, Status, Topic } from './types.js';

export const STATUS_LABEL: Record<Status, Record<Lang, string>> = {
  listed: { en: 'on the list', fr: 'sur la liste' },
  removed: { en: 'dropped from the list', fr: 'retiré de la liste' },
  not_listed: { en: 'not on the list', fr: 'absent de la liste' },
  domestic: { en: 'the exporting country', fr: 'le pays exportateur' },
};

export const TOPIC_TITLE: Record<Topic, Record<Lang, string>> = {
  overview: { en: 'NSO Group: the story in brief', fr: 'NSO Group : l’histoire en bref' },
  pegasus: { en: 'Pegasus, the spyware', fr: 'Pegasus, le logiciel espion' },
  investigations: { en: 'The investigations', fr: 'Les enquêtes' },
  export_list: { en: 'Israel’s export rules and the list', fr: 'Les règles d’exportation israéliennes et la liste' },
  us_entity_list: { en: 'The US blacklisting (Entity List)', fr: 'La liste noire américaine (Entity List)' },
  apple_lawsuit: { en: 'Apple v. NSO', fr: 'Apple contre NSO' },
  whatsapp_lawsuit: { en: 'WhatsApp (Meta) v. NSO', fr: 'WhatsApp (Meta) contre NSO' },
  khashoggi: { en: 'Jamal Khashoggi and Pegasus', fr: 'Jamal Khashoggi et Pegasus' },
  finances: { en: 'NSO’s money: debt, ratings, losses', fr: 'L’argent de NSO : dette, notes, pertes' },
  ownership: { en: 'Who owns and runs NSO', fr: 'Qui possède et dirige NSO' },
  latest: { en: 'The latest on NSO', fr: 'Les dernières nouvelles de NSO' },
};

export const REGION_LABEL: Record<Region, Record<Lang, string>> = {
  world: { en: 'World', fr: 'Monde' },
  europe: { en: 'Europe', fr: 'Europe' },
  'middle-east': { en: 'Middle East and North Africa', fr: 'Moyen-Orient et Afrique du Nord' },
  americas: { en: 'Americas', fr: 'Amériques' },
  'asia-pacific': { en: 'Asia-Pacific', fr: 'Asie-Pacifique' },
  africa: { en: 'Africa', fr: 'Afrique' },
};

/** Short topic names for menus and buttons. */
export const TOPIC_LABEL: Record<Topic, Record<Lang, string>> = {
  overview: { en: 'Overview', fr: 'Vue d’ensemble' },
  pegasus: { en: 'Pegasus', fr: 'Pegasus' },
  investigations: { en: 'Investigations', fr: 'Enquêtes' },
  export_list: { en: 'Export list', fr: 'Liste d’exportation' },
  us_entity_list: { en: 'US blacklist', fr: 'Liste noire américaine' },
  apple_lawsuit: { en: 'Apple lawsuit', fr: 'Procès Apple' },
  whatsapp_lawsuit: { en: 'WhatsApp lawsuit', fr: 'Procès WhatsApp' },
  khashoggi: { en: 'Khashoggi', fr: 'Khashoggi' },
  finances: { en: 'Finances', fr: 'Finances' },
  ownership: { en: 'Owners and leaders', fr: 'Propriétaires et dirigeants' },
  latest: { en: 'Latest', fr: 'Dernières nouvelles' },
};

/** The reply language a platform locale suggests (Discord `locale`, Telegram `language_code`). */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** French puts a (non-breaking) space before a colon. */
export const COLON: Record<Lang, string> = { en: ': ', fr: '\u00a0: ' };

const MONTHS: Record<Lang, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
};

/** "25 Nov 2021", "Nov 2021" or "2021", as precise as the source is. */
export function formatDate(date: string, precision: DatePrecision, lang: Lang): string {
  const [year, month, day] = date.split('-');
  if (precision === 'year') return year as string;
  const monthName = MONTHS[lang][Number(month) - 1] as string;
  if (precision === 'month') return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** "A, B and C" / "A, B et C". */
export function joinNames(names: readonly string[], lang: Lang): string {
  if (names.length <= 1) return names.join('');
  const and = lang === 'fr' ? ' et ' : ' and ';
  return `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1]}`;
}

export const PHRASES = {
  en: {
    /** `about`: the countries asked about, or empty for the list as a whole. */
    whyTitle: (about: string) => (about ? `Why this status: ${about}` : 'Why the list was cut'),
    notNamed: (name: string) =>
      `Reporting did not name ${name} among the countries dropped, nor give a reason for leaving it off the list.`,
    sinceTitle: (about: string) => (about ? `Since when: ${about}` : 'Since when: the list'),
    sinceIntro: (date: string) => `This is the list as reported on ${date}. What the sources say about its dates:`,
    noNotes: (name: string) => `The sources hold nothing more about ${name} and Pegasus.`,
    sourcesOfTitle: (title: string) => `Sources: ${title}`,
    noSources: 'This answer relies on no dated source.',
    thanksTitle: 'You’re welcome',
    thanks: 'Ask me anything else about the export list or NSO.',
    resetTitle: 'Forgotten',
    reset: 'I’ve forgotten our conversation. Ask me about a country (“Is Morocco allowed?”) or about NSO.',
    or: ' or ',
    whichTitle: 'Which one do you mean?',
    which: 'That name fits several countries. Reply with the number, or pick one:',
    reportDate: (date: string, by: string) =>
      `Reported on ${date} by the Israeli daily ${by}; Israel never published the list.`,
    meaningHeading: 'What the list means',
    notesHeading: (name: string) => `Reported about ${name} and Pegasus`,
    conflictHeading: 'Where sources disagree',
    listTitle: (count: number, date: string) => `${count} countries on the list (reported ${date})`,
    listIntro: (count: number, before: number, date: string) =>
      `On ${date}, the list of countries Israeli firms may market offensive cyber tools to was reported cut from ${before} to ${count} (${before - count} fewer):`,
    removedTitle: (fewer: number) => `${fewer} countries dropped from the list`,
    removedIntro: (before: number, count: number, named: string) =>
      `The list went from ${before} to ${count} countries, ${before - count} fewer. Reporting named only these among the dropped: ${named}.`,
    removedRest: (rest: number) => `The other ${rest} were never named.`,
    sourcesTitle: 'Where the facts come from',
    sourcesIntro:
      'Every answer comes from a sourced fact sheet built from press reports, court records, official documents and NGO investigations; each fact keeps its date and its sources. The main ones:',
    moreEvents: (n: number) => `…and ${n} earlier events.`,
    unknownCountryTitle: 'Country not found',
    unknownCountry: (word: string, suggestions: string) =>
      suggestions
        ? `I don’t know a country called “${word}”. Did you mean ${suggestions}?`
        : `I don’t know a country called “${word}”. Try its English or French name, its ISO code or its flag.`,
    helpTitle: 'What I can answer',
    help: [
      'I answer two questions, with dated sources:',
      '• May Israeli firms sell offensive cyber tools (such as NSO’s Pegasus) to a country? Ask “Is Morocco allowed?”, “India and Mexico?” or send a flag.',
      '• What happened with NSO? Ask about Pegasus, the investigations, the US blacklist, the Apple or WhatsApp lawsuits, Khashoggi, NSO’s money, its owners or the latest news.',
      'Also: “Which countries are on the list?”, “Which were removed?”, “Sources?”. I answer in English or French.',
    ].join('\n'),
    unknownTitle: 'I did not understand',
    unknown: [
      'That is not something I can answer. I tell whether Israeli firms may sell offensive cyber tools to a country (as reported in the press), and what happened with NSO Group and Pegasus. Try:',
      '• Is Morocco allowed?',
      '• Which countries are on the list?',
      '• What happened with NSO?',
    ].join('\n'),
    countryFootnote: 'This is what was reported, not legal advice.',
    mapTitle: (region: string) => `Map of the list: ${region}`,
    mapFocusTitle: (headline: string) => `${headline} (map)`,
    mapCaption: (count: number, before: number, date: string, named: string) =>
      `The ${count} countries on the list reported on ${date} (down from ${before}), the ones named as dropped (${named}), and Israel, the exporter; every other country is off the list. Each sale still needs an export licence.`,
  },
  fr: {
    whyTitle: (about: string) => (about ? `Pourquoi ce statut : ${about}` : 'Pourquoi la liste a été réduite'),
    notNamed: (name: string) =>
      `La presse n’a pas cité ${name} parmi les pays retirés, ni donné de raison à son absence de la liste.`,
    sinceTitle: (about: string) => (about ? `Depuis quand : ${about}` : 'Depuis quand : la liste'),
    sinceIntro: (date: string) => `Il s’agit de la liste révélée le ${date}. Ce que disent les sources sur ses dates :`,
    noNotes: (name: string) => `Les sources ne disent rien de plus sur ${name} et Pegasus.`,
    sourcesOfTitle: (title: string) => `Sources : ${title}`,
    noSources: 'Cette réponse ne s’appuie sur aucune source datée.',
    thanksTitle: 'Avec plaisir',
    thanks: 'Posez-moi une autre question sur la liste d’exportation ou sur NSO.',
    resetTitle: 'C’est oublié',
    reset:
      'J’ai oublié notre conversation. Demandez-moi un pays (« Le Maroc est-il autorisé ? ») ou parlez-moi de NSO.',
    or: ' ou ',
    whichTitle: 'Lequel voulez-vous dire ?',
    which: 'Ce nom correspond à plusieurs pays. Répondez par le numéro, ou choisissez :',
    reportDate: (date: string, by: string) =>
      `Révélé le ${date} par le quotidien israélien ${by} ; Israël n’a jamais publié la liste.`,
    meaningHeading: 'Ce que signifie la liste',
    notesHeading: (name: string) => `Pegasus, ce qui a été rapporté (${name})`,
    conflictHeading: 'Là où les sources divergent',
    listTitle: (count: number, date: string) => `${count} pays sur la liste (révélée le ${date})`,
    listIntro: (count: number, before: number, date: string) =>
      `Le ${date}, la presse a révélé que la liste des pays auxquels les entreprises israéliennes peuvent proposer des cyberarmes offensives passait de ${before} à ${count} pays (${before - count} de moins) :`,
    removedTitle: (fewer: number) => `${fewer} pays retirés de la liste`,
    removedIntro: (before: number, count: number, named: string) =>
      `La liste est passée de ${before} à ${count} pays, soit ${before - count} de moins. La presse n’a nommé que ceux-ci parmi les pays retirés : ${named}.`,
    removedRest: (rest: number) => `Les ${rest} autres n’ont jamais été nommés.`,
    sourcesTitle: 'D’où viennent les faits',
    sourcesIntro:
      'Chaque réponse vient d’une fiche de faits sourcés, tirée d’articles de presse, de décisions de justice, de documents officiels et d’enquêtes d’ONG ; chaque fait garde sa date et ses sources. Les principales :',
    moreEvents: (n: number) => `…et ${n} événements plus anciens.`,
    unknownCountryTitle: 'Pays introuvable',
    unknownCountry: (word: string, suggestions: string) =>
      suggestions
        ? `Je ne connais pas de pays nommé « ${word} ». Vouliez-vous dire ${suggestions} ?`
        : `Je ne connais pas de pays nommé « ${word} ». Essayez son nom en français ou en anglais, son code ISO ou son drapeau.`,
    helpTitle: 'Ce que je sais répondre',
    help: [
      'Je réponds à deux questions, avec des sources datées :',
      '• Les entreprises israéliennes peuvent-elles vendre des cyberarmes offensives (comme Pegasus de NSO) à un pays ? Demandez « Le Maroc est-il autorisé ? », « Inde et Mexique ? » ou envoyez un drapeau.',
      '• Que s’est-il passé avec NSO ? Demandez Pegasus, les enquêtes, la liste noire américaine, les procès Apple ou WhatsApp, Khashoggi, l’argent de NSO, ses propriétaires ou les dernières nouvelles.',
      'Aussi : « Quels pays sont sur la liste ? », « Lesquels ont été retirés ? », « Sources ? ». Je réponds en français ou en anglais.',
    ].join('\n'),
    unknownTitle: 'Je n’ai pas compris',
    unknown: [
      'Je ne sais pas répondre à cela. Je dis si les entreprises israéliennes peuvent vendre des cyberarmes offensives à un pays (selon les informations publiées), et ce qui est arrivé à NSO Group et Pegasus. Essayez :',
      '• Le Maroc est-il autorisé ?',
      '• Quels pays sont sur la liste ?',
      '• Que s’est-il passé avec NSO ?',
    ].join('\n'),
    countryFootnote: 'Ceci rapporte ce qui a été publié ; ce n’est pas un avis juridique.',
    mapTitle: (region: string) => `Carte de la liste : ${region}`,
    mapFocusTitle: (headline: string) => `${headline} (carte)`,
    mapCaption: (count: number, before: number, date: string, named: string) =>
      `Les ${count} pays de la liste révélée le ${date} (contre ${before} auparavant), ceux cités comme retirés (${named}) et Israël, le pays exportateur ; tous les autres pays sont hors liste. Chaque vente reste soumise à une licence d’exportation.`,
  },
} as const;

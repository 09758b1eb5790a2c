/**
 * Which buttons an answer gets, for every platform: each button is an action and the Query it runs.
 * Button data is `<action>:<encoded Query>` (Discord prefixes its own id), read back by `decodeAction`
 * strictly: an unknown action or a Query the core did not make is refused, never looked up.
 *
 * @example
 * const [sources] = actionsFor(answer, query); // { kind: 'sources', query: { …, aspect: 'sources' } }
 * decodeAction(actionData(sources), core);    // the same action back
 * decodeAction('src|en|toString', core);      // undefined
 */
import { type Answer, type Core, type Lang, type Query, queryOf } from '../core/index.js';

/**
 * `sources`, `more`, `map` and `suggest` (a question to try): a new message under the answer; `lang`
 * and `choice`: the answer changed in place (the other language; the country picked among several).
 */
export type ActionKind = 'sources' | 'more' | 'map' | 'lang' | 'choice' | 'suggest';

export interface Action {
  kind: ActionKind;
  query: Query;
  /** The button's text. */
  label: string;
  emoji?: string;
}

const CODE = {
  sources: 's',
  more: 'm',
  map: 'p',
  lang: 'l',
  choice: 'c',
  suggest: 'q',
} as const satisfies Record<ActionKind, string>;
const KIND_OF: ReadonlyMap<string, ActionKind> = new Map(
  (Object.keys(CODE) as ActionKind[]).map((kind) => [CODE[kind], kind]),
);

const LABELS = {
  en: {
    sources: 'Sources',
    more: 'More',
    map: 'Map',
    other: 'Français',
    suggest: ['Is Morocco allowed?', 'Which countries are on the list?', 'What happened with NSO?'],
  },
  fr: {
    sources: 'Sources',
    more: 'Plus',
    map: 'Carte',
    other: 'English',
    suggest: ['Le Maroc est-il autorisé ?', 'Quels pays sont sur la liste ?', 'Que s’est-il passé avec NSO ?'],
  },
} as const;

/** The questions offered to try when a message was out of scope, in LABELS.suggest order. */
function suggestions(lang: Lang): Query[] {
  return [
    queryOf('country_status', lang, { countries: ['MA'] }),
    queryOf('list_allowed', lang),
    queryOf('nso', lang, { topic: 'overview' }),
  ];
}

/** The buttons under an answer to `query`. */
export function actionsFor(answer: Answer, query: Query): Action[] {
  const { lang } = answer;
  const label = LABELS[lang];
  if (answer.choices && answer.choices.length > 0) {
    return answer.choices.map((c) => ({
      kind: 'choice',
      query: { ...query, countries: [...query.countries, c.code], choices: [] },
      label: c.name,
      emoji: c.flag,
    }));
  }
  // An unknown word cannot travel in button data: such an answer gets no buttons.
  if (query.unknownWord !== undefined) return [];
  if (answer.intent === 'unknown') {
    return suggestions(lang).map((q, i) => ({ kind: 'suggest', query: q, label: label.suggest[i] ?? '' }));
  }
  const actions: Action[] = [];
  const same = { ...query, followUp: null };
  if (answer.sources.length > 0 && query.aspect !== 'sources') {
    actions.push({ kind: 'sources', query: { ...same, aspect: 'sources' }, label: label.sources, emoji: '📚' });
  }
  if (answer.details && query.aspect === null) {
    actions.push({ kind: 'more', query: { ...same, aspect: 'more' }, label: label.more, emoji: '➕' });
  }
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  actions.push({ kind: 'lang', query: { ...same, lang: other }, label: label.other });
  const [country, ...others] = query.countries;
  if (answer.intent === 'country_status' && country && others.length === 0 && query.aspect === null) {
    actions.push({
      kind: 'map',
      query: queryOf('map', lang, { region: 'world', countries: [country] }),
      label: label.map,
      emoji: '🗺',
    });
  }
  return actions;
}

/** The data of an action's button: `<action>:<encoded Query>`. */
export function actionData(action: Action, core: Pick<Core, 'encode'>): string {
  return `${CODE[action.kind]}:${core.encode(action.query)}`;
}

/** An action back from its button data; undefined for anything `actionData` did not make. */
export function decodeAction(
  data: unknown,
  core: Pick<Core, 'decode'>,
): { kind: ActionKind; query: Query } | undefined {
  if (typeof data !== 'string' || data.length > 100) return undefined;
  const colon = data.indexOf(':');
  const kind = colon === 1 ? KIND_OF.get(data.slice(0, 1)) : undefined;
  const query = kind ? core.decode(data.slice(2)) : undefined;
  return kind && query ? { kind, query } : undefined;
}

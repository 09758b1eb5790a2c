/**
 * Which buttons an answer gets, for every platform: each button is an action and the Query it runs.
 * Button data is `<action>[page]:<encoded Query>` (Discord prefixes its own id), read back by
 * `decodeAction` strictly: an unknown action, a malformed page or a Query the core did not make is
 * refused, never looked up. Whether a page exists is checked against the answer by the handler.
 *
 * @example
 * const [sources] = actionsFor(answer, query); // { kind: 'sources', query: { …, aspect: 'sources' } }
 * decodeAction(actionData(sources), core);    // the same action back
 * decodeAction('m3:1.c.en...MA.', core);       // { kind: 'page', page: 3, query: … }
 * decodeAction('src|en|toString', core);      // undefined
 */
import { type Answer, type Core, type Lang, type Query, queryOf } from '../core/index.js';
import { t } from '../i18n/index.js';

/**
 * `sources`, `map` and `suggest` (a question to try): a new message under the answer; `more` (the
 * first page of the details), `lang` (the other language) and `page` / `back` (◀ ▶ between the pages,
 * back to the short answer): shown to the presser alone, in place where that is private; `choice`
 * (the country picked among several): the answer changed in place.
 */
export type ActionKind = 'sources' | 'more' | 'page' | 'back' | 'map' | 'lang' | 'choice' | 'suggest';

export interface Action {
  kind: ActionKind;
  query: Query;
  /** For `page`: which page of `answer.pages`, from 0. */
  page?: number;
  /** The button's text. */
  label: string;
  emoji?: string;
}

/** What a button press decodes to. */
export interface PressedAction {
  kind: ActionKind;
  query: Query;
  /** For `more` 0, for `page` the page asked; check it against the answer's page count. */
  page: number;
}

/** Pages beyond this are never in button data (an answer has far fewer). */
export const MAX_PAGES = 50;

const CODE = {
  sources: 's',
  more: 'm',
  page: 'm',
  back: 'b',
  map: 'p',
  lang: 'l',
  choice: 'c',
  suggest: 'q',
} as const satisfies Record<ActionKind, string>;
/** Code → kind, from `CODE` ("m" is `more`: a page number after it makes it `page`). */
const KIND_OF: ReadonlyMap<string, ActionKind> = new Map(
  (Object.entries(CODE) as [ActionKind, string][])
    .filter(([kind]) => kind !== 'page')
    .map(([kind, code]) => [code, kind]),
);

/** The questions offered to try when a message was out of scope, with their phrase ids. */
function suggestions(lang: Lang): { id: string; query: Query }[] {
  return [
    { id: 'suggest-country', query: queryOf('country_status', lang, { countries: ['MA'] }) },
    { id: 'suggest-list', query: queryOf('list_allowed', lang) },
    { id: 'suggest-nso', query: queryOf('nso', lang, { topic: 'overview' }) },
  ];
}

/** The buttons under an answer to `query`. */
export function actionsFor(answer: Answer, query: Query): Action[] {
  const { lang } = answer;
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
    return suggestions(lang).map(({ id, query: q }) => ({ kind: 'suggest', query: q, label: t(lang, id) }));
  }
  const actions: Action[] = [];
  const same = { ...query, followUp: null };
  if (answer.sources.length > 0 && query.aspect !== 'sources') {
    actions.push({
      kind: 'sources',
      query: { ...same, aspect: 'sources' },
      label: t(lang, 'button-sources'),
      emoji: '📚',
    });
  }
  if (answer.pages.length > 0 && query.aspect === null) {
    actions.push({ kind: 'more', query: same, page: 0, label: t(lang, 'button-more'), emoji: '➕' });
  }
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  actions.push({ kind: 'lang', query: { ...same, lang: other }, label: t(lang, 'button-other-language') });
  const [country, ...others] = query.countries;
  if (answer.intent === 'country_status' && country && others.length === 0 && query.aspect === null) {
    actions.push({
      kind: 'map',
      query: queryOf('map', lang, { region: 'world', countries: [country] }),
      label: t(lang, 'button-map'),
      emoji: '🗺',
    });
  }
  return actions;
}

/**
 * The buttons under page `index` of an answer's details: ◀ (the page before, or back to the short
 * answer from the first page) and ▶ (the page after, when there is one).
 */
export function pageActions(answer: Answer, query: Query, index: number): Action[] {
  const { lang } = answer;
  const same = { ...query, followUp: null, aspect: null };
  const actions: Action[] = [
    index === 0
      ? { kind: 'back', query: same, label: t(lang, 'button-back') }
      : { kind: 'page', query: same, page: index - 1, label: t(lang, 'button-previous') },
  ];
  if (index + 1 < answer.pages.length) {
    actions.push({ kind: 'page', query: same, page: index + 1, label: t(lang, 'button-next') });
  }
  return actions;
}

/** The data of an action's button: `<action>:<encoded Query>`, with the page for ◀ ▶ (`m2:…`). */
export function actionData(action: Action, core: Pick<Core, 'encode'>): string {
  const page = action.kind === 'page' ? String(action.page ?? 0) : '';
  return `${CODE[action.kind]}${page}:${core.encode(action.query)}`;
}

/** An action back from its button data; undefined for anything `actionData` did not make. */
export function decodeAction(data: unknown, core: Pick<Core, 'decode'>): PressedAction | undefined {
  if (typeof data !== 'string' || data.length > 100) return undefined;
  const head = /^([a-z])(0|[1-9][0-9]?)?:/.exec(data);
  if (!head) return undefined;
  const code = head[1] as string;
  let kind = KIND_OF.get(code);
  let page = 0;
  if (head[2] !== undefined) {
    // Only "More" carries a page, and then it is a page of the details.
    if (kind !== 'more') return undefined;
    kind = 'page';
    page = Number(head[2]);
    if (page >= MAX_PAGES) return undefined;
  }
  const query = kind ? core.decode(data.slice(head[0].length)) : undefined;
  return kind && query ? { kind, query, page } : undefined;
}

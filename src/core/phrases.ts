/**
 * The core's fixed labels (statuses, topics, regions) as tables, read once from the phrase catalogue
 * (`locales/<lang>/core.ftl`) so that menus and maps can use them without a lookup per call.
 */
import { LANGS, type Lang, t } from '../i18n/index.js';
import { STATUSES, type Status } from './types.js';
import { REGIONS, type Region, TOPICS, type Topic } from './vocabulary.js';

export { formatDate, joinNames, langOfLocale, t } from '../i18n/index.js';

function table<K extends string>(keys: readonly K[], id: (key: K) => string): Record<K, Record<Lang, string>> {
  const entries = keys.map((key) => {
    const byLang = Object.fromEntries(LANGS.map((lang) => [lang, t(lang, id(key))])) as Record<Lang, string>;
    return [key, byLang] as const;
  });
  return Object.fromEntries(entries) as Record<K, Record<Lang, string>>;
}

export const STATUS_LABEL = table(STATUSES, (s: Status) => `status-${s}`);
export const TOPIC_TITLE = table(TOPICS, (topic: Topic) => `topic-title-${topic}`);
export const TOPIC_LABEL = table(TOPICS, (topic: Topic) => `topic-label-${topic}`);
export const REGION_LABEL = table(REGIONS, (region: Region) => `region-${region}`);

/** French puts a (non-breaking) space before a colon. */
export const COLON: Record<Lang, string> = { en: ': ', fr: '\u00a0: ' };

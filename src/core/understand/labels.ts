/**
 * The classifier's labels: what a message asks, one label a kind of message. The corpus in
 * `data/nlu/` has examples for each; `understand` turns a label into a Query.
 */
import { TOPICS, type Topic } from '../vocabulary.js';

export const FOLLOW_UP_LABELS = [
  'followup.why',
  'followup.since',
  'followup.more',
  'followup.meaning',
  'followup.about',
  'followup.country',
  'followup.lang',
] as const;

export const LABELS = [
  'country_status',
  'list_allowed',
  'list_removed',
  'map',
  'sources',
  'help',
  'thanks',
  ...TOPICS.map((t) => `nso.${t}` as const),
  ...FOLLOW_UP_LABELS,
  'reset',
  'none',
] as const;
export type Label = (typeof LABELS)[number];

const LABEL_SET: ReadonlySet<string> = new Set(LABELS);

export function isLabel(value: string): value is Label {
  return LABEL_SET.has(value);
}

/** The NSO topic of a label ("nso.pegasus" → "pegasus"), or null. */
export function topicOfLabel(label: Label): Topic | null {
  return label.startsWith('nso.') ? (label.slice(4) as Topic) : null;
}

/** The label of messages that are about nothing the bot answers. */
export const NONE: Label = 'none';

/**
 * The classifier's labels: what a message asks, one label a kind of message. The corpus in
 * `data/nlu/` has examples for each; `understand` turns a label into a Query.
 */
import { REGIME_TOPICS, type RegimeTopic, TOPICS, type Topic } from '../vocabulary.js';

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
  'vendor_status',
  ...REGIME_TOPICS.map((t) => `regime.${t}` as const),
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

/** The rule or process of a label ("regime.pall_mall" → "pall_mall"), or null. */
export function regimeOfLabel(label: Label): RegimeTopic | null {
  return label.startsWith('regime.') ? (label.slice(7) as RegimeTopic) : null;
}

/** The label of messages that are about nothing the bot answers. */
export const NONE: Label = 'none';

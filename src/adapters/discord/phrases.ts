/**
 * What the Discord adapter says itself, in each language: field names, notices, the as-of footer.
 * Answers come from the core; only the frame around them is written here.
 */
import type { Lang } from '../../core/index.js';
import { RATE_NOTICE } from '../../infra/rate-limit.js';

/** The short notices a user can get instead of an answer. */
export type NoticeKind = 'error' | 'expired' | 'rateLimited';

export const PHRASES = {
  en: {
    sources: 'Sources',
    sourcesMore: 'Sources (more)',
    moreSources: (n: number) => `…and ${n} more.`,
    asOf: (date: string) => `As of ${date}`,
    error: 'Sorry, something went wrong while answering. Please try again in a moment.',
    expired: 'This button has expired: ask the question again.',
    rateLimited: RATE_NOTICE.en,
  },
  fr: {
    sources: 'Sources',
    sourcesMore: 'Sources (suite)',
    moreSources: (n: number) => `…et ${n} autres.`,
    asOf: (date: string) => `À jour au ${date}`,
    error: 'Désolé, un problème est survenu pendant la réponse. Réessayez dans un instant.',
    expired: 'Ce bouton a expiré : posez à nouveau la question.',
    rateLimited: RATE_NOTICE.fr,
  },
} as const satisfies Record<Lang, Record<string, unknown>>;

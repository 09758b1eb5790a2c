/** The Telegram adapter's own short replies (answers themselves come from the core). */
export const PHRASES = {
  en: {
    usage: 'Usage: /allowed <country>, for example /allowed Morocco',
    sorry: 'Sorry, something went wrong on my side. Please try again in a moment.',
    expired: 'This button has expired: please ask again.',
  },
  fr: {
    usage: 'Utilisation : /allowed <pays>, par exemple /allowed Maroc',
    sorry: 'Désolé, un problème est survenu de mon côté. Réessayez dans un instant.',
    expired: 'Ce bouton a expiré : reposez la question.',
  },
} as const;

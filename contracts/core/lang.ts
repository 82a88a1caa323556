// The languages of the dashboard and of an account's mails: Russian first (the product's first
// market), English second.
export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The locale dates and amounts are written in: British English (day before month, as in Russian). */
export const localeOf = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'ru-RU');

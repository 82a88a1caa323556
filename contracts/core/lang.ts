// The languages of the dashboard and of an account's mails: Russian first (the product's first
// market), English second.
export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

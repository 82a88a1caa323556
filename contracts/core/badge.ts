// The words of the "made with" badge. The embed config is one for every page of a site, so the
// server sends them in Russian; the runtime's English build replaces the first 10 characters
// (this prefix) with «Made with» (widget-runtime shell/badge.tsx). The runtime slices by a
// literal 10 instead of importing this: the escaped Cyrillic would cost the embed's byte budget.
// badge.test.ts keeps the two in step.
export const BADGE_PREFIX_RU = 'Сделано на';

export const badgeTextRu = (brand: string) => `${BADGE_PREFIX_RU} ${brand}`;

// Obvious bots do not count as impressions (SPEC §7). Headless browsers are included, so
// end-to-end tests switch the filter off with BOT_FILTER=off.
const BOT_UA = /bot|crawl|spider|slurp|headless|lighthouse|phantomjs|puppeteer|playwright|selenium|python-requests|curl\/|wget\//i;

export const isLikelyBot = (userAgent: string | undefined) => !userAgent || BOT_UA.test(userAgent);

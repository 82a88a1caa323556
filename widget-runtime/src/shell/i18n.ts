// Fixed UI strings: Russian, or English in the English build of the runtime (rt/en/), which the
// loader picks for pages whose <html lang> starts with "en". Each string is written
// `EN ? 'English' : 'Русский'` next to the code that shows it: the build defines WIDGETRY_EN,
// the minifier folds the condition, and each build carries one language only (the form page's
// 12 KB budget has no room for two). Unbuilt (tests), WIDGETRY_EN is undefined: Russian.
// What the English build does beyond its strings (the English consent labels, and the `lang: 'en'`
// its leads and chat starts say) is in *.en.ts modules that replace their namesakes in rt/en/
// only (scripts/build-embed.mjs says why), so the Russian build does not change by a byte.

declare const WIDGETRY_EN: boolean | undefined;

export const EN = typeof WIDGETRY_EN != 'undefined' && WIDGETRY_EN;

export const CLOSE = EN ? 'Close' : 'Закрыть';

// The page-URL display rule, evaluated in the loader before any runtime code is fetched.
//
// Semantics (documented for licensees in the dashboard):
// - The fragment (#...) is ignored everywhere: it is client-side state, not a page.
// - A value starting with "/" is compared against path + query (`/pricing?plan=pro`), so the
//   same rule works on http/https, www/no-www and staging hosts. Any other value is compared
//   against the full URL (`https://shop.ru/pricing?plan=pro`).
// - equals: exact, except that one trailing "/" of the path is ignored on both sides, because
//   browsers always report the root as `https://shop.ru/` while people type `https://shop.ru`.
// - contains: substring; starts_with: prefix; wildcard: `*` matches any run of characters
//   (including none and "/"), the rest is literal, and the pattern must match the whole
//   target (`/blog/*` matches `/blog/a/b`, `*utm_source=vk*` matches anywhere).
// - Comparisons are case-sensitive: paths and queries are case-sensitive on most servers.
import type { UrlRule } from '../../server/src/contracts/widget.js';

/** What the rule reads from the page; `window.location` and `new URL()` both fit. */
export interface PageUrl {
  href: string;
  pathname: string;
  search: string;
}

export function urlRuleMatches(rule: UrlRule, url: PageUrl): boolean {
  const m = rule.match;
  const v = rule.value;
  // `split('#')[0]` drops the fragment; `!` because split always yields one element.
  const target = v[0] == '/' ? url.pathname + url.search : url.href.split('#')[0]!;
  return m == 'any'
    ? true
    : m == 'contains'
      ? target.includes(v)
      : m == 'starts_with'
        ? target.startsWith(v)
        : m == 'equals'
          ? trimSlash(target) == trimSlash(v)
          : m == 'wildcard'
            ? // Escape every regex metacharacter except `*` (it is the split point), then
              // join the literal parts with `.*`; anchored so the whole target must match.
              RegExp('^' + v.split('*').map((p) => p.replace(/[$()+.?[\\\]^{|}]/g, '\\$&')).join('.*') + '$').test(target)
            : false; // an unknown match kind (newer server, older loader) shows nothing
}

/** `/a/` == `/a`, `https://x.ru/` == `https://x.ru`; only a slash right before `?` or the end. */
function trimSlash(s: string): string {
  return s.replace(/\/(?=\?|$)/, '');
}

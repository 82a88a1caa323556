// Text and page-URL matching for the display rules (display-rules.ts).
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
// UTM values go through the same text matcher (textMatches), without the URL part.
import type { UrlMatch, UrlRule } from './rules.js';

/** What the rule reads from the page; `window.location` and `new URL()` both fit. */
export interface PageUrl {
  href: string;
  pathname: string;
  search: string;
}

/** `m` applied to `target`; a missing target (an absent UTM tag) matches nothing. */
export function textMatches(m: UrlMatch, v: string, target: string | null): boolean {
  // No 'any' case: the server folds the legacy "any" rule away before it reaches the wire.
  return target == null
    ? false
    : m == 'contains'
      ? target.includes(v)
      : m == 'starts_with'
        ? target.startsWith(v)
        : m == 'equals'
          ? trimSlash(target) == trimSlash(v)
          : m == 'wildcard'
            ? // Escape every regex metacharacter except `*` (it is the split point), then
              // join the literal parts with `.*`; anchored so the whole target must match.
              RegExp(
                '^' +
                  v
                    .split('*')
                    .map((p) => p.replace(/[$()+.?[\\\]^{|}]/g, '\\$&'))
                    .join('.*') +
                  '$',
              ).test(target)
            : false; // an unknown match kind (newer server, older loader) matches nothing
}

export function urlRuleMatches(rule: UrlRule, url: PageUrl): boolean {
  const v = rule.value;
  // `split('#')[0]` drops the fragment; `!` because split always yields one element.
  return textMatches(rule.match, v, v[0] == '/' ? url.pathname + url.search : url.href.split('#')[0]!);
}

/** `/a/` == `/a`, `https://x.ru/` == `https://x.ru`; only a slash right before `?` or the end. */
function trimSlash(s: string): string {
  return s.replace(/\/(?=\?|$)/, '');
}

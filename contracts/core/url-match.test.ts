import { describe, expect, it } from 'vitest';
import type { UrlRule } from './rules.js';
import { textMatches, urlRuleMatches } from './url-match.js';

const cases: [UrlRule['match'], value: string, url: string, expected: boolean][] = [
  // A value starting with "/" compares against path + query, on any host.
  ['equals', '/pricing', 'https://shop.ru/pricing', true],
  ['equals', '/pricing', 'http://www.shop.ru/pricing', true],
  ['equals', '/pricing', 'https://shop.ru/pricing/', true], // one trailing slash ignored
  ['equals', '/pricing/', 'https://shop.ru/pricing', true],
  ['equals', '/pricing', 'https://shop.ru/pricing#plans', true], // fragment ignored
  ['equals', '/pricing', 'https://shop.ru/pricing?plan=pro', false], // query is part of it
  ['equals', '/pricing?plan=pro', 'https://shop.ru/pricing?plan=pro', true],
  ['equals', '/pricing', 'https://shop.ru/pricing/old', false],
  ['equals', '/Pricing', 'https://shop.ru/pricing', false], // case-sensitive
  ['equals', '/', 'https://shop.ru/', true],
  ['equals', '/', 'https://shop.ru/?utm_source=vk', false],
  // Anything else compares against the full URL.
  ['equals', 'https://shop.ru', 'https://shop.ru/', true],
  ['equals', 'https://shop.ru/', 'https://shop.ru/', true],
  ['equals', 'https://shop.ru/pricing', 'https://shop.ru/pricing#x', true],
  ['equals', 'https://shop.ru/pricing', 'http://shop.ru/pricing', false],
  ['equals', 'https://shop.ru/pricing', 'https://shop.ru/pricing/?a=1', false],

  ['contains', 'sale', 'https://shop.ru/catalog/sale/shoes', true],
  ['contains', 'utm_source=vk', 'https://shop.ru/?utm_source=vk&x=1', true],
  ['contains', 'shop.ru', 'https://shop.ru/', true],
  ['contains', 'sale', 'https://shop.ru/catalog#sale', false], // fragment ignored
  ['contains', '/catalog', 'https://shop.ru/catalog?x', true],
  ['contains', '/catalog', 'https://shop.ru/cat', false],

  ['starts_with', '/blog', 'https://shop.ru/blog/post-1', true],
  ['starts_with', '/blog', 'https://shop.ru/blogger', true], // a plain prefix; use "/blog/" for the folder
  ['starts_with', '/blog/', 'https://shop.ru/blogger', false],
  ['starts_with', '/blog', 'https://shop.ru/news/blog', false],
  ['starts_with', 'https://shop.ru/blog', 'https://shop.ru/blog/a', true],
  ['starts_with', 'https://shop.ru/blog', 'https://www.shop.ru/blog/a', false],

  ['wildcard', '/blog/*', 'https://shop.ru/blog/a/b', true],
  ['wildcard', '/blog/*', 'https://shop.ru/blog/', true], // * matches nothing too
  ['wildcard', '/blog/*', 'https://shop.ru/blog', false],
  ['wildcard', '/catalog/*/reviews', 'https://shop.ru/catalog/shoes/reviews', true],
  ['wildcard', '/catalog/*/reviews', 'https://shop.ru/catalog/shoes/reviews/2', false], // anchored
  ['wildcard', '*utm_source=vk*', 'https://shop.ru/a?utm_source=vk&b=1', true],
  ['wildcard', 'https://*.shop.ru/*', 'https://msk.shop.ru/x', true],
  ['wildcard', 'https://*.shop.ru/*', 'https://shop.ru/x', false],
  // Regex metacharacters in the value are literal.
  ['wildcard', '/a.b/*', 'https://shop.ru/axb/c', false],
  ['wildcard', '/a.b/*', 'https://shop.ru/a.b/c', true],
  ['wildcard', '/p(1)+[x]?/*', 'https://shop.ru/p(1)+[x]?/z', true],
  ['wildcard', '/q?a=*', 'https://shop.ru/q?a=1', true],
  ['wildcard', '/$a^|b*', 'https://shop.ru/$a^|b/x', true],
  ['wildcard', '*', 'https://shop.ru/anything', true],
];

describe('urlRuleMatches', () => {
  it.each(cases)('%s %j on %s → %s', (match, value, url, expected) => {
    expect(urlRuleMatches({ match, value }, new URL(url))).toBe(expected);
  });

  it('shows nothing for a match kind this loader does not know', () => {
    const rule = { match: 'regex', value: '.*' } as unknown as UrlRule;
    expect(urlRuleMatches(rule, new URL('https://shop.ru/'))).toBe(false);
    // The legacy "any" never reaches the wire (toEmbedRules in contracts/core/embed-widget.ts folds it away).
    expect(urlRuleMatches({ match: 'any', value: '' }, new URL('https://shop.ru/'))).toBe(false);
  });

  it('matches plain text (UTM values) the same way; an absent value matches nothing', () => {
    expect(textMatches('equals', 'vk', 'vk')).toBe(true);
    expect(textMatches('equals', 'vk', 'VK')).toBe(false);
    expect(textMatches('contains', 'sale', 'autumn_sale_2026')).toBe(true);
    expect(textMatches('starts_with', 'autumn', 'autumn_sale')).toBe(true);
    expect(textMatches('wildcard', '*', '')).toBe(true);
    expect(textMatches('wildcard', '*', null)).toBe(false);
    expect(textMatches('contains', 'a', null)).toBe(false);
  });
});

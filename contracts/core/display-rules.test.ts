// The display-rule evaluator, table by table: every condition alone, then together.
import { describe, expect, it } from 'vitest';
import type { EmbedRules } from '#contracts/core/embed.js';
import type { UrlCondition } from './rules.js';
import { firstMiss, RULE_CONDITIONS, targeted, type Visit } from './display-rules.js';

const visit = (over: Partial<Visit> & { href?: string } = {}): Visit => {
  const url = new URL(over.href ?? 'https://shop.ru/catalog/tea?sort=price');
  return { url, q: '', ref: '', mobile: false, now: Date.UTC(2026, 10, 22, 9, 30), tz: 'Europe/Moscow', ...over };
};

describe('targeted: URL include and exclude lists', () => {
  const catalog: UrlCondition[] = [{ match: 'starts_with', value: '/catalog' }];
  const homeOrSale: UrlCondition[] = [
    { match: 'equals', value: '/' },
    { match: 'contains', value: 'sale' },
  ];
  const account: UrlCondition[] = [{ match: 'wildcard', value: '/account/*' }];
  const cartOrCheckout: UrlCondition[] = [
    { match: 'equals', value: '/cart' },
    { match: 'equals', value: '/checkout' },
  ];
  const catalogByFullUrl: UrlCondition[] = [{ match: 'starts_with', value: 'https://shop.ru/catalog' }];
  const cases: [string, EmbedRules, string, boolean][] = [
    ['no rules: every page', {}, 'https://shop.ru/anything', true],
    ['include one, on it', { url: catalog }, 'https://shop.ru/catalog/tea', true],
    ['include one, elsewhere', { url: catalog }, 'https://shop.ru/blog', false],
    ['include any of several', { url: homeOrSale }, 'https://shop.ru/big-sale', true],
    ['include any of several, none', { url: homeOrSale }, 'https://shop.ru/blog', false],
    ['exclude wins over include', { url: catalog, notUrl: [{ match: 'contains', value: '/checkout' }] }, 'https://shop.ru/catalog/checkout', false],
    ['exclude alone: everywhere else', { notUrl: account }, 'https://shop.ru/account/orders', false],
    ['exclude alone: everywhere else (elsewhere)', { notUrl: account }, 'https://shop.ru/catalog', true],
    ['exclude any of several', { notUrl: cartOrCheckout }, 'https://shop.ru/checkout/', false],
    ['full-URL condition', { url: catalogByFullUrl }, 'https://shop.ru/catalog/x', true],
    ['full-URL condition, other host', { url: catalogByFullUrl }, 'https://m.shop.ru/catalog/x', false],
    ['legacy rule folded into include', { url: [{ match: 'equals', value: '/pricing' }] }, 'https://shop.ru/pricing#plans', true],
  ];
  it.each(cases)('%s', (_, rules, href, expected) => {
    expect(targeted(rules, visit({ href }))).toBe(expected);
  });
});

describe('targeted: device', () => {
  const cases: [EmbedRules['device'], boolean, boolean][] = [
    [undefined, false, true],
    [undefined, true, true],
    ['mobile', true, true],
    ['mobile', false, false],
    ['desktop', false, true],
    ['desktop', true, false],
  ];
  it.each(cases)('%s on mobile=%s → %s', (device, mobile, expected) => {
    expect(targeted(device ? { device } : {}, visit({ mobile }))).toBe(expected);
  });
});

describe('targeted: UTM tags of the landing page', () => {
  const vk: EmbedRules = { utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }] };
  const either: EmbedRules = {
    utm: [
      { param: 'utm_source', match: 'equals', value: 'vk' },
      { param: 'utm_campaign', match: 'starts_with', value: 'autumn' },
    ],
  };
  const cases: [string, EmbedRules, string, boolean][] = [
    ['equals, present', vk, '?utm_source=vk', true],
    ['equals, other value', vk, '?utm_source=vkontakte', false],
    ['equals, absent', vk, '', false],
    ['equals, other tag only', vk, '?utm_medium=vk', false],
    ['percent-encoded value is decoded', { utm: [{ param: 'utm_campaign', match: 'equals', value: 'осень 2026' }] }, '?utm_campaign=%D0%BE%D1%81%D0%B5%D0%BD%D1%8C+2026', true],
    ['any of several: the second', either, '?utm_source=fb&utm_campaign=autumn_sale', true],
    ['any of several: none', either, '?utm_source=fb&utm_campaign=spring', false],
    ['contains', { utm: [{ param: 'utm_content', match: 'contains', value: 'banner' }] }, '?utm_content=top_banner_2', true],
    ['wildcard: the tag is there at all', { utm: [{ param: 'utm_term', match: 'wildcard', value: '*' }] }, '?utm_term=', true],
    ['wildcard: the tag is not there', { utm: [{ param: 'utm_term', match: 'wildcard', value: '*' }] }, '?x=1', false],
  ];
  it.each(cases)('%s', (_, rules, q, expected) => {
    expect(targeted(rules, visit({ q }))).toBe(expected);
  });
});

describe('targeted: referrer', () => {
  const yandex: EmbedRules = {
    ref: [
      { match: 'contains', value: 'yandex.' },
      { match: 'starts_with', value: 'https://ya.ru' },
    ],
  };
  const cases: [string, EmbedRules, string, boolean][] = [
    ['from a search engine', yandex, 'https://yandex.ru/search/?text=чай', true],
    ['from the second condition', yandex, 'https://ya.ru/', true],
    ['from elsewhere', yandex, 'https://vk.com/feed', false],
    ['a direct visit matches no referrer condition', yandex, '', false],
    ['no referrer rule: direct visits too', {}, '', true],
    ['a "/" value compares the referrer path', { ref: [{ match: 'starts_with', value: '/blog' }] }, 'https://other.ru/blog/post', true],
  ];
  it.each(cases)('%s', (_, rules, ref, expected) => {
    expect(targeted(rules, visit({ ref }))).toBe(expected);
  });
});

describe('targeted: schedule in the site time zone', () => {
  // 2026-11-22 is a Sunday. 09:30 UTC is 12:30 in Moscow, 14:30 in Yekaterinburg, 04:30 in New York.
  const at = (iso: string, tz = 'Europe/Moscow') => visit({ now: Date.parse(iso), tz });
  const cases: [string, EmbedRules, Visit, boolean][] = [
    ['from, same day', { from: '2026-11-22' }, at('2026-11-22T09:30:00Z'), true],
    ['from, the day before', { from: '2026-11-23' }, at('2026-11-22T09:30:00Z'), false],
    ['to, inclusive', { to: '2026-11-22' }, at('2026-11-22T20:59:00Z'), true],
    // 21:00 UTC is already the 23rd in Moscow.
    ['to, past midnight in the site zone', { to: '2026-11-22' }, at('2026-11-22T21:00:00Z'), false],
    ['to, the same instant in New York is still the 22nd', { to: '2026-11-22' }, at('2026-11-22T21:00:00Z', 'America/New_York'), true],
    ['range', { from: '2026-11-01', to: '2026-11-30' }, at('2026-11-22T09:30:00Z'), true],
    ['range, after', { from: '2026-10-01', to: '2026-10-31' }, at('2026-11-22T09:30:00Z'), false],
    ['weekday: Sunday is 7', { weekdays: [6, 7] }, at('2026-11-22T09:30:00Z'), true],
    ['weekday: weekdays only', { weekdays: [1, 2, 3, 4, 5] }, at('2026-11-22T09:30:00Z'), false],
    // 22:30 UTC on Sunday is 01:30 on Monday in Moscow.
    ['weekday in the site zone, not UTC', { weekdays: [1] }, at('2026-11-22T22:30:00Z'), true],
    ['hours, inside', { hours: ['09:00', '18:00'] }, at('2026-11-22T09:30:00Z'), true],
    ['hours, start inclusive', { hours: ['12:30', '18:00'] }, at('2026-11-22T09:30:00Z'), true],
    ['hours, end exclusive', { hours: ['09:00', '12:30'] }, at('2026-11-22T09:30:00Z'), false],
    ['hours, in another zone', { hours: ['09:00', '18:00'] }, at('2026-11-22T09:30:00Z', 'America/New_York'), false],
    ['hours across midnight, late', { hours: ['22:00', '06:00'] }, at('2026-11-22T20:00:00Z'), true],
    ['hours across midnight, early', { hours: ['22:00', '06:00'] }, at('2026-11-22T01:00:00Z'), true],
    ['hours across midnight, daytime', { hours: ['22:00', '06:00'] }, at('2026-11-22T09:30:00Z'), false],
    ['all together', { from: '2026-11-01', to: '2026-12-31', weekdays: [6, 7], hours: ['10:00', '20:00'] }, at('2026-11-22T09:30:00Z'), true],
    ['all together, one fails', { from: '2026-11-01', to: '2026-12-31', weekdays: [6, 7], hours: ['13:00', '20:00'] }, at('2026-11-22T09:30:00Z'), false],
  ];
  it.each(cases)('%s', (_, rules, v, expected) => {
    expect(targeted(rules, v)).toBe(expected);
  });

  it('a time zone the browser does not know throws (boot.ts logs it and skips that widget)', () => {
    expect(() => targeted({ weekdays: [1] }, visit({ tz: 'Nowhere/Else' }))).toThrow(RangeError);
  });
});

describe('targeted: every condition must hold', () => {
  const rules: EmbedRules = {
    url: [{ match: 'starts_with', value: '/catalog' }],
    device: 'mobile',
    utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }],
    ref: [{ match: 'contains', value: 'vk.com' }],
    hours: ['09:00', '21:00'],
  };
  const ok = visit({ mobile: true, q: '?utm_source=vk', ref: 'https://vk.com/wall' });
  it.each([
    ['all hold', ok, true],
    ['wrong page', { ...ok, url: new URL('https://shop.ru/blog') }, false],
    ['desktop', { ...ok, mobile: false }, false],
    ['no UTM', { ...ok, q: '' }, false],
    ['direct visit', { ...ok, ref: '' }, false],
    ['night', { ...ok, now: Date.UTC(2026, 10, 22, 22) }, false],
  ] as [string, Visit, boolean][])('%s', (_, v, expected) => {
    expect(targeted(rules, v)).toBe(expected);
  });
});

describe('firstMiss: the reason, from targeted itself', () => {
  const rules: EmbedRules = {
    url: [{ match: 'starts_with', value: '/catalog' }],
    notUrl: [{ match: 'contains', value: '/checkout' }],
    device: 'mobile',
    utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }],
    ref: [{ match: 'contains', value: 'vk.com' }],
    hours: ['09:00', '21:00'],
    // Trigger and frequency are no conditions of the page: never a reason here.
    delay: 5,
    every: 3,
  };
  const ok = visit({ mobile: true, q: '?utm_source=vk', ref: 'https://vk.com/wall' });
  it.each([
    ['all hold', ok, undefined],
    ['wrong page', { ...ok, url: new URL('https://shop.ru/blog') }, 'url'],
    ['excluded page', { ...ok, url: new URL('https://shop.ru/catalog/checkout') }, 'url'],
    ['desktop', { ...ok, mobile: false }, 'device'],
    ['no UTM', { ...ok, q: '' }, 'utm'],
    ['direct visit', { ...ok, ref: '' }, 'ref'],
    ['night', { ...ok, now: Date.UTC(2026, 10, 22, 22) }, 'schedule'],
    ['several fail: the first in order', { ...ok, mobile: false, ref: '' }, 'device'],
  ] as [string, Visit, string | undefined][])('%s', (_, v, expected) => {
    expect(firstMiss(rules, v)).toBe(expected);
    expect(targeted(rules, v)).toBe(expected === undefined);
  });

  it('every wire key targeted() reads belongs to one condition', () => {
    // A condition added to targeted() but not to RULE_CONDITIONS would never be named: each
    // key below alone must be able to keep a widget off some page.
    const off = visit({ href: 'https://shop.ru/x', mobile: false, q: '', ref: '' });
    const alone: EmbedRules[] = [
      { url: [{ match: 'equals', value: '/y' }] },
      { notUrl: [{ match: 'equals', value: '/x' }] },
      { device: 'mobile' },
      { utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }] },
      { ref: [{ match: 'contains', value: 'vk' }] },
      { from: '2099-01-01' },
      { to: '2000-01-01' },
      { weekdays: [] },
      { hours: ['01:00', '02:00'] },
    ];
    const keys = Object.values(RULE_CONDITIONS).flat() as string[];
    for (const r of alone) {
      expect(targeted(r, off), JSON.stringify(r)).toBe(false);
      expect(firstMiss(r, off), JSON.stringify(r)).toBeDefined();
      expect(keys).toContain(Object.keys(r)[0]);
    }
  });
});

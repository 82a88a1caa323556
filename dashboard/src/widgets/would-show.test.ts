// "Would it show here?": the loader's evaluator and the site's domain rule, asked from the editor.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type DisplayRules } from '#contracts/core/rules.js';
import { wouldShow } from './would-show.js';

const site = { name: 'Чайная', domains: ['shop.ru'], timezone: 'Europe/Moscow' };
const draft = (rules: Partial<DisplayRules>, active = true) => ({ rules: { ...DEFAULT_RULES, ...rules }, urlRule: { match: 'any' as const, value: '' }, active });
const NOON_MSK = Date.UTC(2026, 10, 23, 9); // a Monday, 12:00 in Moscow

describe('wouldShow', () => {
  it('shows with no rules, and says when and how often', () => {
    expect(wouldShow(draft({}), site, 'https://shop.ru/', false, '', NOON_MSK)).toEqual({ tone: 'ok', text: 'Покажется: сразу при открытии страницы' });
    const timed = draft({ trigger: { kind: 'delay', seconds: 5 }, frequency: { kind: 'days', days: 3, stopAfterSubmit: false } }, false);
    expect(wouldShow(timed, site, 'https://www.shop.ru/a', false, '', NOON_MSK).text).toBe('Покажется: через 5 с после открытия страницы, раз в 3 дн. (когда виджет включён)');
  });

  it('names the first reason it would not', () => {
    const rules = draft({
      url: { include: [{ match: 'starts_with', value: '/catalog' }], exclude: [{ match: 'contains', value: 'cart' }] },
      device: 'mobile',
      utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }],
      referrer: [{ match: 'contains', value: 'yandex.' }],
      schedule: { weekdays: [], hours: { from: '09:00', to: '18:00' } },
    });
    const at = (url: string, mobile = true, ref = 'https://yandex.ru/search', now = NOON_MSK) => wouldShow(rules, site, url, mobile, ref, now).text;
    expect(at('https://shop.ru/catalog/tea?utm_source=vk')).toBe('Покажется: сразу при открытии страницы');
    expect(at('https://other.ru/catalog?utm_source=vk')).toMatch(/^Не покажется: other\.ru — не домен сайта «Чайная»/);
    expect(at('https://shop.ru/blog?utm_source=vk')).toMatch(/^Не покажется: страница не подходит под правило адреса/);
    expect(at('https://shop.ru/catalog/cart?utm_source=vk')).toMatch(/правило адреса/);
    expect(at('https://shop.ru/catalog?utm_source=vk', false)).toMatch(/правило устройства/);
    expect(at('https://shop.ru/catalog')).toMatch(/UTM-метки/);
    expect(at('https://shop.ru/catalog?utm_source=vk', true, '')).toMatch(/источник перехода/);
    expect(at('https://shop.ru/catalog?utm_source=vk', true, 'https://yandex.ru/', Date.UTC(2026, 10, 23, 20))).toMatch(/расписанию \(часовой пояс Europe\/Moscow\)/);
  });

  it('asks for a full address first', () => {
    expect(wouldShow(draft({}), site, 'shop.ru/catalog', false, '', NOON_MSK).tone).toBe('muted');
    expect(wouldShow(draft({}), site, 'javascript:alert(1)', false, '', NOON_MSK).tone).toBe('muted');
  });
});

// The widget contracts: lead fields per type, messenger links, display-rule checks.
import { describe, expect, it } from 'vitest';
import { channelHref, type ChannelKind } from '../core/messengers.js';
import { DEFAULT_RULES } from '../core/rules.js';
import { collectsLeads, leadFieldsOf } from '../core/widget.js';
import { displayRulesSchema } from './rules.js';
import { widgetInputSchema } from './widget.js';

describe('leadFieldsOf', () => {
  const parse = (w: unknown) => widgetInputSchema.parse({ name: 'W', siteId: 's', ...(w as object) });

  it('lists what each type collects; quiz answers are required selects of their options', () => {
    const quiz = parse({
      type: 'quiz',
      content: { questions: [{ key: 'room', text: 'Что?', options: ['Дом', 'Офис'] }], fields: [{ key: 'phone', kind: 'phone', label: 'Телефон', required: true }] },
    });
    expect(leadFieldsOf(quiz)).toEqual([
      { key: 'room', kind: 'select', label: 'Что?', required: true, options: ['Дом', 'Офис'] },
      { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
    ]);
    const callback = parse({ type: 'callback', content: {} });
    expect(leadFieldsOf(callback).map((f) => f.key)).toEqual(['name', 'phone']);
    expect(collectsLeads(parse({ type: 'popup', content: { title: 'Hi' } }))).toBe(false);
    expect(collectsLeads(parse({ type: 'popup', content: { fields: [{ key: 'email', kind: 'email', label: 'E-mail' }] } }))).toBe(true);
    expect(collectsLeads(parse({ type: 'banner', content: {} }))).toBe(false);
    expect(collectsLeads(parse({ type: 'timer', content: { endsAt: '2026-12-31T23:59' } }))).toBe(false);
    expect(collectsLeads({ type: 'chat', content: { fields: [{ key: 'contact', kind: 'text', label: 'Контакт', required: true }] } })).toBe(true);
  });
});

describe('channelHref', () => {
  const cases: [ChannelKind, string, string | null][] = [
    ['telegram', '@tea_shop', 'https://t.me/tea_shop'],
    ['telegram', 'tea_shop', 'https://t.me/tea_shop'],
    ['telegram', 'https://t.me/tea_shop/', 'https://t.me/tea_shop'],
    ['telegram', 't.me/tea_shop', 'https://t.me/tea_shop'],
    ['telegram', 'tea', null], // too short
    ['telegram', 'tea shop', null],
    ['telegram', 'javascript:alert(1)', null],
    ['vk', 'https://vk.com/teashop', 'https://vk.me/teashop'],
    ['vk', 'club12345', 'https://vk.me/club12345'],
    ['vk', 'vk.com/<script>', null],
    ['max', 'https://max.ru/u/f9LHodD0cOI', 'https://max.ru/u/f9LHodD0cOI'],
    ['max', 'http://max.ru/x', null],
    ['max', 'https://evil.example/max.ru', null],
    ['whatsapp', '+7 (900) 123-45-67', 'https://wa.me/79001234567'],
    ['whatsapp', '8 900 123 45 67', 'https://wa.me/79001234567'],
    ['whatsapp', '+81 3 1234 5678', 'https://wa.me/81312345678'], // +8… abroad stays as typed
    ['phone', '+7 900 123-45-67', 'tel:+79001234567'],
    ['phone', '8 (900) 123-45-67', 'tel:+79001234567'],
    ['phone', '12345', null],
  ];
  it.each(cases)('%s %j → %s', (kind, value, href) => {
    expect(channelHref(kind, value)).toBe(href);
  });
});

describe('display rules', () => {
  it('default, field by field, to what a widget created without rules gets (every page, every device, on load, always)', () => {
    expect(displayRulesSchema.parse({})).toEqual(DEFAULT_RULES);
  });

  it.each([
    ['a condition without a value', { url: { include: [{ match: 'contains', value: '' }] } }],
    ['"any" in a list', { referrer: [{ match: 'any', value: 'x' }] }],
    ['a delay of 0', { trigger: { kind: 'delay', seconds: 0 } }],
    ['a click trigger without a selector', { trigger: { kind: 'click', selector: '' } }],
    ['markup as a selector', { trigger: { kind: 'click', selector: '<img src=x>' } }],
    ['an unknown trigger', { trigger: { kind: 'hover' } }],
    ['0 days', { frequency: { kind: 'days', days: 0 } }],
    ['a date that is not YYYY-MM-DD', { schedule: { from: '01.12.2026' } }],
    ['a 13th month', { schedule: { to: '2026-13-01' } }],
    ['weekday 0', { schedule: { weekdays: [0] } }],
    ['24:00', { schedule: { hours: { from: '09:00', to: '24:00' } } }],
    ['an empty daily window', { schedule: { hours: { from: '09:00', to: '09:00' } } }],
    ['an unknown UTM tag', { utm: [{ param: 'utm_whatever', match: 'equals', value: 'x' }] }],
    ['21 include conditions', { url: { include: Array.from({ length: 21 }, () => ({ match: 'contains', value: 'x' })) } }],
  ])('refuse %s', (_, rules) => {
    expect(displayRulesSchema.safeParse(rules).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isValidInn, isValidOgrn, requisitesSchema } from './requisites.js';

describe('Russian tax ids', () => {
  it.each([
    ['7707083893', true], // Sberbank
    ['7736207543', true], // Yandex
    ['7707083894', false],
    ['500100732259', true], // a valid 12-digit INN of an entrepreneur
    ['500100732258', false],
    ['123', false],
    ['77070838931', false],
  ])('INN %s → %s', (inn, ok) => expect(isValidInn(inn)).toBe(ok));

  it.each([
    ['1027700132195', true], // Sberbank
    ['1027700132196', false],
    ['304500116000157', true], // OGRNIP
    ['304500116000158', false],
    ['12345', false],
  ])('OGRN %s → %s', (ogrn, ok) => expect(isValidOgrn(ogrn)).toBe(ok));

  it('an organisation needs a KPP and a 13-digit OGRN', () => {
    const base = { name: 'ПАО Сбербанк', inn: '7707083893', ogrn: '1027700132195', address: 'Москва, ул. Вавилова, 19' };
    expect(requisitesSchema.safeParse({ ...base, kpp: '773601001' }).success).toBe(true);
    expect(requisitesSchema.safeParse(base).success).toBe(false);
    expect(requisitesSchema.safeParse({ ...base, kpp: '773601001', ogrn: '304500116000157' }).success).toBe(false);
  });
});

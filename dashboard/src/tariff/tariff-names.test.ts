// @vitest-environment happy-dom
// Tariff names: one per tariff in each language, never one name for two tariffs (the widget and
// realtime families are priced apart), and the English UI names them without a Russian letter.
import { afterEach, describe, expect, it } from 'vitest';
import { TARIFF_IDS } from '#contracts/core/tariffs.js';
import { REALTIME_TARIFF_IDS } from '#contracts/schemas/realtime.js';
import { setLang, type Lang } from '../i18n/i18n.js';
import { knownTariffName, tariffName } from './tariff-names.js';

const ALL_IDS = [...TARIFF_IDS, ...REALTIME_TARIFF_IDS];

afterEach(async () => {
  await setLang('ru');
});

describe.each<Lang>(['ru', 'en'])('tariff names in %s', (lang) => {
  it('give every tariff of both families its own name', async () => {
    await setLang(lang);
    const names = ALL_IDS.map((id) => tariffName(id));
    expect(names.every((n) => n.length > 0 && !n.startsWith('tariff.'))).toBe(true);
    const shared = names.filter((n, i) => names.indexOf(n) !== i);
    expect(shared).toEqual([]);
  });
});

describe('tariff names', () => {
  it('call the free widget tariff «Начальный» (SPEC §4) and the realtime ones apart from the widget ones', async () => {
    expect(tariffName('free')).toBe('Начальный');
    expect(REALTIME_TARIFF_IDS.map((id) => tariffName(id))).toEqual(['Песочница', 'Лайт', 'Бизнес', 'Про']);
    await setLang('en');
    expect(tariffName('free')).toBe('Free');
    expect(REALTIME_TARIFF_IDS.map((id) => tariffName(id))).toEqual(['Sandbox', 'Lite', 'Business', 'Pro']);
    expect(ALL_IDS.map((id) => tariffName(id)).join(' ')).not.toMatch(/[\u0400-\u04ff]/);
  });

  it('take their own name over the one the server sent, and keep the server’s for a tariff this build does not know', async () => {
    expect(tariffName('rt_start', { ru: 'Старт', en: 'Start' })).toBe('Лайт');
    expect(tariffName('rt_huge', { ru: 'Огромный', en: 'Huge' })).toBe('Огромный');
    expect(tariffName('rt_huge')).toBe('rt_huge');
    await setLang('en');
    expect(tariffName('rt_huge', { ru: 'Огромный', en: 'Huge' })).toBe('Huge');
  });

  it('name in refusals only the tariffs they know', () => {
    expect(knownTariffName('advanced')).toBe('Продвинутый');
    expect(knownTariffName('toString')).toBeNull();
    expect(knownTariffName(null)).toBeNull();
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../i18n/i18n.js';
import { breakdownRows, valueLabel } from './breakdown-view.js';

afterEach(async () => {
  await setLang('ru');
  localStorage.clear();
});

describe('a breakdown table’s rows', () => {
  it('lists the top values with their share of the dimension’s impressions, then the rest as one row', () => {
    const rows = breakdownRows('path', {
      values: [
        { value: '/catalog', impressions: 6, submits: 3, conversion: 0.5 },
        { value: '/', impressions: 2, submits: 0, conversion: 0 },
      ],
      rest: { values: 3, impressions: 2, submits: 1 },
    });
    expect(rows.map((r) => [r.label, r.impressions, r.share, r.submits, r.conversion])).toEqual([
      ['/catalog', 6, 0.6, 3, 0.5],
      ['/', 2, 0.2, 0, 0],
      ['Остальные (3)', 2, 0.2, 1, 0.5],
    ]);
  });

  it('has no rest row when every value is listed, and no share when nothing was shown', () => {
    const rows = breakdownRows('visitor', { values: [{ value: 'new', impressions: 0, submits: 1, conversion: null }], rest: { values: 0, impressions: 0, submits: 0 } });
    expect(rows).toEqual([{ key: 'new', label: 'Новые', impressions: 0, share: null, submits: 1, conversion: null }]);
  });

  it('names the server’s placeholder values in words, in Russian and in English with no Russian left', async () => {
    const values = [
      ['device', 'mobile'],
      ['device', 'tablet'],
      ['device', 'desktop'],
      ['visitor', 'returning'],
      ['source', '(direct)'],
      ['source', '(internal)'],
      ['source', '(unknown)'],
      ['path', '(other)'],
    ] as const;
    expect(values.map(([d, v]) => valueLabel(d, v))).toEqual([
      'Телефоны',
      'Планшеты',
      'Компьютеры',
      'Вернувшиеся',
      'Прямые заходы',
      'Со страниц сайта',
      'Не известно',
      'Прочие (сверх 100 страниц за день)',
    ]);
    expect(valueLabel('source', 'yandex.ru')).toBe('yandex.ru');
    await setLang('en');
    const english = values.map(([d, v]) => valueLabel(d, v));
    expect(english).toEqual(['Phones', 'Tablets', 'Computers', 'Returning', 'Direct visits', 'From the site’s own pages', 'Not known', 'Others (past 100 pages a day)']);
    expect(english.join(' ')).not.toMatch(/[а-яё]/i);
  });
});

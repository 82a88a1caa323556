// @vitest-environment happy-dom
// The operator's notice in the dashboard's language: English when the operator wrote it.
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../i18n/i18n.js';
import { noticeInLang } from './notice-lang.js';

afterEach(() => setLang('ru'));

const bilingual = { title: 'Плановые работы', body: 'Кабинет недоступен 30 минут.', titleEn: 'Planned maintenance', bodyEn: 'The dashboard is unavailable for 30 minutes.' };
const russianOnly = { title: 'Обновление', body: 'Только по-русски.', titleEn: null, bodyEn: null };

describe('noticeInLang', () => {
  it('shows the English version in the English dashboard, the Russian one in the Russian', async () => {
    expect(noticeInLang(bilingual)).toEqual({ title: 'Плановые работы', body: 'Кабинет недоступен 30 минут.' });
    await setLang('en');
    expect(noticeInLang(bilingual)).toEqual({ title: 'Planned maintenance', body: 'The dashboard is unavailable for 30 minutes.' });
  });

  it('shows the text as written when the operator wrote no English (a notification copy has no such keys)', async () => {
    await setLang('en');
    expect(noticeInLang(russianOnly)).toEqual({ title: 'Обновление', body: 'Только по-русски.' });
    expect(noticeInLang({ title: 'Обновление', body: 'Только по-русски.' })).toEqual({ title: 'Обновление', body: 'Только по-русски.' });
  });
});

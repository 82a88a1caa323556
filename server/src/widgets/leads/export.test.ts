import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../platform/lib/clock.js';
import { parseCsv } from '../../../../tests/e2e/support/csv.js';
import { createSite, createTestApp, formWidgetInput, setTariff, signIn, type Session, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { LEAD_RATE_PER_IP_PER_MINUTE: '1000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000' } });
});
afterEach(async () => t.cleanup());

const submit = (siteKey: string, widget: string, fields: Record<string, string | boolean>, extra: Record<string, unknown> = {}) =>
  t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
    body: JSON.stringify({ site: siteKey, widget, fields, consent: true, elapsedMs: 3000, ...extra }),
  });

async function setup() {
  const s = await signIn(t, 'owner@example.ru');
  await setTariff(t, s.accountId, 'start');
  const site = await createSite(s);
  const post = async (body: unknown) => ((await (await s.request('POST', '/api/widgets', body)).json()) as { id: string }).id;
  const form = await post(formWidgetInput(site.id, { name: 'Заявка' }));
  t.clock.advance(1000);
  const withComment = await post(
    formWidgetInput(site.id, {
      name: 'Вопрос',
      content: {
        fields: [
          { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
          { key: 'comment', kind: 'textarea', label: 'Комментарий' },
          { key: 'agree', kind: 'checkbox', label: 'Позвонить вечером' },
        ],
        consentUrl: 'https://shop.example.ru/consent',
        privacyUrl: 'https://shop.example.ru/privacy',
        marketingConsent: true,
      },
    }),
  );
  return { s, site, form, withComment };
}

const exportCsv = async (s: Session, query = '') => {
  const res = await s.request('GET', `/api/leads/export.csv${query}`);
  // Bytes, not res.text(): the UTF-8 decoder of fetch would swallow the BOM under test.
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
};
const rowsOf = (text: string) => parseCsv(text.replace(/^\uFEFF/, ''));

describe('GET /api/leads/export.csv', () => {
  it('is UTF-8 with a BOM, ";"-separated, CRLF, with a header from the widgets’ field labels', async () => {
    const { s, site, form, withComment } = await setup();
    expect((await submit(site.siteKey, form, { name: 'Мария; "Иванова"', phone: '+7 916 555-12-34', email: 'm@example.ru' }, { page: 'https://shop.example.ru/?utm_source=yandex' })).status).toBe(201);
    t.clock.advance(HOUR);
    expect((await submit(site.siteKey, withComment, { phone: '+79160000000', comment: 'строка 1\nстрока 2', agree: true }, { marketingConsent: true })).status).toBe(201);

    const { res, text, bytes } = await exportCsv(s);
    expect(res.status).toBe(200);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="leads-2026-11-01.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    const [header, newest, oldest] = rowsOf(text);
    expect(header).toEqual([
      'Дата',
      'Часовой пояс',
      'Сайт',
      'Виджет',
      'Статус',
      'Имя',
      'Телефон',
      'E-mail',
      'Комментарий',
      'Позвонить вечером',
      'Заметка',
      'Страница',
      'Откуда пришёл',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_content',
      'utm_term',
      'Согласие на рассылку',
      'Вариант A/B-теста',
      'ID заявки',
    ]);
    // Newest first; 10:00 UTC is 13:00 in Moscow, the site's zone.
    expect(newest!.slice(0, 5)).toEqual(['01.11.2026 13:00', 'Europe/Moscow', 'Shop', 'Вопрос', 'новая']);
    expect(newest![8]).toBe('строка 1\nстрока 2');
    expect(newest![9]).toBe('да');
    expect(newest![18]).toBe('да');
    expect(oldest![5]).toBe('Мария; "Иванова"');
    // Typed "+7 916 555-12-34", stored and exported in E.164.
    expect(oldest![6]).toBe('+79165551234');
    expect(oldest![13]).toBe('yandex');
  });

  it('neutralises formulas with one rule that keeps phones importable', async () => {
    const { s, site, withComment } = await setup();
    const payloads = ['=HYPERLINK("http://evil.example","click")', "@SUM(1+1)*cmd|' /C calc'!A0", '-2+3', '+1+1', '+7 (916) 000'];
    const typed = ['8 (916) 000-00-01', '+7 916 000 00 02', '9160000003', '+375 29 123-45-67', '+7 (916) 000-00-05'];
    for (const [i, comment] of payloads.entries()) expect((await submit(site.siteKey, withComment, { phone: typed[i]!, comment })).status).toBe(201);
    const [header, ...rows] = rowsOf((await exportCsv(s)).text);
    const col = (label: string) => header!.indexOf(label);
    expect(rows.map((r) => r[col('Комментарий')]).sort()).toEqual(payloads.map((p) => `'${p}`).sort());
    // A "+" and digits only is a phone: every phone comes out the same way, as E.164, unquoted.
    expect(rows.map((r) => r[col('Телефон')]).sort()).toEqual(['+375291234567', '+79160000001', '+79160000002', '+79160000003', '+79160000005']);
  });

  it('honours the list’s filters and an English header', async () => {
    const { s, site, form, withComment } = await setup();
    await submit(site.siteKey, form, { name: 'Анна', phone: '+79160000001' });
    t.clock.advance(2 * HOUR);
    await submit(site.siteKey, withComment, { phone: '+79160000002' });
    await submit(site.siteKey, form, { name: 'Борис', phone: '+79160000003' });
    expect(rowsOf((await exportCsv(s, `?widgetId=${form}`)).text)).toHaveLength(3);
    expect(rowsOf((await exportCsv(s, `?q=${encodeURIComponent('Анна')}`)).text)).toHaveLength(2);
    const start = Date.UTC(2026, 10, 1, 9);
    expect(rowsOf((await exportCsv(s, `?from=${start + HOUR}`)).text)).toHaveLength(3);
    const en = rowsOf((await exportCsv(s, `?lang=en&siteId=${site.id}`)).text);
    expect(en[0]!.slice(0, 4)).toEqual(['Date', 'Time zone', 'Site', 'Widget']);
    expect(en).toHaveLength(4);
  });

  it('an empty export still has its header', async () => {
    const { s } = await setup();
    const rows = rowsOf((await exportCsv(s)).text);
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe('Дата');
  });

  it('refuses bad filters, other accounts’ ids and anonymous requests', async () => {
    const { site, form } = await setup();
    const other = await signIn(t, 'other@example.ru');
    for (const q of ['?from=yesterday', '?lang=de', `?q=${'x'.repeat(201)}`]) {
      const { res } = await exportCsv(other, q);
      expect(res.status, q).toBe(422);
    }
    for (const q of [`?widgetId=${form}`, `?siteId=${site.id}`]) {
      const { res, text } = await exportCsv(other, q);
      expect(res.status, q).toBe(404);
      expect(JSON.parse(text).error.code).toBe('not_found');
    }
    expect((await t.app.request('/api/leads/export.csv')).status).toBe(401);
  });
});

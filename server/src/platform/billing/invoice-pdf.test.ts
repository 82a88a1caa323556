// The invoice PDF: a real PDF drawn by pdfmake with embedded Cyrillic fonts, readable back
// into text through the fonts' ToUnicode maps; only the owner and the operator get it.
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test', SELLER_REQUISITES: 'ИП Иванов И. И.\\nИНН 500100732259' } });
});
afterEach(() => t.cleanup());

const requisites = { name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', address: 'Москва, ул. Вавилова, 19' };

/** The file's objects by number: dictionary text and, if any, the inflated stream. */
function objects(pdf: Buffer): Map<string, { dict: string; stream: string | null }> {
  const raw = pdf.toString('latin1');
  const out = new Map<string, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('\nstream\n');
    if (at < 0) {
      out.set(m[1]!, { dict: body, stream: null });
      continue;
    }
    const data = Buffer.from(body.slice(at + 8, body.lastIndexOf('\nendstream')), 'latin1');
    let stream: string | null = null;
    try {
      stream = inflateSync(data).toString('latin1');
    } catch {
      stream = body.includes('FlateDecode') ? null : data.toString('latin1');
    }
    out.set(m[1]!, { dict: body.slice(0, at), stream });
  }
  return out;
}

/** The text drawn on the pages: each TJ's glyph ids mapped through its font's ToUnicode cmap. */
function extractText(pdf: Buffer): string {
  const objs = objects(pdf);
  const cmapOf = (fontObj: string) => {
    const ref = objs.get(fontObj)?.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
    const map = new Map<number, string>();
    for (const [, from, list] of (objs.get(ref ?? '')?.stream ?? '').matchAll(/<([0-9a-f]+)>\s*<[0-9a-f]+>\s*\[([^\]]*)\]/gi)) {
      [...list!.matchAll(/<([0-9a-f]+)>/gi)].forEach((h, i) => map.set(parseInt(from!, 16) + i, String.fromCodePoint(parseInt(h[1]!, 16))));
    }
    return map;
  };
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objs.values()) for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) if (!fonts.has(name!)) fonts.set(name!, cmapOf(ref!));
  let text = '';
  for (const { dict, stream } of objs.values()) {
    if (!stream || dict.includes('/Type /XObject') || !/TJ/.test(stream)) continue;
    let font = new Map<number, string>();
    for (const [, name, run] of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)) {
      if (name) font = fonts.get(name) ?? new Map();
      else text += ` ${[...run!.matchAll(/<([0-9a-f]+)>/gi)].flatMap((h) => h[1]!.match(/.{4}/g)!.map((g) => font.get(parseInt(g, 16)) ?? '?')).join('')}`;
    }
  }
  return text.replace(/\s+/g, ' ');
}

describe('invoice PDF', () => {
  it('renders the invoice with Cyrillic text, the number and the total; owner and operator only', async () => {
    const s = await signIn(t, 'company@example.ru');
    const created = (await (await s.request('POST', '/api/billing/invoices', { tariffId: 'start', requisites })).json()) as { id: string; number: number };
    const res = await s.request('GET', `/api/billing/invoices/${created.id}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(`(Invoice ${created.number})`);
    const text = extractText(pdf);
    expect(text).toContain(`Счёт № ${created.number}`);
    expect(text).toContain('ООО «Ромашка»');
    expect(text).toContain('990,00');
    expect(text).toContain('НДС не облагается');

    const other = await signIn(t, 'other@example.ru');
    expect((await other.request('GET', `/api/billing/invoices/${created.id}.pdf`)).status).toBe(404);
    const ops = await signIn(t, 'ops@widgetry.test');
    expect((await ops.request('GET', `/api/billing/invoices/${created.id}.pdf`)).status).toBe(200);
    // The HTML page keeps its own route.
    expect((await s.request('GET', `/api/billing/invoices/${created.id}`)).headers.get('content-type')).toContain('text/html');
  });

  it('lists the account’s invoices with payment status and whether the act is ready', async () => {
    const s = await signIn(t, 'company@example.ru');
    await s.request('POST', '/api/billing/invoices', { tariffId: 'start', requisites });
    const list = (await (await s.request('GET', '/api/billing/invoices')).json()) as { invoices: { number: number; status: string; actAvailable: boolean; requisitesName: string }[] };
    expect(list.invoices).toEqual([expect.objectContaining({ number: 1, status: 'pending', actAvailable: false, requisitesName: 'ООО «Ромашка»' })]);
    const other = await signIn(t, 'other@example.ru');
    expect(((await (await other.request('GET', '/api/billing/invoices')).json()) as { invoices: unknown[] }).invoices).toEqual([]);
  });
});

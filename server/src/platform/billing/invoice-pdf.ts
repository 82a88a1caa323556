// The invoice as a PDF (for accountants who want a file, not a page to print). pdfmake draws
// it with the Roboto fonts shipped inside the package (they have Cyrillic), so nothing is
// fetched at run time; both access policies allow only those font files.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Env } from '../../env.js';
import type { InvoiceRow } from './invoices.js';
import { VAT_NOTE } from './invoice-page.js';

const require = createRequire(import.meta.url);
const fontsDir = join(dirname(require.resolve('pdfmake/fonts/Roboto.js')), 'Roboto');
const font = (file: string) => join(fontsDir, file);

// Loaded with the first invoice, not with the app: pdfmake and its fonts' parsers add ~25 MB to
// a process that may never draw an invoice.
let loaded: typeof import('pdfmake').default | undefined;
function pdfmakeWithFonts(): typeof import('pdfmake').default {
  if (loaded) return loaded;
  const pdfmake = require('pdfmake') as typeof import('pdfmake').default;
  pdfmake.setFonts({ Roboto: { normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'), italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf') } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontsDir));
  loaded = pdfmake;
  return pdfmake;
}

const rub = (kopecks: number) => (kopecks / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const day = (ms: number) => new Date(ms).toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' });

export async function renderInvoicePdf(invoice: InvoiceRow, env: Pick<Env, 'SELLER_REQUISITES' | 'BRAND_NAME'>): Promise<Buffer> {
  const r = invoice.requisites;
  const title = `Счёт № ${invoice.number} от ${day(invoice.createdAt)}`;
  const right = { alignment: 'right' };
  const doc = {
    // ASCII metadata stays readable in the file itself (the info dictionary is not compressed).
    info: { title: `Invoice ${invoice.number}`, subject: `${env.BRAND_NAME} invoice ${invoice.number}`, creator: env.BRAND_NAME },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      { text: title, fontSize: 16, bold: true, margin: [0, 0, 0, 12] },
      { text: 'Продавец:', bold: true },
      { text: env.SELLER_REQUISITES.join('\n'), margin: [0, 0, 0, 8] },
      { text: 'Покупатель:', bold: true },
      { text: `${r.name}, ИНН ${r.inn}${r.kpp ? `, КПП ${r.kpp}` : ''}, ОГРН ${r.ogrn}\n${r.address}`, margin: [0, 0, 0, 12] },
      {
        table: {
          headerRows: 1,
          widths: [20, '*', 40, 70, 70],
          body: [
            [
              { text: '№', bold: true },
              { text: 'Наименование', bold: true },
              { text: 'Кол-во', bold: true, ...right },
              { text: 'Цена, ₽', bold: true, ...right },
              { text: 'Сумма, ₽', bold: true, ...right },
            ],
            ...invoice.lines.map((l, i) => [String(i + 1), l.description, { text: String(l.quantity), ...right }, { text: rub(l.priceKopecks), ...right }, { text: rub(l.totalKopecks), ...right }]),
            [{ text: 'Итого', bold: true, colSpan: 4, ...right }, '', '', '', { text: rub(invoice.totalKopecks), bold: true, ...right }],
          ],
        },
      },
      { text: VAT_NOTE, margin: [0, 12, 0, 4] },
      { text: 'Оплата счёта означает согласие с условиями оферты. Доступ предоставляется на 30 дней с момента зачисления оплаты.', color: '#555555' },
    ],
  };
  return pdfmakeWithFonts().createPdf(doc).getBuffer();
}

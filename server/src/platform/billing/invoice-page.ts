// The invoice and the act as printable HTML pages (print to PDF from the browser).
import { html } from 'hono/html';
import type { BankDetails, Env } from '../../env.js';
import type { InvoiceRow } from './invoices.js';

export const rub = (kopecks: number) => (kopecks / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const day = (ms: number) => new Date(ms).toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' });

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;max-width:800px;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #999;padding:.4rem;text-align:left}
.num{text-align:right}.muted{color:#555;font-size:12px}@media print{.no-print{display:none}}`;

/** Offer 003 §5.8: the service is in the Russian software registry, so no VAT is charged. */
export const VAT_NOTE = 'НДС не облагается на основании пп. 26 п. 2 ст. 149 НК РФ.';

/** A printable document page (the invoice, the act, a manual payment's invoice): one style, one print hint. */
export function printablePage(title: string, body: unknown) {
  return html`<!doctype html>
    <html lang="ru">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        ${body}
        <p class="muted no-print">Чтобы сохранить в PDF, напечатайте страницу (Ctrl+P) и выберите «Сохранить как PDF».</p>
      </body>
    </html>`;
}

export function renderInvoiceDocument(kind: 'invoice' | 'act', invoice: InvoiceRow, env: Pick<Env, 'SELLER_REQUISITES' | 'SELLER_BANK_DETAILS'>, period?: { start: number; end: number }) {
  const r = invoice.requisites;
  const title = kind === 'invoice' ? `Счёт № ${invoice.number} от ${day(invoice.createdAt)}` : `Акт № ${invoice.number} от ${day(period!.end)}`;
  return printablePage(
    title,
    html`${kind === 'invoice' ? bankBlock(env.SELLER_BANK_DETAILS) : ''}
        <h1>${title}</h1>
        <p><b>Продавец:</b><br />${env.SELLER_REQUISITES.map((l) => html`${l}<br />`)}</p>
        <p>
          <b>Покупатель:</b> ${r.name}, ИНН ${r.inn}${r.kpp ? html`, КПП ${r.kpp}` : ''}, ОГРН ${r.ogrn}<br />
          ${r.address}
        </p>
        <table>
          <tr><th>№</th><th>Наименование</th><th class="num">Кол-во</th><th class="num">Цена, ₽</th><th class="num">Сумма, ₽</th></tr>
          ${invoice.lines.map(
            (l, i) => html`<tr><td>${i + 1}</td><td>${l.description}</td><td class="num">${l.quantity}</td><td class="num">${rub(l.priceKopecks)}</td><td class="num">${rub(l.totalKopecks)}</td></tr>`,
          )}
          <tr><th colspan="4" class="num">Итого</th><th class="num">${rub(invoice.totalKopecks)}</th></tr>
        </table>
        <p>${VAT_NOTE}</p>
        ${
          kind === 'invoice'
            ? html`<p class="muted">Оплата счёта означает согласие с условиями оферты. Доступ предоставляется на 30 дней с момента зачисления оплаты.</p>`
            : html`<p>Услуги (право использования сервиса) за период с ${day(period!.start)} по ${day(period!.end)} оказаны полностью. Претензий по объёму, качеству и срокам стороны не имеют.</p>`
        }
`,
  );
}

/** The bank block at the head of a Russian invoice (the layout of a payment order). */
export function bankBlock(d: BankDetails | null) {
  if (!d) return html`<p><b>Банковские реквизиты продавца не указаны.</b> Запросите их у продавца перед оплатой.</p>`;
  return html`<table class="bank">
    <tr><td colspan="2">${d.bank}<br /><span class="muted">Банк получателя</span></td><td>БИК</td><td>${d.bik}</td></tr>
    <tr><td colspan="2"></td><td>Сч. №</td><td>${d.corrAccount ?? ''}</td></tr>
    <tr><td>ИНН ${d.inn}</td><td>КПП ${d.kpp ?? '—'}</td><td rowspan="2">Сч. №</td><td rowspan="2">${d.account}</td></tr>
    <tr><td colspan="2">${d.name}<br /><span class="muted">Получатель</span></td></tr>
  </table>`;
}

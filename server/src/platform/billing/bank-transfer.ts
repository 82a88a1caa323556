// Paying by bank transfer: a manual payment (no YooKassa configured) or a company's invoice waits
// for the operator to see the money arrive. The licensee needs the operator's bank details, the
// amount and a purpose of payment that names the payment, so the operator can match the transfer.
import { html } from 'hono/html';
import type { TariffId } from '#contracts/core/tariffs.js';
import type { BankDetails, Env } from '../../env.js';
import { realtimePaymentDescription } from '../tariffs/realtime-catalogue.js';
import type { PaymentRow } from './apply-payment.js';
import { paymentDescription } from './checkout.js';
import { bankBlock, day, printablePage, rub, VAT_NOTE } from './invoice-page.js';

export interface BankTransfer {
  /** null until the operator sets SELLER_NAME, SELLER_INN, SELLER_BANK, SELLER_BIK and SELLER_ACCOUNT. */
  payee: BankDetails | null;
  amountKopecks: number;
  /** "Назначение платежа": what the payer types into their bank so the transfer is matched. */
  purpose: string;
  /** The printable invoice of this payment. */
  invoiceUrl: string;
  /** Whom to write to about the transfer (the first of OPERATOR_EMAILS); null when no operator is configured. */
  operatorEmail: string | null;
}

/** The reference a transfer names: the invoice number for companies' invoices, else the payment id. */
export const transferReference = (payment: Pick<PaymentRow, 'id'>, invoiceNumber: number | null) => (invoiceNumber !== null ? String(invoiceNumber) : payment.id);

export function describePayment(payment: PaymentRow, env: Pick<Env, 'BRAND_NAME'>): string {
  return payment.product === 'realtime' ? realtimePaymentDescription(env.BRAND_NAME, payment.tariffId, payment.months) : paymentDescription(payment.tariffId as TariffId, env.BRAND_NAME);
}

/** What the return page shows for a payment that waits for a transfer; null for card payments and settled ones. */
export function bankTransferFor(payment: PaymentRow, env: Pick<Env, 'BRAND_NAME' | 'SELLER_BANK_DETAILS' | 'OPERATOR_EMAILS'>, invoice: { id: string; number: number } | null): BankTransfer | null {
  if (payment.method === 'yookassa' || payment.status !== 'pending') return null;
  const reference = transferReference(payment, invoice?.number ?? null);
  return {
    payee: env.SELLER_BANK_DETAILS,
    amountKopecks: payment.amountKopecks,
    // A realtime period's description ends with an abbreviation («1 мес.»), which already closes the sentence.
    purpose: `Оплата по счёту № ${reference}. ${describePayment(payment, env).replace(/\.$/, '')}. ${VAT_NOTE}`,
    invoiceUrl: invoice ? `/api/billing/invoices/${invoice.id}` : `/api/billing/payments/${payment.id}/invoice`,
    operatorEmail: env.OPERATOR_EMAILS[0] ?? null,
  };
}

/** The invoice of a manual payment (a person or a company that did not fill in requisites): the buyer is the account. */
export function renderPaymentInvoice(payment: PaymentRow, buyerEmail: string, env: Pick<Env, 'BRAND_NAME' | 'SELLER_BANK_DETAILS' | 'SELLER_REQUISITES'>) {
  const title = `Счёт на оплату № ${payment.id} от ${day(payment.createdAt)}`;
  const description = describePayment(payment, env);
  return printablePage(
    title,
    html`${bankBlock(env.SELLER_BANK_DETAILS)}
        <h1>${title}</h1>
        <p><b>Поставщик:</b><br />${env.SELLER_REQUISITES.map((l) => html`${l}<br />`)}</p>
        <p><b>Покупатель:</b> ${buyerEmail}</p>
        <table>
          <tr><th>№</th><th>Наименование</th><th class="num">Кол-во</th><th class="num">Цена, ₽</th><th class="num">Сумма, ₽</th></tr>
          <tr><td>1</td><td>${description}</td><td class="num">1</td><td class="num">${rub(payment.amountKopecks)}</td><td class="num">${rub(payment.amountKopecks)}</td></tr>
          <tr><th colspan="4" class="num">Итого к оплате</th><th class="num">${rub(payment.amountKopecks)}</th></tr>
        </table>
        <p>${VAT_NOTE}</p>
        <p><b>Назначение платежа:</b> Оплата по счёту № ${payment.id}. ${description}. ${VAT_NOTE}</p>
        <p class="muted">Доступ предоставляется с момента зачисления оплаты на расчётный счёт продавца. Оплата счёта означает согласие с условиями оферты.</p>`,
  );
}

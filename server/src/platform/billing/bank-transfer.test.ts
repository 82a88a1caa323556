// The purpose of payment a payer types into their bank: one sentence per part, whatever was bought.
import { describe, expect, it } from 'vitest';
import type { PaymentRow } from './apply-payment.js';
import { bankTransferFor } from './bank-transfer.js';

const env = { BRAND_NAME: 'Widgetry', SELLER_BANK_DETAILS: null, OPERATOR_EMAILS: [] };
const manual = (over: Partial<PaymentRow>) => ({ id: 'pay_1', product: 'widgets', tariffId: 'start', months: null, amountKopecks: 99_000, method: 'manual', status: 'pending', ...over }) as PaymentRow;

describe('the purpose of a bank transfer', () => {
  it('a realtime period (its description ends with "мес.") is not followed by a second full stop', () => {
    const purpose = bankTransferFor(manual({ product: 'realtime', tariffId: 'rt_start', months: 1 }), env, null)!.purpose;
    expect(purpose).toBe('Оплата по счёту № pay_1. Widgetry: проект реального времени, тариф «Лайт», 1 мес. НДС не облагается на основании пп. 26 п. 2 ст. 149 НК РФ.');
  });

  it('a widget tariff reads as before', () => {
    const purpose = bankTransferFor(manual({}), env, null)!.purpose;
    expect(purpose).toBe('Оплата по счёту № pay_1. Widgetry: тариф «Старт», доступ на 30 дней. НДС не облагается на основании пп. 26 п. 2 ст. 149 НК РФ.');
  });
});

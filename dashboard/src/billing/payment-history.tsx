// Every payment of the account, newest first, with its status and (if cancelled) why.
import type { Billing } from '../api-types.js';
import { formatDateTime, t, type Key } from '../i18n/i18n.js';
import { Pill } from '../ui/bits.js';
import { formatKopecks, paymentStatusText, paymentTone, reasonText, tariffName } from './billing-text.js';

export function PaymentHistory({ payments }: { payments: Billing['payments'] }) {
  return (
    <section aria-labelledby="history-title">
      <h2 class="section-title" id="history-title">
        {t('bill.history')}
      </h2>
      {payments.length === 0 ? (
        <p class="muted">{t('bill.noPayments')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('bill.col.date')}</th>
                <th scope="col">{t('bill.col.tariff')}</th>
                <th scope="col" class="num">
                  {t('bill.col.amount')}
                </th>
                <th scope="col">{t('bill.col.method')}</th>
                <th scope="col">{t('bill.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={p.id}>
                  <td>{formatDateTime(p.paidAt ?? p.createdAt)}</td>
                  <td>{tariffName(p.tariffId)}</td>
                  <td class="num">{formatKopecks(p.amountKopecks)}</td>
                  <td>
                    {t(`bill.method.${p.method}` as Key)}
                    {p.purpose === 'autopay' && <span class="sub">{t('bill.autopayCharge')}</span>}
                  </td>
                  <td>
                    <Pill tone={paymentTone(p.status)}>{paymentStatusText(p.status)}</Pill>
                    {p.cancellation && <span class="sub">{reasonText(p.cancellation.reason, p.cancellation.text)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

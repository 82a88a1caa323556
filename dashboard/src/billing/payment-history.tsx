// Every payment of the account, newest first, with its status and (if cancelled) why.
import type { Billing } from '../api-types.js';
import { formatDateTime, t, type Key } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Pill } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { Section } from '../ui/section.js';
import { formatKopecks, paymentStatusText, paymentTone, reasonText } from './billing-text.js';
import { tariffName } from '../tariff/tariff-names.js';

export function PaymentHistory({ payments }: { payments: Billing['payments'] }) {
  return (
    <Section id="history-title" title={t('bill.history')} empty={payments.length === 0 && t('bill.noPayments')}>
      {/* Cards on a phone: scrolled sideways in its frame, the table hid the status (and the way
          back to a pending transfer's bank details) past the screen's edge. */}
      <DataTable
        rows={payments}
        label={t('bill.history')}
        columns={[
          { label: t('bill.col.date'), cell: (p) => formatDateTime(p.paidAt ?? p.createdAt) },
          { label: t('bill.col.tariff'), cell: (p) => tariffName(p.tariffId) },
          { label: t('bill.col.amount'), class: 'num', cell: (p) => formatKopecks(p.amountKopecks) },
          {
            label: t('bill.col.method'),
            cell: (p) => (
              <>
                {t(`bill.method.${p.method}` as Key)}
                {p.purpose === 'autopay' && <span class="sub">{t('bill.autopayCharge')}</span>}
              </>
            ),
          },
          {
            label: t('bill.col.status'),
            cell: (p) => (
              <>
                <Pill tone={paymentTone(p.status)}>{paymentStatusText(p.status)}</Pill>
                {p.cancellation && <span class="sub">{reasonText(p.cancellation.reason, p.cancellation.text)}</span>}
                {/* The bank details and the invoice are on the return page only: without this link a
                    payer who left it had no way back to what to transfer. */}
                {p.method === 'manual' && p.status === 'pending' && (
                  <Link class="sub" href={`/billing/return?payment=${encodeURIComponent(p.id)}`} aria-label={t('bill.transferDetailsOf', { date: formatDateTime(p.createdAt) })}>
                    {t('bill.transferDetails')}
                  </Link>
                )}
              </>
            ),
          },
        ]}
      />
    </Section>
  );
}

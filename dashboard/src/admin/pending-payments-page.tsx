// The queue of payments that wait for money by bank transfer: manual payments (made while
// YooKassa is not set up) and companies' invoices, oldest first. The operator finds the transfer
// by its reference, opens the invoice to print, and marks the payment paid, which starts the
// period at once and tells the licensee (e-mail and a dashboard notice).
import { get } from '../api.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Empty, Pill } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { formatKopecks } from '../billing/billing-text.js';
import { WithNote } from './admin-cells.js';
import { AdminPage } from './admin-frame.js';
import type { PendingPayment } from './admin-types.js';
import { useMarkPaid } from './mark-paid.js';

export default function PendingPaymentsPage() {
  const queue = useApi((signal) => get<{ payments: PendingPayment[] }>('/admin/billing/pending', undefined, { signal }), []);
  const markPaid = useMarkPaid(queue.reload);
  const texts = (p: PendingPayment) => ({
    title: t('admin.pending.markPaidTitle', { reference: p.reference }),
    body: t('admin.pending.markPaidText', { total: formatKopecks(p.amountKopecks), email: p.email }),
    name: t('admin.pending.markPaidNamed', { reference: p.reference }),
    done: t('admin.pending.marked', { reference: p.reference }),
  });
  return (
    <AdminPage title={t('admin.pending.title')} lead={t('admin.pending.lead')}>
      <Loaded state={queue} isEmpty={(d) => d.payments.length === 0} empty={<Empty icon="card" title={t('admin.pending.none')} />}>
        {(data) => (
          <DataTable
            rows={data.payments}
            label={t('admin.pending.title')}
            actions={(p) => markPaid.button(p.id, texts(p))}
            columns={[
              {
                label: t('admin.pending.reference'),
                cell: (p) => (
                  <WithNote note={formatDateTime(p.createdAt)}>
                    <a href={p.invoiceUrl} target="_blank" rel="noopener">
                      {t('admin.pending.invoice', { reference: p.reference })}
                    </a>
                  </WithNote>
                ),
              },
              { label: t('admin.invoices.payer'), cell: (p) => <Link href={`/admin/accounts/${p.accountId}`}>{p.email}</Link> },
              {
                label: t('admin.pending.what'),
                cell: (p) => <WithNote note={<Pill tone="muted">{p.method === 'invoice' ? t('admin.pending.byInvoice') : t('admin.pending.manual')}</Pill>}>{p.description}</WithNote>,
              },
              { label: t('admin.invoices.total'), class: 'num', cellClass: 'nowrap', cell: (p) => formatKopecks(p.amountKopecks) },
            ]}
          />
        )}
      </Loaded>
      {markPaid.dialog}
    </AdminPage>
  );
}

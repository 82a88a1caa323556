// The queue of payments that wait for money by bank transfer: manual payments (made while
// YooKassa is not set up) and companies' invoices, oldest first. The operator finds the transfer
// by its reference, opens the invoice to print, and marks the payment paid, which starts the
// period at once and tells the licensee (e-mail and a dashboard notice).
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Empty, Pill } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { useConfirm } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { Loaded } from '../ui/loaded.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { formatKopecks } from '../billing/billing-text.js';
import { AdminPage } from './admin-frame.js';
import type { PendingPayment } from './admin-types.js';

export default function PendingPaymentsPage() {
  const queue = useApi((signal) => get<{ payments: PendingPayment[] }>('/admin/billing/pending', undefined, { signal }), []);
  const [dialog, ask] = useConfirm();
  const [busy, setBusy] = useState<string | null>(null);
  const markPaid = async (p: PendingPayment) => {
    const ok = await ask({
      title: t('admin.pending.markPaidTitle', { reference: p.reference }),
      body: t('admin.pending.markPaidText', { total: formatKopecks(p.amountKopecks), email: p.email }),
      confirm: t('admin.invoices.markPaid'),
    });
    if (!ok) return;
    setBusy(p.id);
    try {
      await api('POST', `/admin/billing/payments/${p.id}/mark-paid`);
      toast(t('admin.pending.marked', { reference: p.reference }));
      await queue.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <AdminPage title={t('admin.pending.title')} lead={t('admin.pending.lead')}>
      <Loaded state={queue} isEmpty={(d) => d.payments.length === 0} empty={<Empty icon="card" title={t('admin.pending.none')} />}>
        {(data) => (
          <DataTable
            rows={data.payments}
            rowKey={(p) => p.id}
            label={t('admin.pending.title')}
            columns={[
              {
                label: t('admin.pending.reference'),
                cell: (p) => (
                  <div>
                    <a href={p.invoiceUrl} target="_blank" rel="noopener">
                      {t('admin.pending.invoice', { reference: p.reference })}
                    </a>
                    <span class="sub">{formatDateTime(p.createdAt)}</span>
                  </div>
                ),
              },
              {
                label: t('admin.invoices.payer'),
                cell: (p) => <Link href={`/admin/accounts/${p.accountId}`}>{p.email}</Link>,
              },
              {
                label: t('admin.pending.what'),
                cell: (p) => (
                  <div>
                    {p.description}
                    <span class="sub">
                      <Pill tone="muted">{p.method === 'invoice' ? t('admin.pending.byInvoice') : t('admin.pending.manual')}</Pill>
                    </span>
                  </div>
                ),
              },
              { label: t('admin.invoices.total'), class: 'num', cellClass: 'nowrap', cell: (p) => formatKopecks(p.amountKopecks) },
              {
                label: t('admin.col.actions'),
                actions: true,
                cellClass: 'row-actions',
                cell: (p) => (
                  <button
                    type="button"
                    class="btn btn-small btn-primary"
                    disabled={busy === p.id}
                    onClick={() => void markPaid(p)}
                    aria-label={t('admin.pending.markPaidNamed', { reference: p.reference })}
                  >
                    {t('admin.invoices.markPaid')}
                  </button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      {dialog}
    </AdminPage>
  );
}

// Invoices for companies: the operator matches a bank transfer to an invoice and marks it
// paid, which starts the licensee's period at that moment.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
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
import type { AdminInvoice } from './admin-types.js';
import { tariffName } from '../tariff/tariff-names.js';

export default function InvoicesPage() {
  const invoices = useApi((signal) => get<{ invoices: AdminInvoice[] }>('/admin/billing/invoices', undefined, { signal }), []);
  const [dialog, ask] = useConfirm();
  const [busy, setBusy] = useState<string | null>(null);
  const markPaid = async (inv: AdminInvoice) => {
    const ok = await ask({
      title: t('admin.invoices.markPaidTitle', { number: inv.number }),
      body: t('admin.invoices.markPaidText', { total: formatKopecks(inv.totalKopecks), payer: inv.payer.name }),
      confirm: t('admin.invoices.markPaid'),
    });
    if (!ok) return;
    setBusy(inv.id);
    try {
      await api('POST', `/admin/billing/payments/${inv.paymentId}/mark-paid`);
      toast(t('admin.invoices.marked', { number: inv.number }));
      await invoices.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <AdminPage title={t('admin.invoices.title')} lead={t('admin.invoices.lead')}>
      <Loaded state={invoices} isEmpty={(d) => d.invoices.length === 0} empty={<Empty icon="card" title={t('admin.invoices.none')} />}>
        {(data) => (
          <DataTable
            rows={data.invoices}
            rowKey={(inv) => inv.id}
            label={t('admin.invoices.title')}
            columns={[
              {
                label: t('admin.invoices.number'),
                cell: (inv) => (
                  <a href={`/api/admin/billing/invoices/${inv.id}`} target="_blank" rel="noopener">
                    {t('admin.invoices.numberDate', { number: inv.number, date: formatDate(inv.createdAt) })}
                  </a>
                ),
              },
              {
                label: t('admin.invoices.payer'),
                cell: (inv) => (
                  <div>
                    {inv.payer.name}
                    <span class="sub">
                      {t('admin.invoices.inn', { inn: inv.payer.inn })} · <Link href={`/admin/accounts/${inv.accountId}`}>{inv.email}</Link>
                    </span>
                  </div>
                ),
              },
              { label: t('admin.col.tariff'), cell: (inv) => tariffName(inv.tariffId) },
              { label: t('admin.invoices.total'), class: 'num', cellClass: 'nowrap', cell: (inv) => formatKopecks(inv.totalKopecks) },
              {
                label: t('admin.col.state'),
                cell: (inv) => (
                  <div>
                    {inv.status === 'succeeded' ? (
                      <>
                        <Pill tone="ok">{t('admin.invoices.paid')}</Pill>
                        {inv.paidAt && <span class="sub">{formatDateTime(inv.paidAt)}</span>}
                      </>
                    ) : inv.status === 'canceled' ? (
                      <Pill tone="muted">{t('admin.invoices.canceled')}</Pill>
                    ) : (
                      <Pill tone="warn">{t('admin.invoices.awaiting')}</Pill>
                    )}
                  </div>
                ),
              },
              {
                label: t('admin.col.actions'),
                actions: true,
                cellClass: 'row-actions',
                cell: (inv) =>
                  inv.status !== 'succeeded' &&
                  inv.status !== 'canceled' && (
                    <button
                      type="button"
                      class="btn btn-small btn-primary"
                      disabled={busy === inv.id}
                      onClick={() => void markPaid(inv)}
                      aria-label={t('admin.invoices.markPaidNamed', { number: inv.number })}
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

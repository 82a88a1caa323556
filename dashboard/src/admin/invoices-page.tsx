// Invoices for companies: the operator matches a bank transfer to an invoice and marks it
// paid, which starts the licensee's period at that moment.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Empty, ErrorBox, Pill } from '../ui/bits.js';
import { useConfirm } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { AdminPage, rub } from './admin-frame.js';
import type { AdminInvoice } from './admin-types.js';
import { useTariffNames } from './tariff-dialog.js';

export default function InvoicesPage() {
  const { data, error, reload } = useApi((signal) => get<{ invoices: AdminInvoice[] }>('/admin/billing/invoices', undefined, { signal }), []);
  const name = useTariffNames();
  const [dialog, ask] = useConfirm();
  const [busy, setBusy] = useState<string | null>(null);
  const markPaid = async (inv: AdminInvoice) => {
    const ok = await ask({ title: t('admin.invoices.markPaidTitle', { number: inv.number }), body: t('admin.invoices.markPaidText', { total: rub(inv.totalKopecks), payer: inv.payer.name }), confirm: t('admin.invoices.markPaid') });
    if (!ok) return;
    setBusy(inv.id);
    try {
      await api('POST', `/admin/billing/payments/${inv.paymentId}/mark-paid`);
      toast(t('admin.invoices.marked', { number: inv.number }));
      await reload();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <AdminPage title={t('admin.invoices.title')} lead={t('admin.invoices.lead')}>
      {error ? (
        <ErrorBox error={error} retry={reload} />
      ) : !data ? (
        <div class="page-loading" aria-busy="true" />
      ) : data.invoices.length === 0 ? (
        <Empty icon="card" title={t('admin.invoices.none')} />
      ) : (
        <div class="table-wrap">
          <table class="table responsive">
            <thead>
              <tr>
                <th scope="col">{t('admin.invoices.number')}</th>
                <th scope="col">{t('admin.invoices.payer')}</th>
                <th scope="col">{t('admin.col.tariff')}</th>
                <th scope="col" class="num">
                  {t('admin.invoices.total')}
                </th>
                <th scope="col">{t('admin.col.state')}</th>
                <th scope="col">
                  <span class="sr-only">{t('admin.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.invoices.map((inv) => (
                <tr key={inv.id}>
                  <td data-label={t('admin.invoices.number')}>
                    <a href={`/api/admin/billing/invoices/${inv.id}`} target="_blank" rel="noopener">
                      {t('admin.invoices.numberDate', { number: inv.number, date: formatDate(inv.createdAt) })}
                    </a>
                  </td>
                  <td data-label={t('admin.invoices.payer')}>
                    <div>
                      {inv.payer.name}
                      <span class="sub">
                        {t('admin.invoices.inn', { inn: inv.payer.inn })} · <Link href={`/admin/accounts/${inv.accountId}`}>{inv.email}</Link>
                      </span>
                    </div>
                  </td>
                  <td data-label={t('admin.col.tariff')}>{name(inv.tariffId)}</td>
                  <td data-label={t('admin.invoices.total')} class="num nowrap">
                    {rub(inv.totalKopecks)}
                  </td>
                  <td data-label={t('admin.col.state')}>
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
                  </td>
                  <td class="row-actions">
                    {inv.status !== 'succeeded' && inv.status !== 'canceled' && (
                      <button type="button" class="btn btn-small btn-primary" disabled={busy === inv.id} onClick={() => void markPaid(inv)} aria-label={t('admin.invoices.markPaidNamed', { number: inv.number })}>
                        {t('admin.invoices.markPaid')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog}
    </AdminPage>
  );
}

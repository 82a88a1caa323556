// Invoices for companies: the operator matches a bank transfer to an invoice and marks it
// paid, which starts the licensee's period at that moment.
import { get } from '../api.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Empty, Pill } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { formatKopecks } from '../billing/billing-text.js';
import { WithNote } from './admin-cells.js';
import { AdminPage } from './admin-frame.js';
import type { AdminInvoice } from './admin-types.js';
import { useMarkPaid } from './mark-paid.js';
import { tariffName } from '../tariff/tariff-names.js';

export default function InvoicesPage() {
  const invoices = useApi((signal) => get<{ invoices: AdminInvoice[] }>('/admin/billing/invoices', undefined, { signal }), []);
  const markPaid = useMarkPaid(invoices.reload);
  const texts = (inv: AdminInvoice) => ({
    title: t('admin.invoices.markPaidTitle', { number: inv.number }),
    body: t('admin.invoices.markPaidText', { total: formatKopecks(inv.totalKopecks), payer: inv.payer.name }),
    name: t('admin.invoices.markPaidNamed', { number: inv.number }),
    done: t('admin.invoices.marked', { number: inv.number }),
  });
  return (
    <AdminPage title={t('admin.invoices.title')} lead={t('admin.invoices.lead')}>
      <Loaded state={invoices} isEmpty={(d) => d.invoices.length === 0} empty={<Empty icon="card" title={t('admin.invoices.none')} />}>
        {(data) => (
          <DataTable
            rows={data.invoices}
            label={t('admin.invoices.title')}
            actions={(inv) => inv.status !== 'succeeded' && inv.status !== 'canceled' && markPaid.button(inv.paymentId, texts(inv))}
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
                  <WithNote
                    note={
                      <>
                        {t('admin.invoices.inn', { inn: inv.payer.inn })} · <Link href={`/admin/accounts/${inv.accountId}`}>{inv.email}</Link>
                      </>
                    }
                  >
                    {inv.payer.name}
                  </WithNote>
                ),
              },
              { label: t('admin.col.tariff'), cell: (inv) => tariffName(inv.tariffId) },
              { label: t('admin.invoices.total'), class: 'num', cellClass: 'nowrap', cell: (inv) => formatKopecks(inv.totalKopecks) },
              { label: t('admin.col.state'), cell: (inv) => <InvoiceState inv={inv} /> },
            ]}
          />
        )}
      </Loaded>
      {markPaid.dialog}
    </AdminPage>
  );
}

function InvoiceState({ inv }: { inv: AdminInvoice }) {
  if (inv.status === 'succeeded')
    return (
      <WithNote note={inv.paidAt && formatDateTime(inv.paidAt)}>
        <Pill tone="ok">{t('admin.invoices.paid')}</Pill>
      </WithNote>
    );
  return <div>{inv.status === 'canceled' ? <Pill tone="muted">{t('admin.invoices.canceled')}</Pill> : <Pill tone="warn">{t('admin.invoices.awaiting')}</Pill>}</div>;
}

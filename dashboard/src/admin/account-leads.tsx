// A licensee's leads as the operator sees them: loaded only on an explicit click, because every
// read is written to the access journal (SPEC §8), which is shown right below.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { ErrorBox, Notice } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import type { AdminLead, LeadAccess } from './admin-types.js';

const PAGE_SIZE = 50;

export function AccountLeads({ accountId }: { accountId: string }) {
  const journal = useApi((signal) => get<{ journal: LeadAccess[] }>(`/admin/accounts/${accountId}/lead-access`, undefined, { signal }), [accountId]);
  const [leads, setLeads] = useState<{ page: number; rows: AdminLead[] } | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const open = async (page: number) => {
    setBusy(true);
    try {
      const res = await get<{ leads: AdminLead[] }>(`/admin/accounts/${accountId}/leads`, { page });
      setLeads({ page, rows: res.leads });
      setError(undefined);
      await journal.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="acc-leads">
      <h2 id="acc-leads" class="section-title">
        {t('admin.leads.title')}
      </h2>
      <Notice tone="warn" icon="eye">
        <p>{t('admin.leads.journaled')}</p>
      </Notice>
      <div class="toolbar">
        <button type="button" class="btn" disabled={busy} onClick={() => void open(leads?.page ?? 1)}>
          {leads ? t('admin.leads.reload') : t('admin.leads.show')}
        </button>
        {leads && (
          <>
            <button type="button" class="btn btn-small" disabled={busy || leads.page <= 1} onClick={() => void open(leads.page - 1)}>
              {t('pager.prev')}
            </button>
            <span>{t('admin.leads.pageN', { page: leads.page })}</span>
            <button type="button" class="btn btn-small" disabled={busy || leads.rows.length < PAGE_SIZE} onClick={() => void open(leads.page + 1)}>
              {t('pager.next')}
            </button>
          </>
        )}
      </div>
      {error !== undefined && <ErrorBox error={error} />}
      {leads &&
        (leads.rows.length === 0 ? (
          <p class="muted">{t('admin.leads.none')}</p>
        ) : (
          <DataTable
            rows={leads.rows}
            label={t('admin.leads.title')}
            columns={[
              { label: t('admin.col.date'), cellClass: 'nowrap', cell: (l) => formatDateTime(l.createdAt) },
              {
                label: t('admin.leads.fields'),
                cell: (l) =>
                  Object.entries(l.fields)
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join('; '),
              },
              { label: t('admin.leads.pageUrl'), cellClass: 'break', cell: (l) => l.pageUrl ?? '—' },
            ]}
          />
        ))}
      <h3 class="admin-h3">{t('admin.journal.title')}</h3>
      <Loaded state={journal} isEmpty={(d) => d.journal.length === 0} empty={<p class="muted">{t('admin.journal.empty')}</p>}>
        {(data) => (
          <ul class="plain-list admin-journal">
            {data.journal.map((j) => (
              <li key={j.id}>{t('admin.journal.line', { at: formatDateTime(j.at), operator: j.operatorEmail ?? j.operatorId, what: j.what })}</li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

// The account's realtime projects: the operator blocks one with a reason (its connections
// are closed at once) or lifts the block.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDate, t } from '../i18n/i18n.js';
import { Pill } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { Loaded } from '../ui/loaded.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import type { RealtimeProject } from './admin-types.js';
import { ReasonDialog } from './reason-dialog.js';

export function AccountRealtime({ accountId }: { accountId: string }) {
  const projects = useApi((signal) => get<{ projects: RealtimeProject[] }>('/admin/realtime/projects', { accountId }, { signal }), [accountId]);
  const [blocking, setBlocking] = useState<RealtimeProject | null>(null);
  const reload = projects.reload;
  const unblock = async (p: RealtimeProject) => {
    await api('POST', `/admin/realtime/projects/${p.id}/unblock`);
    toast(t('admin.realtime.unblocked'));
    await reload();
  };
  // Most accounts have no realtime project: then the section is left out, and not announced while loading.
  return (
    <Loaded state={projects} loading={null} isEmpty={(d) => d.projects.length === 0}>
      {(data) => (
        <section aria-labelledby="acc-rt">
          <h2 id="acc-rt" class="section-title">
            {t('admin.realtime.title')}
          </h2>
          <DataTable
            rows={data.projects}
            rowKey={(p) => p.id}
            label={t('admin.realtime.title')}
            columns={[
              {
                label: t('admin.realtime.project'),
                cell: (p) => (
                  <div>
                    {p.name}
                    <span class="sub mono">{p.appId}</span>
                  </div>
                ),
              },
              {
                label: t('admin.col.tariff'),
                cell: (p) => (
                  <div>
                    {p.tariffId}
                    {p.periodEnd && <span class="sub">{t('admin.realtime.until', { date: formatDate(p.periodEnd) })}</span>}
                  </div>
                ),
              },
              {
                label: t('admin.col.state'),
                cell: (p) => (
                  <div>
                    <Pill tone={p.status === 'active' ? 'ok' : p.status === 'blocked' ? 'danger' : 'muted'}>{t(`admin.realtime.status.${p.status}`)}</Pill>
                    {p.blocked && <span class="sub">{p.blocked.reason}</span>}
                  </div>
                ),
              },
              {
                label: t('admin.col.actions'),
                actions: true,
                cellClass: 'row-actions',
                cell: (p) =>
                  p.blocked ? (
                    <button type="button" class="btn btn-small" onClick={() => void unblock(p)} aria-label={t('admin.realtime.unblockNamed', { name: p.name })}>
                      {t('admin.widget.unblock')}
                    </button>
                  ) : (
                    <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setBlocking(p)} aria-label={t('admin.realtime.blockNamed', { name: p.name })}>
                      {t('admin.widget.block')}
                    </button>
                  ),
              },
            ]}
          />
          {blocking && (
            <ReasonDialog
              title={t('admin.realtime.blockNamed', { name: blocking.name })}
              confirm={t('admin.widget.block')}
              danger
              onClose={() => setBlocking(null)}
              onSubmit={async (reason) => {
                await api('POST', `/admin/realtime/projects/${blocking.id}/block`, { reason });
                setBlocking(null);
                toast(t('admin.realtime.blocked'));
                await reload();
              }}
            >
              <p>{t('admin.realtime.blockText')}</p>
            </ReasonDialog>
          )}
        </section>
      )}
    </Loaded>
  );
}

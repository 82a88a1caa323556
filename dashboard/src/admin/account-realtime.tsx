// The account's realtime projects: the operator blocks one with a reason (its connections
// are closed at once) or lifts the block.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDate, t } from '../i18n/i18n.js';
import { ErrorBox, Pill } from '../ui/bits.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import type { RealtimeProject } from './admin-types.js';
import { ReasonDialog } from './reason-dialog.js';

export function AccountRealtime({ accountId }: { accountId: string }) {
  const { data, error, reload } = useApi((signal) => get<{ projects: RealtimeProject[] }>('/admin/realtime/projects', { accountId }, { signal }), [accountId]);
  const [blocking, setBlocking] = useState<RealtimeProject | null>(null);
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!data || data.projects.length === 0) return null;
  const unblock = async (p: RealtimeProject) => {
    await api('POST', `/admin/realtime/projects/${p.id}/unblock`);
    toast(t('admin.realtime.unblocked'));
    await reload();
  };
  return (
    <section aria-labelledby="acc-rt">
      <h2 id="acc-rt" class="section-title">
        {t('admin.realtime.title')}
      </h2>
      <div class="table-wrap">
        <table class="table responsive">
          <thead>
            <tr>
              <th scope="col">{t('admin.realtime.project')}</th>
              <th scope="col">{t('admin.col.tariff')}</th>
              <th scope="col">{t('admin.col.state')}</th>
              <th scope="col">
                <span class="sr-only">{t('admin.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.projects.map((p) => (
              <tr key={p.id}>
                <td data-label={t('admin.realtime.project')}>
                  <div>
                    {p.name}
                    <span class="sub mono">{p.appId}</span>
                  </div>
                </td>
                <td data-label={t('admin.col.tariff')}>
                  <div>
                    {p.tariffId}
                    {p.periodEnd && <span class="sub">{t('admin.realtime.until', { date: formatDate(p.periodEnd) })}</span>}
                  </div>
                </td>
                <td data-label={t('admin.col.state')}>
                  <div>
                    <Pill tone={p.status === 'active' ? 'ok' : p.status === 'blocked' ? 'danger' : 'muted'}>{t(`admin.realtime.status.${p.status}`)}</Pill>
                    {p.blocked && <span class="sub">{p.blocked.reason}</span>}
                  </div>
                </td>
                <td class="row-actions">
                  {p.blocked ? (
                    <button type="button" class="btn btn-small" onClick={() => void unblock(p)} aria-label={t('admin.realtime.unblockNamed', { name: p.name })}>
                      {t('admin.widget.unblock')}
                    </button>
                  ) : (
                    <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setBlocking(p)} aria-label={t('admin.realtime.blockNamed', { name: p.name })}>
                      {t('admin.widget.block')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
  );
}

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
import { BlockToggle, WithNote } from './admin-cells.js';
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
            label={t('admin.realtime.title')}
            actions={(p) => (
              <BlockToggle
                blocked={Boolean(p.blocked)}
                blockName={t('admin.realtime.blockNamed', { name: p.name })}
                unblockName={t('admin.realtime.unblockNamed', { name: p.name })}
                onBlock={() => setBlocking(p)}
                onUnblock={() => void unblock(p)}
              />
            )}
            columns={[
              {
                label: t('admin.realtime.project'),
                cell: (p) => (
                  <WithNote note={p.appId} mono>
                    {p.name}
                  </WithNote>
                ),
              },
              {
                label: t('admin.col.tariff'),
                cell: (p) => <WithNote note={p.periodEnd && t('admin.realtime.until', { date: formatDate(p.periodEnd) })}>{p.tariffId}</WithNote>,
              },
              {
                label: t('admin.col.state'),
                cell: (p) => (
                  <WithNote note={p.blocked?.reason}>
                    <Pill tone={p.status === 'active' ? 'ok' : p.status === 'blocked' ? 'danger' : 'muted'}>{t(`admin.realtime.status.${p.status}`)}</Pill>
                  </WithNote>
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

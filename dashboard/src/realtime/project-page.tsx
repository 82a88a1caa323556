// One realtime project: the secret right after it is issued, today's use against the limits,
// what to paste into clients, statistics, settings, the secret's rotation, the tariff and
// its payment, and deletion. Use is polled (the counters move while the page is open).
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { t } from '../i18n/i18n.js';
import type { PageProps } from '../router/lazy-page.js';
import { navigate } from '../router/router.js';
import { Notice } from '../ui/bits.js';
import { DangerZone } from '../ui/danger-zone.js';
import { useConfirm } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { usePolling, useApi } from '../ui/use-api.js';
import { ConnectionCard } from './connection-card.js';
import { SecretCard, SecretOnce } from './secret-card.js';
import { takeSecret } from './secret-once.js';
import { SettingsCard } from './settings-card.js';
import { StatsCard } from './stats-card.js';
import { ProjectStatus } from './status.js';
import { TariffCard } from './tariff-card.js';
import type { RtProject, RtStats, RtTariffCatalogue } from './types.js';
import './realtime.css';
import { UsageCard } from './usage-card.js';
import { tariffName } from '../tariff/tariff-names.js';

/** Today's counters move by the second; the daily statistics need not. */
const POLL_MS = 3_000;
const STATS_POLL_MS = 30_000;

export default function RealtimeProjectPage({ params }: PageProps) {
  const id = params.id!;
  const path = `/realtime/projects/${encodeURIComponent(id)}`;
  const project = useApi((signal) => get<RtProject>(path, undefined, { signal }), [id]);
  const stats = useApi((signal) => get<RtStats>(`${path}/stats`, { days: 30 }, { signal }), [id]);
  const catalogue = useApi((signal) => get<RtTariffCatalogue>('/realtime/tariffs', undefined, { signal }), []);
  const [secret, setSecret] = useState<string | null>(() => takeSecret(id));
  const [dialog, ask] = useConfirm();
  usePolling(() => void project.reload(), POLL_MS);
  usePolling(() => void stats.reload(), STATS_POLL_MS);

  const back = { href: '/realtime', label: t('rtp.title') };
  // Polled: a failed poll leaves the project on screen, the next one catches up.
  return (
    <Loaded
      state={project}
      keepStale
      frame={(body) => (
        <Page title={t('rtp.title')} back={back}>
          {body}
        </Page>
      )}
    >
      {(p) => {
        const remove = async () => {
          const ok = await ask({ title: t('rtp.deleteTitle', { name: p.name }), body: <p>{t('rtp.deleteBody')}</p>, confirm: t('rtp.delete'), danger: true });
          if (!ok) return;
          try {
            await api('DELETE', path);
            toast(t('rtp.deleted'));
            navigate('/realtime');
          } catch (err) {
            toast(errorText(err), 'error');
          }
        };

        return (
          <Page title={p.name} lead={t('rtp.projectLead', { appId: p.connection.appId })} back={back} actions={<ProjectStatus status={p.status} />}>
            {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
            {p.status === 'pending_payment' && <Notice tone="warn">{t('rtp.pendingNotice')}</Notice>}
            {p.status === 'expired' && <Notice tone="danger">{t('rtp.expiredNotice', { free: tariffName('rt_free') })}</Notice>}
            {p.status === 'blocked' && <Notice tone="danger">{t('rtp.blockedNotice', { reason: p.blockReason ?? '' })}</Notice>}
            <div class="grid-main rt-grid">
              <UsageCard project={p} />
              {catalogue.data ? <TariffCard project={p} catalogue={catalogue.data} onChanged={(next) => project.setData(next)} /> : <section class="card" aria-busy="true" />}
            </div>
            <ConnectionCard project={p} />
            <StatsCard stats={stats} />
            <SettingsCard project={p} onSaved={(next) => project.setData(next)} />
            <SecretCard
              project={p}
              onRotated={(r) => {
                project.setData(r.project);
                if (r.secret) setSecret(r.secret);
                scrollTo(0, 0);
              }}
            />
            <DangerZone id="rt-danger-title" title={t('rtp.dangerTitle')} hint={t('rtp.deleteHint')} action={t('rtp.delete')} onAction={() => void remove()} />
            {dialog}
          </Page>
        );
      }}
    </Loaded>
  );
}

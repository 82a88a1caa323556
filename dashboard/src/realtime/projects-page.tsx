// Realtime projects (Pusher-compatible apps): the list with each one's state and today's use,
// and the dialog that creates one.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { Empty } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { usePolling, useApi } from '../ui/use-api.js';
import { CreateProjectDialog } from './create-project-dialog.js';
import { keepSecret } from './secret-once.js';
import { ProjectStatus } from './status.js';
import type { RtProject, RtTariffCatalogue } from './types.js';
import './realtime.css';
import { tariffName } from '../tariff/tariff-names.js';

export default function RealtimeProjectsPage() {
  const loaded = useApi(async (signal) => {
    const [list, catalogue] = await Promise.all([get<{ projects: RtProject[] }>('/realtime/projects', undefined, { signal }), get<RtTariffCatalogue>('/realtime/tariffs', undefined, { signal })]);
    return { projects: list.projects, tariffs: catalogue.tariffs };
  }, []);
  usePolling(() => void loaded.reload(), 15_000);
  const data = loaded.data;
  const [creating, setCreating] = useState(false);
  const add = (
    <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
      <Icon name="plus" /> {t('rtp.new')}
    </button>
  );
  return (
    <Page title={t('rtp.title')} lead={t('rtp.lead')} actions={data && data.projects.length > 0 ? add : undefined}>
      <Loaded
        state={loaded}
        keepStale
        isEmpty={(d) => d.projects.length === 0}
        empty={
          <Empty icon="bolt" title={t('rtp.emptyTitle')} text={t('rtp.emptyText')}>
            {add}
          </Empty>
        }
      >
        {({ projects }) => (
          <ul class="cards">
            {projects.map((p) => (
              <li key={p.id} class="card">
                <div class="card-head">
                  <h2>
                    <Link href={`/realtime/${p.id}`}>{p.name}</Link>
                  </h2>
                  <ProjectStatus status={p.status} />
                </div>
                <p class="muted">{t('rtp.tariffLine', { name: tariffName(p.tariff.id, p.tariff.name) })}</p>
                <p class="muted">{t('rtp.todayLine', { used: formatNumber(p.usage.messages), limit: formatNumber(p.usage.messagesLimit) })}</p>
                <p class="muted">{t('rtp.connectionsLine', { used: formatNumber(p.usage.connections), limit: formatNumber(p.usage.connectionsLimit) })}</p>
                <Link href={`/realtime/${p.id}`} class="btn btn-small">
                  {t('rtp.open')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      {data && (
        <CreateProjectDialog
          open={creating}
          tariffs={data.tariffs}
          hasFree={data.projects.some((p) => p.tariff.id === 'rt_free')}
          onClose={() => setCreating(false)}
          onCreated={({ project, secret }) => {
            setCreating(false);
            if (secret) keepSecret(project.id, secret);
            navigate(`/realtime/${project.id}`);
          }}
        />
      )}
    </Page>
  );
}

// The licensee's sites: each with its domains and whether the code is installed.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import type { Site } from '../api-types.js';
import { t, tn } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { Empty } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { useApi } from '../ui/use-api.js';
import { AddSiteDialog } from './add-site-dialog.js';
import { InstallStatus } from './install-status.js';
import './sites.css';

export default function SitesPage() {
  const sites = useApi((signal) => get<{ sites: Site[] }>('/sites', undefined, { signal }), []);
  const [adding, setAdding] = useState(false);
  const add = (
    <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
      <Icon name="plus" /> {t('sites.add')}
    </button>
  );
  return (
    <Page title={t('sites.title')} lead={t('sites.lead')} actions={sites.data && sites.data.sites.length > 0 ? add : undefined}>
      <Loaded
        state={sites}
        isEmpty={(d) => d.sites.length === 0}
        empty={
          <Empty icon="globe" title={t('sites.emptyTitle')} text={t('sites.emptyText')}>
            {add}
          </Empty>
        }
      >
        {(data) => (
          <ul class="cards">
            {data.sites.map((s) => (
              <li key={s.id} class="card site-card">
                <div class="card-head">
                  <h2>
                    <Link href={`/sites/${s.id}`}>{s.name}</Link>
                  </h2>
                  <InstallStatus site={s} />
                </div>
                <p class="muted domains">{s.domains.join(', ')}</p>
                <p class="muted">{tn('sites.domainCount', s.domains.length)}</p>
                <Link href={`/sites/${s.id}`} class="btn btn-small">
                  {t('sites.openSite')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <AddSiteDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(site) => {
          setAdding(false);
          navigate(`/sites/${site.id}?new=1`);
        }}
      />
    </Page>
  );
}

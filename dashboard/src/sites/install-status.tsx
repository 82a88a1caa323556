// "Installed" once the loader fetched the site's config from one of its domains (lastSeenAt).
import type { Site } from '../api-types.js';
import { formatAgo, t } from '../i18n/i18n.js';
import { Pill } from '../ui/bits.js';

export function InstallStatus({ site }: { site: Pick<Site, 'lastSeenAt'> }) {
  return site.lastSeenAt ? <Pill tone="ok">{t('sites.installedAgo', { ago: formatAgo(site.lastSeenAt) })}</Pill> : <Pill tone="muted">{t('sites.notInstalled')}</Pill>;
}

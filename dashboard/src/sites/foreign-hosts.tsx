// "The code was loaded on localhost, which is not one of your domains — add it?": the hosts the
// server counted (server/src/widgets/embed/foreign-hosts.ts), each with a one-click add that the
// server checks against the tariff's site rule (a refusal says which tariff allows it).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { SiteWithHosts } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { ErrorBox, Notice } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { toast } from '../ui/toast.js';

export function ForeignHosts({ site, onAdded }: { site: SiteWithHosts; onAdded: (next: SiteWithHosts) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (site.foreignHosts.length === 0) return null;
  const add = async (host: string) => {
    setBusy(host);
    setError(null);
    try {
      onAdded(await api<SiteWithHosts>('POST', `/sites/${site.id}/domains`, { domain: host }));
      toast(t('install.domainAdded', { host }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div class="foreign-hosts">
      {site.foreignHosts.map((f) => (
        <Notice key={f.host} tone="warn">
          <p>{t('install.foreignHost', { host: f.host, time: formatDateTime(f.lastSeenAt), count: String(f.requests) })}</p>
          <button type="button" class="btn btn-small" disabled={busy !== null} onClick={() => void add(f.host)}>
            <Icon name="plus" /> {t('install.addDomain', { host: f.host })}
          </button>
        </Notice>
      ))}
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}

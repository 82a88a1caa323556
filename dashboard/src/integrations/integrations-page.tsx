// Where a site's leads go: the connected destinations with their state, and every kind of
// destination to connect — the ones the tariff lacks shown with the tariff that has them (the
// server names it with each kind).
// Reached from the site page (/sites/:id/integrations) and from the navigation (/integrations).
import { useState } from 'preact/hooks';
import type { Integration } from '#contracts/core/tariffs.js';
import { get } from '../api.js';
import type { IntegrationKindInfo, IntegrationList, Site, Widget } from '../api-types.js';
import { t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import type { PageProps } from '../router/lazy-page.js';
import { navigate, useLocation } from '../router/router.js';
import { Empty, ErrorBox, Notice } from '../ui/bits.js';
import { SelectField } from '../ui/fields.js';
import { Icon } from '../ui/icons.js';
import { outboxHref } from '../ui/outbox-link.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useApi, usePolling } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { ConnectDialog } from './connect-dialog.js';
import { IntegrationCard } from './integration-card.js';
import { kindAbout, kindName } from './kinds.js';
import type { TelegramLink } from './secrets.js';
import { tariffName } from '../tariff/tariff-names.js';

/** A linked Telegram chat or a worker's verdict shows up within seconds. */
const POLL_MS = 4000;

export default function IntegrationsPage({ params }: PageProps) {
  const loc = useLocation();
  const sites = useApi((signal) => get<{ sites: Site[] }>('/sites', undefined, { signal }), []);
  const siteId = params.id ?? loc.query.get('site') ?? sites.data?.sites[0]?.id ?? null;
  const site = sites.data?.sites.find((s) => s.id === siteId);
  const list = useApi((signal) => (siteId ? get<IntegrationList>('/integrations', { siteId }, { signal }) : Promise.resolve(undefined)), [siteId]);
  const widgets = useApi((signal) => (siteId ? get<{ widgets: Widget[] }>('/widgets', { siteId }, { signal }) : Promise.resolve(undefined)), [siteId]);
  const [connecting, setConnecting] = useState<Integration | null>(null);
  const [links, setLinks] = useState<Record<string, TelegramLink>>({});

  const items = list.data?.integrations ?? [];
  usePolling(
    () => void list.reload(),
    POLL_MS,
    items.some((i) => i.status === 'pending'),
  );

  const title = t('intg.title');
  const back = params.id ? { href: `/sites/${params.id}`, label: site?.name ?? t('sites.title') } : undefined;
  if (sites.error || list.error) {
    return (
      <Page title={title} back={back}>
        <ErrorBox error={sites.error ?? list.error} retry={() => void (sites.error ? sites.reload() : list.reload())} />
      </Page>
    );
  }
  if (!sites.data) return <div class="page-loading" aria-busy="true" />;
  if (sites.data.sites.length === 0) {
    return (
      <Page title={title}>
        <Empty icon="globe" title={t('intg.noSites')}>
          <Link href="/sites" class="btn btn-primary">
            {t('sites.add')}
          </Link>
        </Empty>
      </Page>
    );
  }

  const widgetList = widgets.data?.widgets ?? [];

  return (
    <Page title={title} lead={site ? t('intg.lead', { site: site.name }) : undefined} back={back}>
      {sites.data.sites.length > 1 && (
        <div class="toolbar">
          <SelectField label={t('intg.site')} value={siteId ?? ''} onValue={(v) => navigate(`/sites/${v}/integrations`)} options={sites.data.sites.map((s) => ({ value: s.id, label: s.name }))} />
        </div>
      )}
      {list.data && list.data.mail !== 'smtp' && (
        <Notice tone="warn" icon="alert">
          <p>{list.data.mail === 'dev_outbox' ? t('intg.mailDevOutbox') : t('intg.mailNotSent')}</p>
          {/* A link, as on the sign-in and team pages: it opens the outbox in the dashboard's language. */}
          {list.data.mail === 'dev_outbox' && (
            <p>
              <a href={outboxHref()} target="_blank" rel="noopener">
                {t('auth.openOutbox')}
              </a>
            </p>
          )}
        </Notice>
      )}
      <Card id="intg-connected" title={t('intg.connectedTitle')}>
        {!list.data ? (
          <div class="page-loading" aria-busy="true" />
        ) : items.length === 0 ? (
          <p class="muted">{t('intg.none')}</p>
        ) : (
          <ul class="intg-list">
            {items.map((i) => (
              <IntegrationCard key={i.id} item={i} widgets={widgetList} link={links[i.id]} onChanged={() => void list.reload()} onLink={(l) => setLinks({ ...links, [i.id]: l })} />
            ))}
          </ul>
        )}
      </Card>
      <Card id="intg-add" title={t('intg.addTitle')}>
        <p class="muted">{t('intg.addLead')}</p>
        {!list.data ? (
          <div class="page-loading" aria-busy="true" />
        ) : (
          <ul class="kind-list">
            {list.data.kinds.map((k) => (
              <KindRow key={k.kind} info={k} upgradeTo={k.upgradeTo ?? undefined} onConnect={() => setConnecting(k.kind)} />
            ))}
          </ul>
        )}
      </Card>
      {connecting && siteId && (
        <ConnectDialog
          kind={connecting}
          siteId={siteId}
          widgets={widgetList}
          onClose={() => setConnecting(null)}
          onConnected={(c) => {
            toast(c.confirmationsSent ? t('intg.confirmSent') : t('intg.connected', { kind: kindName(c.integration.kind) }));
            if (c.link) setLinks({ ...links, [c.integration.id]: c.link });
            void list.reload();
          }}
        />
      )}
    </Page>
  );
}

function KindRow({ info, upgradeTo, onConnect }: { info: IntegrationKindInfo; upgradeTo?: { id: string; name: { ru: string; en: string } }; onConnect: () => void }) {
  const name = kindName(info.kind);
  return (
    <li class="kind" data-kind={info.kind}>
      <div class="kind-text">
        <h3>
          {name} {info.preset && <span class="pill pill-info">{t('intg.presetShort')}</span>}
        </h3>
        <p class="muted small">{kindAbout(info.kind)}</p>
        {info.crossBorder && <p class="hint hint-warn">{t('intg.crossBorderShort')}</p>}
        {!info.allowedByTariff && (
          <p class="small" data-code="integration_not_in_tariff">
            {upgradeTo ? t('intg.inTariff', { tariff: tariffName(upgradeTo.id, upgradeTo.name) }) : t('intg.notInTariff')} <Link href="/tariff">{t('upgrade.compare')}</Link>
          </p>
        )}
        {info.allowedByTariff && !info.available && <p class="small">{t('intg.unavailableKind')}</p>}
      </div>
      {info.allowedByTariff && info.available ? (
        <button type="button" class="btn btn-small" onClick={onConnect} aria-label={t('intg.connectNamed', { kind: name })}>
          <Icon name="plus" /> {t('intg.connect')}
        </button>
      ) : (
        <span class="pill pill-muted">{info.allowedByTariff ? t('intg.unavailableShort') : t('intg.lockedShort')}</span>
      )}
    </li>
  );
}

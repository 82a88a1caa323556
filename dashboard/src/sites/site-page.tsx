// One site: the install code and its check, the settings (domains, time zone, analytics),
// its widgets, and deletion.
import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../api.js';
import type { Site, SiteWithHosts, Widget } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { navigate, useLocation } from '../router/router.js';
import type { PageProps } from '../router/lazy-page.js';
import { ErrorBox, Notice } from '../ui/bits.js';
import { useConfirm } from '../ui/dialog.js';
import { Checkbox, SelectField, TextField } from '../ui/fields.js';
import { Icon } from '../ui/icons.js';
import { Loaded, type LoadedProps } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useUnsavedGuard } from '../ui/unsaved.js';
import { useApi } from '../ui/use-api.js';
import { SaveActions } from '../ui/save-actions.js';
import { DangerZone } from '../ui/danger-zone.js';
import { useAction } from '../ui/use-action.js';
import { Card } from '../ui/section.js';
import { widgetTypeName } from '../widgets/type-names.js';
import { DomainList } from './domain-list.js';
import { InstallSnippet } from './install-snippet.js';
import { ForeignHosts } from './foreign-hosts.js';
import { InstallStatus } from './install-status.js';
import { fieldErrors } from './site-form.js';
import { timeZoneOptions } from './time-zones.js';

interface Settings {
  name: string;
  domains: string[];
  timezone: string;
  dataLayer: boolean;
  metrika: string;
}

const settingsOf = (s: Site): Settings => ({ name: s.name, domains: [...s.domains], timezone: s.timezone, dataLayer: s.dataLayer, metrika: s.metrikaCounterId ? String(s.metrikaCounterId) : '' });

export default function SitePage({ params }: PageProps) {
  const loc = useLocation();
  const site = useApi((signal) => get<SiteWithHosts>(`/sites/${encodeURIComponent(params.id!)}`, undefined, { signal }), [params.id]);
  const widgets = useApi((signal) => get<{ widgets: Widget[] }>('/widgets', { siteId: params.id }, { signal }), [params.id]);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<number | null>(null);

  const check = async () => {
    setChecking(true);
    await site.reload();
    setChecking(false);
    setChecked(Date.now());
  };

  return (
    <Loaded
      state={site}
      // Only the error gets a page of its own: while loading there is no heading yet, so the one
      // that takes the focus is the site's own.
      frame={(body, waiting) =>
        waiting === 'error' ? (
          <Page title={t('sites.title')} back={{ href: '/sites', label: t('sites.title') }}>
            {body}
          </Page>
        ) : (
          body
        )
      }
    >
      {(s) => (
        <Page title={s.name} lead={s.domains.join(', ')} back={{ href: '/sites', label: t('sites.title') }} actions={<InstallStatus site={s} />}>
          {loc.query.get('new') && <Notice tone="ok">{t('sites.createdNext')}</Notice>}
          <Card id="install-title" title={t('install.title')}>
            <InstallSnippet site={s} />
          </Card>

          <Card id="check-title" title={t('install.checkTitle')}>
            <div role="status" aria-live="polite">
              {s.lastSeenAt ? (
                <Notice tone="ok" icon="check">
                  {s.lastSeenHost ? t('install.seenOn', { host: s.lastSeenHost, time: formatDateTime(s.lastSeenAt) }) : t('install.seen', { time: formatDateTime(s.lastSeenAt) })}
                </Notice>
              ) : (
                <Notice tone={checked ? 'warn' : 'muted'}>{checked ? t('install.notSeenYet') : t('install.howCheck')}</Notice>
              )}
            </div>
            <ForeignHosts site={s} onAdded={(next) => site.setData(next)} />
            <button type="button" class="btn" disabled={checking} onClick={() => void check()}>
              <Icon name="refresh" /> {t('install.check')}
            </button>
          </Card>

          <SiteWidgets siteId={s.id} widgets={widgets} />
          <section class="card" aria-labelledby="site-intg-title">
            <div class="card-head">
              <h2 id="site-intg-title">{t('intg.title')}</h2>
              <Link href={`/sites/${s.id}/integrations`} class="btn btn-small">
                <Icon name="send" /> {t('intg.manage')}
              </Link>
            </div>
            <p class="muted">{t('intg.siteLead')}</p>
          </section>
          <SiteSettings site={s} onSaved={(next) => site.setData({ ...next, foreignHosts: s.foreignHosts })} />
        </Page>
      )}
    </Loaded>
  );
}

function SiteWidgets({ siteId, widgets }: { siteId: string; widgets: LoadedProps<{ widgets: Widget[] }>['state'] }) {
  return (
    <section class="card" aria-labelledby="site-widgets-title">
      <div class="card-head">
        <h2 id="site-widgets-title">{t('sites.widgets')}</h2>
        <Link href={`/widgets/new?site=${siteId}`} class="btn btn-small">
          <Icon name="plus" /> {t('widgets.create')}
        </Link>
      </div>
      <Loaded state={widgets} loading={null} isEmpty={(d) => d.widgets.length === 0} empty={<p class="muted">{t('sites.noWidgets')}</p>}>
        {(data) => (
          <ul class="plain-list">
            {data.widgets.map((w) => (
              <li key={w.id}>
                <Link href={`/widgets/${w.id}`}>{w.name}</Link> <span class="muted">· {widgetTypeName(w.type)}</span>{' '}
                <span class="muted">· {w.active ? t('widgets.statusActive') : t('widgets.statusOff')}</span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

function SiteSettings({ site, onSaved }: { site: Site; onSaved: (s: Site) => void }) {
  const [form, setForm] = useState<Settings>(() => settingsOf(site));
  const { busy, error, run, setError } = useAction();
  const [dialog, ask] = useConfirm();
  const saved = settingsOf(site);
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  useUnsavedGuard(dirty);
  useEffect(() => setForm(settingsOf(site)), [site.updatedAt]);
  const fields = fieldErrors(error);
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setForm({ ...form, [k]: v });
  const metrikaInvalid = form.metrika !== '' && !/^\d{1,10}$/.test(form.metrika);

  const save = (e: Event) => {
    e.preventDefault();
    if (metrikaInvalid) return;
    void run(async () => {
      const next = await api<Site>('PATCH', `/sites/${site.id}`, {
        name: form.name.trim(),
        domains: form.domains.map((d) => d.trim()).filter(Boolean),
        timezone: form.timezone,
        dataLayer: form.dataLayer,
        metrikaCounterId: form.metrika ? Number(form.metrika) : null,
      });
      onSaved(next);
      setForm(settingsOf(next));
      toast(t('common.saved'));
    });
  };

  const remove = async () => {
    const ok = await ask({ title: t('sites.deleteTitle', { name: site.name }), body: <p>{t('sites.deleteBody')}</p>, confirm: t('sites.delete'), danger: true });
    if (!ok) return;
    try {
      await api('DELETE', `/sites/${site.id}`);
      toast(t('sites.deleted'));
      navigate('/sites');
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <Card id="settings-title" title={t('sites.settings')}>
        <form class="stack" onSubmit={save}>
          <TextField label={t('sites.name')} value={form.name} onValue={(v) => set('name', v)} required maxLength={100} error={fields.name && t('v.required')} />
          <DomainList domains={form.domains} onChange={(d) => set('domains', d)} error={fields.domains && t('sites.domainsInvalid')} />
          <SelectField label={t('sites.timezone')} hint={t('sites.timezoneHint')} value={form.timezone} onValue={(v) => set('timezone', v)} options={timeZoneOptions(form.timezone)} />
          <Checkbox label={t('sites.dataLayer')} hint={t('sites.dataLayerHint')} checked={form.dataLayer} onValue={(v) => set('dataLayer', v)} />
          <TextField
            label={t('sites.metrika')}
            hint={t('sites.metrikaHint')}
            value={form.metrika}
            inputMode="numeric"
            onValue={(v) => set('metrika', v.trim())}
            error={metrikaInvalid || fields.metrikaCounterId ? t('sites.metrikaInvalid') : undefined}
          />
          {error && !Object.keys(fields).length ? <ErrorBox error={error} /> : null}
          <SaveActions dirty={dirty} busy={busy} />
        </form>
      </Card>
      <DangerZone id="danger-title" title={t('sites.dangerTitle')} hint={t('sites.deleteHint')} action={t('sites.delete')} onAction={() => void remove()} />
      {dialog}
    </>
  );
}

// Start a widget from a ready-made template, grouped by type (the types come from the
// contracts, so a new type appears here once it has templates and an editor). Whether the
// tariff allows a type, and which tariff does if not, is the server's answer (/api/me).
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import type { Site } from '../api-types.js';
import { widgetTemplates } from './templates.js';
import { BUILDABLE_WIDGET_TYPES } from '#contracts/core/widget.js';
import { currentLang, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { useLocation } from '../router/router.js';
import { useSession } from '../session.js';
import { Empty, ErrorBox, Pill } from '../ui/bits.js';
import { SelectField } from '../ui/fields.js';
import { Page } from '../ui/page.js';
import { useApi } from '../ui/use-api.js';
import { TemplateThumb } from './template-thumb.js';
import { widgetTypeAbout, widgetTypeName } from './type-names.js';
import { tariffName } from '../tariff/tariff-names.js';

export default function NewWidgetPage() {
  const { me } = useSession();
  const loc = useLocation();
  const { data, error, reload } = useApi((signal) => get<{ sites: Site[] }>('/sites', undefined, { signal }), []);
  const [siteId, setSiteId] = useState(loc.query.get('site') ?? '');
  const templates = widgetTemplates(currentLang());

  const back = { href: '/widgets', label: t('widgets.title') };
  if (error)
    return (
      <Page title={t('widgets.newTitle')} back={back}>
        <ErrorBox error={error} retry={reload} />
      </Page>
    );
  if (!data)
    return (
      <Page title={t('widgets.newTitle')} back={back}>
        <div class="page-loading" aria-busy="true" />
      </Page>
    );
  if (data.sites.length === 0) {
    return (
      <Page title={t('widgets.newTitle')} back={back}>
        <Empty icon="globe" title={t('widgets.needSiteTitle')}>
          <p>{t('widgets.emptyNoSite')}</p>
          <Link href="/sites" class="btn btn-primary">
            {t('sites.add')}
          </Link>
        </Empty>
      </Page>
    );
  }
  const site = data.sites.find((s) => s.id === siteId) ?? data.sites[0]!;

  return (
    <Page title={t('widgets.newTitle')} lead={t('widgets.newLead')} back={back}>
      {data.sites.length > 1 && (
        <div class="card narrow">
          <SelectField label={t('widgets.forSite')} value={site.id} onValue={setSiteId} options={data.sites.map((s) => ({ value: s.id, label: `${s.name} (${s.domains[0]})` }))} />
        </div>
      )}
      {BUILDABLE_WIDGET_TYPES.map((type) => {
        const own = templates.filter((tpl) => tpl.type === type);
        if (own.length === 0) return null;
        const offer = me.tariff.widgetTypes[type];
        return (
          <section key={type} class="template-group" aria-labelledby={`tg-${type}`}>
            <div class="template-group-head">
              <h2 id={`tg-${type}`}>{widgetTypeName(type)}</h2>
              {!offer.allowed && <Pill tone="warn">{t('widgets.typeNotInTariff')}</Pill>}
            </div>
            <p class="muted">{widgetTypeAbout(type)}</p>
            {!offer.allowed && offer.upgradeTo && (
              <p class="small">
                {t('upgrade.hint', { tariff: tariffName(offer.upgradeTo.id, offer.upgradeTo.name) })} <Link href="/tariff">{t('upgrade.compare')}</Link>
              </p>
            )}
            <ul class="templates">
              {own.map((tpl) => (
                <li key={tpl.id}>
                  <Link href={`/widgets/new/${tpl.id}?site=${site.id}`} class="template" aria-describedby={`td-${tpl.id}`}>
                    <TemplateThumb widget={tpl.widget} />
                    <span class="template-title">{tpl.title}</span>
                    <span class="template-about" id={`td-${tpl.id}`}>
                      {tpl.description}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Page>
  );
}

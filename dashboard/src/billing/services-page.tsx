// /services: service requests — widget work asked of the operator, part of the all-inclusive
// tariffs within a weekly quota. The navigation offers it to those tariffs only; others who open
// it by its address read what it is and which tariffs (at what price) include it.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import type { ServiceRequests, Tariff, TariffCatalogue, Widget } from '../api-types.js';
import { formatDateTime, formatMoney, localName, t, type Key } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Notice, Pill, type Tone, FormError } from '../ui/bits.js';
import { errorText } from '../ui/errors.js';
import { SelectField, TextArea } from '../ui/fields.js';
import { Loaded, shownData } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { Section } from '../ui/section.js';
import { toast } from '../ui/toast.js';
import { useAction } from '../ui/use-action.js';
import { useApi } from '../ui/use-api.js';
import { managedServiceTariffList } from '../tariff/managed-service.js';
import { tariffName } from '../tariff/tariff-names.js';
import './billing.css';
import { SendActions } from '../ui/save-actions.js';

const STATUS_TONE: Record<string, Tone> = { new: 'info', in_progress: 'warn', done: 'ok', rejected: 'danger' };

export default function ServicesPage() {
  const services = useApi(async (signal) => {
    const [requests, widgets, catalogue] = await Promise.all([
      get<ServiceRequests>('/service-requests', undefined, { signal }),
      get<{ widgets: Widget[] }>('/widgets', undefined, { signal }),
      get<TariffCatalogue>('/tariffs', undefined, { signal }),
    ]);
    return { ...requests, widgets: widgets.widgets, withService: catalogue.tariffs.filter((x) => x.managedService !== null), periodDays: catalogue.periodDays };
  }, []);
  const [kind, setKind] = useState<'create' | 'change'>('create');
  const [widgetId, setWidgetId] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<{ description?: string; widgetId?: string }>({});
  const { busy, error: submitError, run, setError: setSubmitError } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (description.trim().length < 10) found.description = t('svc.err.description');
    if (kind === 'change' && !widgetId) found.widgetId = t('svc.err.widget');
    setErrors(found);
    setSubmitError(null);
    if (Object.keys(found).length) return;
    await run(async () => {
      await api('POST', '/service-requests', { kind, description: description.trim(), ...(kind === 'change' ? { widgetId } : {}) });
      toast(t('svc.sent'));
      setDescription('');
      await services.reload();
    });
  };

  const ready = shownData(services) !== undefined;
  return (
    <Page title={t('svc.title')} lead={ready ? t('svc.lead', { tariffs: managedServiceTariffList() }) : undefined}>
      <Loaded state={services}>
        {({ quota, requests, widgets, withService, periodDays }) => {
          const available = quota.perWeek !== null;
          const full = available && quota.usedThisWeek >= quota.perWeek!;
          return (
            <>
              {!available ? (
                <>
                  <Notice tone="info">
                    <p>{t('svc.unavailable', { tariffs: managedServiceTariffList() })}</p>
                  </Notice>
                  <ServiceTariffs tariffs={withService} periodDays={periodDays} />
                </>
              ) : (
                <section class="card" aria-labelledby="svc-new-title">
                  <div class="card-head">
                    <h2 id="svc-new-title">{t('svc.new')}</h2>
                    <Pill tone={full ? 'warn' : 'info'}>{t('svc.quota', { used: quota.usedThisWeek, limit: quota.perWeek! })}</Pill>
                  </div>
                  {full ? (
                    <Notice tone="warn">{t('svc.quotaUsed')}</Notice>
                  ) : (
                    <form onSubmit={submit} noValidate class="stack">
                      <SelectField
                        label={t('svc.kind')}
                        value={kind}
                        onValue={(v) => setKind(v as 'create' | 'change')}
                        options={[
                          { value: 'create', label: t('svc.kind.create') },
                          { value: 'change', label: t('svc.kind.change') },
                        ]}
                      />
                      {kind === 'change' && (
                        <SelectField
                          label={t('svc.widget')}
                          value={widgetId}
                          onValue={setWidgetId}
                          error={errors.widgetId}
                          options={[{ value: '', label: '—' }, ...widgets.map((w) => ({ value: w.id, label: w.name }))]}
                        />
                      )}
                      <TextArea label={t('svc.description')} hint={t('svc.descriptionHint')} value={description} onValue={setDescription} error={errors.description} rows={5} maxLength={4000} />
                      <FormError message={submitError !== null && errorText(submitError)} />
                      <SendActions label={t('svc.send')} busy={busy} />
                    </form>
                  )}
                </section>
              )}
              {(available || requests.length > 0) && (
                <Section id="svc-list-title" title={t('svc.list')} empty={requests.length === 0 && t('svc.none')}>
                  <ul class="requests stacked-list">
                    {requests.map((r) => (
                      <li key={r.id} class="card">
                        <div class="card-head">
                          <h3>
                            {t(`svc.kind.${r.kind}` as Key)}
                            {r.widgetId ? `: ${widgets.find((w) => w.id === r.widgetId)?.name ?? r.widgetId}` : ''}
                          </h3>
                          <Pill tone={STATUS_TONE[r.status] ?? 'muted'}>{t(`svc.status.${r.status}` as Key)}</Pill>
                        </div>
                        <p class="muted small">{formatDateTime(r.createdAt)}</p>
                        <p class="pre-wrap">{r.description}</p>
                        {r.operatorComment && <p class="hint">{t('svc.comment', { text: r.operatorComment })}</p>}
                      </li>
                    ))}
                  </ul>
                </Section>
              )}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

/** The tariffs that include the service, with what it gives and what it costs: the way to get it. */
function ServiceTariffs({ tariffs, periodDays }: { tariffs: Tariff[]; periodDays: number }) {
  return (
    <Section id="svc-tariffs-title" title={t('svc.tariffsTitle')}>
      <ul class="cards">
        {tariffs.map((x) => (
          <li key={x.id} class="card">
            <h3>{tariffName(x.id, x.name)}</h3>
            {x.managedService && <p>{localName(x.managedService.text)}</p>}
            {x.price && (
              <p class="muted">
                {formatMoney(x.price.rub)} {t('tariff.perPeriod', { days: periodDays })}
              </p>
            )}
            <Link class="btn btn-small" href={`/billing?tariff=${x.id}`} aria-label={t('tariff.chooseName', { name: tariffName(x.id, x.name) })}>
              {t('tariff.choose')}
            </Link>
          </li>
        ))}
      </ul>
      <p class="svc-compare">
        <Link href="/tariff">{t('upgrade.compare')}</Link>
      </p>
    </Section>
  );
}

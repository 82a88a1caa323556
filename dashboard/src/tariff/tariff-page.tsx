// The current tariff, its period and how much of it is used (80 % / 100 % warnings), and
// every tariff with what it contains and costs, each paid one with a way to pay for it
// (billing/ does the paying).
import { get } from '../api.js';
import type { TariffCatalogue, Usage } from '../api-types.js';
import { formatDate, formatMoney, formatNumber, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Pill, UsageBar } from '../ui/bits.js';
import { Loaded, shownData } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { TariffContents } from './tariff-contents.js';
import './tariff.css';
import { tariffName } from './tariff-names.js';

export default function TariffPage() {
  const loaded = useApi(async (signal) => {
    const [usage, catalogue] = await Promise.all([get<Usage>('/usage', undefined, { signal }), get<TariffCatalogue>('/tariffs', undefined, { signal })]);
    return { usage, catalogue };
  }, []);
  const ready = shownData(loaded) !== undefined;

  return (
    <Page title={t('tariff.title')} lead={ready ? t('tariff.lead') : undefined}>
      <Loaded state={loaded}>
        {({ usage, catalogue }) => {
          const current = catalogue.tariffs.find((x) => x.id === usage.tariff.id);
          return (
            <>
              <div class="grid-main">
                <section class="card" aria-labelledby="cur-title">
                  <div class="card-head">
                    <h2 id="cur-title">{t('tariff.current', { name: tariffName(usage.tariff.id, usage.tariff.name) })}</h2>
                  </div>
                  <p class="muted">{t('tariff.period', { from: formatDate(usage.period.start), to: formatDate(usage.period.end) })}</p>
                  <TariffContents limits={usage.tariff.limits} managedService={current?.managedService ?? null} />
                </section>
                <Card id="usage-title" title={t('tariff.usage')}>
                  <UsageBar label={t('tariff.usageWidgets')} used={usage.widgets.active} limit={usage.widgets.limit} />
                  <UsageBar label={t('tariff.usageSites')} used={usage.sites.count} limit={usage.sites.limit} />
                  <UsageBar label={t('tariff.usageImpressions')} used={usage.impressions.used} limit={usage.impressions.limit} kind="consumable" />
                  {(usage.tariff.limits.badge || usage.badgeVisits.last30Days > 0) && <p class="muted">{t('tariff.badgeVisits', { n: formatNumber(usage.badgeVisits.last30Days) })}</p>}
                </Card>
              </div>
              <h2 class="section-title">{t('tariff.all')}</h2>
              <ul class="tariffs">
                {catalogue.tariffs.map((x) => (
                  <li key={x.id} class={x.id === usage.tariff.id ? 'tariff tariff-current' : 'tariff'} aria-current={x.id === usage.tariff.id ? 'true' : undefined}>
                    <div class="tariff-head">
                      <h3>{tariffName(x.id, x.name)}</h3>
                      {x.id === usage.tariff.id && <Pill tone="info">{t('tariff.yours')}</Pill>}
                    </div>
                    <p class="price">
                      {x.price === null ? (
                        t('tariff.byAgreement')
                      ) : x.price.rub === 0 ? (
                        t('tariff.free')
                      ) : (
                        <>
                          <strong>{formatMoney(x.price.discountPercent ? (x.price.rub * (100 - x.price.discountPercent)) / 100 : x.price.rub)}</strong>{' '}
                          {t('tariff.perPeriod', { days: catalogue.periodDays })}
                          {x.price.discountPercent > 0 && (
                            <span class="discount">
                              {' '}
                              <s>{formatMoney(x.price.rub)}</s> −{x.price.discountPercent}%
                            </span>
                          )}
                        </>
                      )}
                    </p>
                    {/* Individual limits are set per account: the catalogue's placeholder would mislead. */}
                    {x.id === 'individual' ? <p class="muted small">{t('tariff.individualAbout')}</p> : <TariffContents limits={x.limits} managedService={x.managedService} />}
                    {x.price && x.price.rub > 0 && x.id !== 'individual' && (
                      <Link
                        class={x.id === usage.tariff.id ? 'btn btn-small' : 'btn btn-primary btn-small'}
                        href={`/billing?tariff=${x.id}`}
                        aria-label={t(x.id === usage.tariff.id ? 'tariff.renewName' : 'tariff.chooseName', { name: tariffName(x.id, x.name) })}
                      >
                        {x.id === usage.tariff.id ? t('tariff.renew') : t('tariff.choose')}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
              <p class="hint">{t('tariff.billingNote', { free: tariffName('free') })}</p>
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

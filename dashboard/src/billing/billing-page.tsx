// /billing: the current paid period, autopay, paying for a tariff, and the payment history;
// links to invoices for companies, widget requests and account settings.
import { get } from '../api.js';
import type { Billing } from '../api-types.js';
import { formatDate, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { useLocation } from '../router/router.js';
import { useSession } from '../session.js';
import { Pill } from '../ui/bits.js';
import { Loaded, shownData } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { AutopayCard } from './autopay-card.js';
import { daysLeft } from './billing-text.js';
import { hasManagedService } from '../tariff/managed-service.js';
import { tariffName } from '../tariff/tariff-names.js';
import { PayForm } from './pay-form.js';
import { PaymentHistory } from './payment-history.js';
import './billing.css';

function PeriodCard({ billing }: { billing: Billing }) {
  const { me } = useSession();
  const sub = billing.subscription;
  return (
    <Card id="period-title" title={t('bill.period')}>
      {sub ? (
        <dl class="facts">
          <dt>{t('bill.tariff')}</dt>
          <dd>{tariffName(sub.tariffId)}</dd>
          <dt>{t('bill.periodStart')}</dt>
          <dd>{formatDate(sub.periodStart)}</dd>
          <dt>{t('bill.periodEnd')}</dt>
          <dd>{formatDate(sub.periodEnd)}</dd>
          <dt>{t('bill.daysLeft')}</dt>
          <dd>{sub.status === 'active' ? daysLeft(sub.periodEnd) : 0}</dd>
          <dt>{t('bill.status')}</dt>
          <dd>
            <Pill tone={sub.status === 'active' ? 'ok' : 'danger'}>{sub.status === 'active' ? t('bill.status.active') : t('bill.status.expired')}</Pill>
          </dd>
        </dl>
      ) : (
        <p class="muted">{t('bill.noPeriod', { tariff: tariffName(me.tariff.id) })}</p>
      )}
    </Card>
  );
}

export default function BillingPage() {
  const loc = useLocation();
  const { me, refresh } = useSession();
  const billing = useApi((signal) => get<Billing>('/billing', undefined, { signal }), []);
  const ready = shownData(billing) !== undefined;
  return (
    <Page
      title={t('bill.title')}
      // Without YooKassa there is no card, no autopay: the lead says what this page does then.
      lead={ready ? t(shownData(billing)?.method === 'yookassa' ? 'bill.lead' : 'bill.leadManual') : undefined}
      actions={
        ready ? (
          <>
            <Link class="btn" href="/billing/invoices">
              {t('inv.title')}
            </Link>
            {hasManagedService(me.tariff.id) && (
              <Link class="btn" href="/services">
                {t('nav.services')}
              </Link>
            )}
          </>
        ) : undefined
      }
    >
      <Loaded state={billing}>
        {(data) => (
          <>
            <div class="grid-main">
              <PeriodCard billing={data} />
              {data.method === 'yookassa' && <AutopayCard billing={data} onChange={() => void billing.reload().then(refresh)} />}
            </div>
            <PayForm billing={data} initialTariff={loc.query.get('tariff')} />
            <PaymentHistory payments={data.payments} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

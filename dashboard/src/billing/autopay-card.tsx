// Autopay: on only with a card saved by an earlier payment and the licensee's explicit consent
// to the terms shown (amount, every 30 days, how to switch it off); off at any moment.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { Billing } from '../api-types.js';
import { formatDate, t } from '../i18n/i18n.js';
import { Notice, FormError } from '../ui/bits.js';
import { errorText } from '../ui/errors.js';
import { Checkbox } from '../ui/fields.js';
import { toast } from '../ui/toast.js';
import { Card } from '../ui/section.js';
import { formatKopecks } from './billing-text.js';
import { tariffName } from '../tariff/tariff-names.js';

export function AutopayCard({ billing, onChange }: { billing: Billing; onChange: () => void }) {
  const sub = billing.subscription;
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const price = sub && billing.prices.find((p) => p.tariffId === sub.tariffId);
  // What the scheduler will charge: the operator's price less the operator's discount.
  const amount = price ? formatKopecks(Math.round((price.priceKopecks * (100 - price.discountPercent)) / 100)) : '';

  const set = async (enabled: boolean) => {
    if (enabled && !consent) {
      setError(t('autopay.tickConsent'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api('PUT', '/billing/autopay', enabled ? { enabled: true, consent: true } : { enabled: false });
      toast(enabled ? t('autopay.enabled') : t('autopay.disabled'));
      setConsent(false);
      onChange();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card id="autopay-title" title={t('autopay.title')}>
      {sub?.autopay ? (
        <>
          <p>{t('autopay.on', { date: formatDate(sub.periodEnd), amount })}</p>
          {sub.paymentMethodTitle && <p class="muted small">{t('autopay.card', { card: sub.paymentMethodTitle })}</p>}
          <button type="button" class="btn btn-danger-outline" disabled={busy} onClick={() => set(false)}>
            {t('autopay.disable')}
          </button>
        </>
      ) : sub?.canAutopay && sub.status === 'active' && price ? (
        <>
          <p class="muted">{t('autopay.off')}</p>
          {sub.paymentMethodTitle && <p class="muted small">{t('autopay.card', { card: sub.paymentMethodTitle })}</p>}
          <Checkbox
            label={t('autopay.consent', { amount, tariff: tariffName(sub.tariffId) })}
            checked={consent}
            onValue={(v) => {
              setConsent(v);
              setError(undefined);
            }}
          />
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => set(true)}>
            {t('autopay.enable')}
          </button>
        </>
      ) : (
        <Notice tone="muted">{t('autopay.needCard')}</Notice>
      )}
      <FormError message={error} />
    </Card>
  );
}

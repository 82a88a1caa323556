// Choosing a tariff and paying: the server's quote (price, discount or promo code, credit for
// the unused part of the current period), then checkout and off to YooKassa's page.
import { FormError } from '../ui/bits.js';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiRequestError } from '../api.js';
import type { Billing } from '../api-types.js';
import { t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { errorText } from '../ui/errors.js';
import { Checkbox, Field, SelectField } from '../ui/fields.js';
import { formatKopecks } from './billing-text.js';
import { tariffName } from '../tariff/tariff-names.js';
import './billing.css';

interface Quote {
  tariffId: string;
  baseKopecks: number;
  discountPercent: number;
  creditKopecks: number;
  totalKopecks: number;
  promoCode: string | null;
}

export function PayForm({ billing, initialTariff }: { billing: Billing; initialTariff: string | null }) {
  const ids = billing.prices.map((p) => p.tariffId as string);
  const [tariffId, setTariffId] = useState(initialTariff && ids.includes(initialTariff) ? initialTariff : (ids[0] ?? 'start'));
  const [promoInput, setPromoInput] = useState('');
  const [promo, setPromo] = useState('');
  const [saveCard, setSaveCard] = useState(false);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [promoError, setPromoError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setPromoError(undefined);
    api<Quote>('POST', '/billing/quote', { tariffId, ...(promo ? { promoCode: promo } : {}) })
      .then((q) => live && setQuote(q))
      .catch((err) => {
        if (!live) return;
        if (err instanceof ApiRequestError && err.code === 'promo_invalid') {
          setPromoError(t('bill.promoInvalid'));
          setPromo('');
        } else setError(err);
      });
    return () => {
      live = false;
    };
  }, [tariffId, promo]);

  const price = billing.prices.find((p) => p.tariffId === tariffId);
  // What autopay would charge each period: the price less the operator's discount (no promo codes, no credit).
  const chargedKopecks = price ? Math.round((price.priceKopecks * (100 - price.discountPercent)) / 100) : 0;

  const pay = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const payment = await api<{ id: string; confirmationUrl: string | null }>('POST', '/billing/checkout', { tariffId, autopay: saveCard, ...(promo ? { promoCode: promo } : {}) });
      if (payment.confirmationUrl) {
        // YooKassa's own page: card details never touch our site.
        location.assign(payment.confirmationUrl);
        return;
      }
      navigate(`/billing/return?payment=${encodeURIComponent(payment.id)}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section class="card pay-card" aria-labelledby="pay-title">
      <h2 id="pay-title">{t('bill.pay')}</h2>
      <form onSubmit={pay} class="stack">
        <SelectField
          label={t('bill.choose')}
          value={tariffId}
          onValue={setTariffId}
          options={billing.prices.map((p) => ({ value: p.tariffId, label: `${tariffName(p.tariffId)} — ${formatKopecks(Math.round((p.priceKopecks * (100 - p.discountPercent)) / 100))}` }))}
        />
        <Field label={t('bill.promo')} hint={t('bill.promoHint')} error={promoError}>
          {(p) => (
            <div class="promo-row">
              <input class="input" {...p} value={promoInput} maxLength={40} autoComplete="off" onInput={(e) => setPromoInput(e.currentTarget.value)} />
              <button type="button" class="btn" onClick={() => setPromo(promoInput.trim())} disabled={!promoInput.trim()}>
                {t('bill.applyPromo')}
              </button>
            </div>
          )}
        </Field>
        {quote && quote.tariffId === tariffId && (
          <dl class="quote" aria-live="polite">
            <dt>{t('bill.quote.base')}</dt>
            <dd>{formatKopecks(quote.baseKopecks)}</dd>
            {quote.discountPercent > 0 && (
              <>
                <dt>
                  {t('bill.quote.discount', { n: quote.discountPercent })}
                  {quote.promoCode ? ` (${quote.promoCode})` : ''}
                </dt>
                <dd>−{formatKopecks(quote.baseKopecks - Math.round((quote.baseKopecks * (100 - quote.discountPercent)) / 100))}</dd>
              </>
            )}
            {quote.creditKopecks > 0 && (
              <>
                <dt>{t('bill.quote.credit')}</dt>
                <dd>−{formatKopecks(quote.creditKopecks)}</dd>
              </>
            )}
            <dt class="quote-total">{t('bill.quote.total')}</dt>
            <dd class="quote-total">{formatKopecks(quote.totalKopecks)}</dd>
          </dl>
        )}
        {billing.method === 'yookassa' ? (
          // Ticking this is the autopay consent: the text names the amount, the frequency and the way out.
          <Checkbox label={t('autopay.consent', { amount: formatKopecks(chargedKopecks), tariff: tariffName(tariffId) })} hint={t('bill.saveCard')} checked={saveCard} onValue={setSaveCard} />
        ) : (
          <p class="hint">{t('bill.manual')}</p>
        )}
        <FormError message={error !== undefined && errorText(error)} />
        <div class="form-actions">
          <Link href={`/billing/invoices?tariff=${tariffId}`}>{t('bill.invoiceInstead')}</Link>
          <button type="submit" class="btn btn-primary" disabled={busy || !quote}>
            {busy ? t('bill.redirecting') : t('bill.checkout')}
          </button>
        </div>
      </form>
    </section>
  );
}

// The project's tariff and period, and paying for it through the billing engine: a prepaid
// period of 1, 3, 9 or 12 months (no autopay), "increase limits" inside a running period, and
// back to Free once a paid period is over. Payment happens on YooKassa's confirmation page, or,
// without YooKassa, by a bank transfer whose details and invoice the billing return page shows.
// What may be bought now is the server's answer (project.offers); this card only shows it.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatDate, formatMoney, formatNumber, t, tn } from '../i18n/i18n.js';
import { navigate } from '../router/router.js';
import { ErrorBox } from '../ui/bits.js';
import { SelectField } from '../ui/fields.js';
import type { RtPayment, RtProject, RtTariff, RtTariffCatalogue } from './types.js';
import { tariffName } from '../tariff/tariff-names.js';
import { useAction } from '../ui/use-action.js';

const limitsText = (x: Pick<RtTariff, 'limits'>) => t('rtp.limitsShort', { messages: formatNumber(x.limits.messagesPerDay), connections: formatNumber(x.limits.connections) });
/**
 * A closed <select> shows one line, and "name — limits" did not fit the half-width card on a
 * desktop: options name the tariff, and the chosen one's limits stand under the field.
 */
const chosenLimits = (tariffs: readonly RtTariff[], id: string) => {
  const chosen = tariffs.find((x) => x.id === id);
  return chosen ? limitsText(chosen) : '';
};

export function TariffCard({ project, catalogue, onChanged }: { project: RtProject; catalogue: RtTariffCatalogue; onChanged: (p: RtProject) => void }) {
  const { offers } = project;
  const offered = (ids: readonly string[]) => catalogue.tariffs.filter((x) => ids.includes(x.id));
  const paid = offered(offers.periodTariffs);
  const running = offers.running;
  const [tariffId, setTariffId] = useState<string>(paid.some((x) => x.id === project.tariff.id) ? project.tariff.id : (paid[0]?.id ?? ''));
  const [months, setMonths] = useState<number>(catalogue.periods[0] ?? 1);
  const higher = offered(offers.upgradeTo);
  const [upgradeTo, setUpgradeTo] = useState<string>(higher[0]?.id ?? '');
  const { busy, error, run } = useAction();
  // A running period renews its own tariff only; another tariff is "increase limits".
  const periodTariff = running ? project.tariff.id : tariffId;
  const chosen = paid.find((x) => x.id === periodTariff);
  const price = chosen?.prices ? (chosen.prices as Record<string, number>)[String(months)] : undefined;

  const pay = (path: 'checkout' | 'upgrade', body: unknown) =>
    run(async () => {
      const payment = await api<RtPayment>('POST', `/realtime/projects/${project.id}/${path}`, body);
      // YooKassa's page takes the payment and sends the person back to /app/billing/return.
      if (payment.confirmationUrl) return location.assign(payment.confirmationUrl);
      // A manual payment waits for a transfer: the same page shows what to transfer where, and the invoice.
      navigate(`/billing/return?payment=${encodeURIComponent(payment.id)}`);
    });

  const toFree = () => run(async () => onChanged(await api<RtProject>('PUT', `/realtime/projects/${project.id}/tariff`, { tariffId: 'rt_free' })));

  return (
    <section class="card" aria-labelledby="rt-tariff-title">
      <h2 id="rt-tariff-title">{t('rtp.tariffTitle', { name: tariffName(project.tariff.id, project.tariff.name) })}</h2>
      <p>{limitsText(project.tariff)}</p>
      {project.period ? (
        <p class="muted">{t(running ? 'rtp.periodRunning' : 'rtp.periodEnded', { from: formatDate(project.period.start ?? project.period.end), to: formatDate(project.period.end) })}</p>
      ) : project.tariff.paid ? (
        <p class="muted">{t('rtp.notPaidYet')}</p>
      ) : (
        <p class="muted">{t('rtp.freeAbout')}</p>
      )}
      {error ? <ErrorBox error={error} /> : null}

      {paid.length > 0 && (
        <form
          class="stack rt-buy"
          onSubmit={(e) => {
            e.preventDefault();
            void pay('checkout', { tariffId: periodTariff, months });
          }}
        >
          <h3 class="rt-subtitle">{running ? t('rtp.renew') : t('rtp.buyPeriod')}</h3>
          {running ? (
            <p class="muted">{t('rtp.renewAbout', { to: formatDate(project.period!.end) })}</p>
          ) : (
            <SelectField
              label={t('rtp.tariff')}
              hint={chosenLimits(paid, tariffId)}
              value={tariffId}
              onValue={setTariffId}
              options={paid.map((x) => ({ value: x.id, label: tariffName(x.id, x.name) }))}
            />
          )}
          <div class="field">
            <span class="label" id="rt-months-label">
              {t('rtp.months')}
            </span>
            <div class="segmented rt-wrap" role="group" aria-labelledby="rt-months-label">
              {catalogue.periods.map((m) => (
                <button key={m} type="button" aria-pressed={months === m} onClick={() => setMonths(m)}>
                  {tn('rtp.monthsN', m)}
                </button>
              ))}
            </div>
            <p class="hint">{t('rtp.noAutopay')}</p>
          </div>
          {/* As on the billing page: without YooKassa "pay" makes an invoice for a bank transfer, not a card payment. */}
          {catalogue.paymentMethod === 'manual' && <p class="hint">{t('bill.manual')}</p>}
          <div class="form-actions">
            <button class="btn btn-primary" disabled={busy || price === undefined}>
              {price === undefined ? t('rtp.pay') : t('rtp.payAmount', { amount: formatMoney(price / 100) })}
            </button>
          </div>
        </form>
      )}

      {higher.length > 0 && (
        <form
          class="stack rt-buy"
          onSubmit={(e) => {
            e.preventDefault();
            void pay('upgrade', { tariffId: upgradeTo });
          }}
        >
          <h3 class="rt-subtitle">{t('rtp.upgrade')}</h3>
          <SelectField
            label={t('rtp.upgradeTo')}
            hint={`${chosenLimits(higher, upgradeTo)}. ${t('rtp.upgradeAbout')}`}
            value={upgradeTo}
            onValue={setUpgradeTo}
            options={higher.map((x) => ({ value: x.id, label: tariffName(x.id, x.name) }))}
          />
          <div class="form-actions">
            <button class="btn" disabled={busy || !upgradeTo}>
              {t('rtp.upgradeButton')}
            </button>
          </div>
        </form>
      )}

      {offers.mayReturnToFree && (
        <div class="rt-buy">
          <p class="muted">{t('rtp.toFreeAbout', { free: tariffName('rt_free') })}</p>
          <button type="button" class="btn" disabled={busy} onClick={() => void toFree()}>
            {t('rtp.toFree', { free: tariffName('rt_free') })}
          </button>
        </div>
      )}
    </section>
  );
}

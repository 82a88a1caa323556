// Prices of the paid tariffs (RUB per 30-day period, applied to new periods), the operator's
// percentage discount per tariff, and promo codes with validity dates and usage limits.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDate, t } from '../i18n/i18n.js';
import { Pill, FormError } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { errorText } from '../ui/errors.js';
import { TextField } from '../ui/fields.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { AdminPage } from './admin-frame.js';
import type { PromoCode, TariffPrice } from './admin-types.js';
import { tariffName } from '../tariff/tariff-names.js';
import { SendActions } from '../ui/save-actions.js';

/** "2026-12-31" from a date input → start (or end) of that day in the operator's time zone. */
const dayStart = (s: string) => (s ? new Date(`${s}T00:00:00`).getTime() : undefined);
const dayEnd = (s: string) => (s ? new Date(`${s}T23:59:59.999`).getTime() : undefined);

function PriceRow({ price, name, onSaved }: { price: TariffPrice; name: string; onSaved: () => void }) {
  const [rub, setRub] = useState(String(price.priceKopecks / 100));
  const [discount, setDiscount] = useState(String(price.discountPercent));
  const [error, setError] = useState<string>();
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api('PUT', `/admin/billing/prices/${price.tariffId}`, { priceRub: Number(rub.replace(',', '.')), discountPercent: Number(discount || 0) });
      setError(undefined);
      toast(t('admin.prices.saved', { name }));
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <li class="card">
      <form class="admin-price" onSubmit={save} aria-label={name}>
        <h3>{name}</h3>
        <TextField label={t('admin.prices.price')} value={rub} onValue={setRub} inputMode="decimal" error={error} />
        <TextField label={t('admin.prices.discount')} value={discount} onValue={setDiscount} inputMode="numeric" />
        <button class="btn btn-primary">{t('common.save')}</button>
      </form>
    </li>
  );
}

function PromoForm({ onCreated }: { onCreated: () => void }) {
  const [code, setCode] = useState('');
  const [percent, setPercent] = useState('10');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api('POST', '/admin/billing/promo-codes', {
        code: code.trim(),
        percent: Number(percent),
        ...(from ? { validFrom: dayStart(from) } : {}),
        ...(to ? { validTo: dayEnd(to) } : {}),
        ...(maxUses.trim() ? { maxUses: Number(maxUses) } : {}),
      });
      toast(t('admin.promo.created', { code: code.trim().toUpperCase() }));
      setCode('');
      setError(undefined);
      onCreated();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="promo-new">
      <h3 id="promo-new">{t('admin.promo.new')}</h3>
      <div class="grid-3">
        <TextField label={t('admin.promo.code')} hint={t('admin.promo.codeHint')} value={code} onValue={setCode} required pattern="[A-Za-z0-9_\-]{3,40}" autoComplete="off" />
        <TextField label={t('admin.promo.percent')} type="number" min={1} max={100} value={percent} onValue={setPercent} required />
        <TextField label={t('admin.promo.maxUses')} hint={t('admin.promo.maxUsesHint')} type="number" min={1} value={maxUses} onValue={setMaxUses} />
        <TextField label={t('admin.promo.from')} type="date" value={from} onValue={setFrom} />
        <TextField label={t('admin.promo.to')} type="date" value={to} onValue={setTo} />
      </div>
      <FormError message={error} />
      <SendActions label={t('admin.promo.create')} icon="plus" />
    </form>
  );
}

export default function PricesPage() {
  const prices = useApi((signal) => get<{ prices: TariffPrice[] }>('/admin/billing/prices', undefined, { signal }), []);
  const promos = useApi((signal) => get<{ promoCodes: PromoCode[] }>('/admin/billing/promo-codes', undefined, { signal }), []);
  const remove = async (code: string) => {
    await api('DELETE', `/admin/billing/promo-codes/${encodeURIComponent(code)}`);
    toast(t('admin.promo.deleted', { code }));
    await promos.reload();
  };
  const now = Date.now();
  const live = (p: PromoCode) => (p.validFrom === null || p.validFrom <= now) && (p.validTo === null || now <= p.validTo) && (p.maxUses === null || p.uses < p.maxUses);
  return (
    <AdminPage title={t('admin.prices.title')} lead={t('admin.prices.lead')}>
      <section aria-labelledby="prices-h">
        <h2 id="prices-h" class="section-title">
          {t('admin.prices.tariffs')}
        </h2>
        <Loaded state={prices}>
          {(data) => (
            <ul class="cards admin-prices">
              {data.prices.map((p) => (
                <PriceRow key={`${p.tariffId}-${p.priceKopecks}-${p.discountPercent}`} price={p} name={tariffName(p.tariffId)} onSaved={() => void prices.reload()} />
              ))}
            </ul>
          )}
        </Loaded>
        <p class="hint">{t('admin.prices.individualHint')}</p>
      </section>
      <section aria-labelledby="promos-h">
        <h2 id="promos-h" class="section-title">
          {t('admin.promo.title')}
        </h2>
        <PromoForm onCreated={() => void promos.reload()} />
        <Loaded state={promos} isEmpty={(d) => d.promoCodes.length === 0} empty={<p class="muted">{t('admin.promo.none')}</p>}>
          {(data) => (
            <DataTable
              rows={data.promoCodes}
              rowKey={(p) => p.code}
              label={t('admin.promo.title')}
              actions={(p) => (
                <button type="button" class="btn btn-small btn-danger-outline" onClick={() => void remove(p.code)} aria-label={t('admin.promo.deleteNamed', { code: p.code })}>
                  <Icon name="trash" />
                </button>
              )}
              columns={[
                {
                  label: t('admin.promo.code'),
                  cell: (p) => (
                    <div>
                      <strong class="mono">{p.code}</strong> {live(p) ? <Pill tone="ok">{t('admin.promo.live')}</Pill> : <Pill tone="muted">{t('admin.promo.dead')}</Pill>}
                    </div>
                  ),
                },
                { label: t('admin.promo.percent'), cell: (p) => `${p.percent} %` },
                {
                  label: t('admin.promo.validity'),
                  cell: (p) => (
                    <>
                      {p.validFrom ? formatDate(p.validFrom) : '…'} — {p.validTo ? formatDate(p.validTo) : '…'}
                    </>
                  ),
                },
                {
                  label: t('admin.promo.uses'),
                  cell: (p) => (
                    <>
                      {p.uses} / {p.maxUses ?? '∞'}
                    </>
                  ),
                },
              ]}
            />
          )}
        </Loaded>
      </section>
    </AdminPage>
  );
}

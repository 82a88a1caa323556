// Switching an account's tariff by hand, with a reason; the Individual tariff carries its own
// limits and price (what the operator agreed with this one licensee).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { INTEGRATIONS, TARIFF_IDS, type TariffId } from '#contracts/core/tariffs.js';
import type { WidgetType } from '#contracts/core/widget.js';
import { t } from '../i18n/i18n.js';
import { Checkbox, SelectField, TextField } from '../ui/fields.js';
import { widgetTypeName } from '../widgets/type-names.js';
import type { AdminAccountDetail } from './admin-types.js';
import { ReasonDialog } from './reason-dialog.js';
import { tariffName } from '../tariff/tariff-names.js';

const TYPES: WidgetType[] = ['banner', 'form', 'popup', 'callback', 'messengers', 'timer', 'quiz', 'chat'];

/** Empty means "no limit" (null on the wire). */
const countOrNull = (s: string) => (s.trim() === '' ? null : Math.max(0, Math.floor(Number(s))));
const show = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function TariffDialog({ account, onDone, onClose }: { account: AdminAccountDetail; onDone: () => void; onClose: () => void }) {
  const [tariffId, setTariffId] = useState<TariffId>(account.tariffId as TariffId);
  const own = account.individualLimits;
  const [widgetsN, setWidgetsN] = useState(show(own?.activeWidgets ?? 10));
  const [impressions, setImpressions] = useState(show(own ? own.impressionsPerPeriod : null));
  const [sites, setSites] = useState(show(own ? own.sites : null));
  const [badge, setBadge] = useState(own?.badge ?? false);
  const [types, setTypes] = useState<WidgetType[] | 'all'>((own?.widgetTypes as WidgetType[] | 'all' | undefined) ?? 'all');
  const [integrations, setIntegrations] = useState<string[]>([...(own?.integrations ?? ['email', 'telegram', 'webhook'])]);
  const [price, setPrice] = useState(account.individualPriceKopecks ? String(account.individualPriceKopecks / 100) : '');

  const submit = async (reason: string) => {
    const individual = tariffId === 'individual';
    await api('PUT', `/admin/accounts/${account.id}/tariff`, {
      tariffId,
      reason,
      ...(individual
        ? {
            individualLimits: { activeWidgets: countOrNull(widgetsN), impressionsPerPeriod: countOrNull(impressions), sites: countOrNull(sites), badge, widgetTypes: types, integrations },
            ...(price.trim() ? { individualPriceRub: Number(price.replace(',', '.')) } : {}),
          }
        : {}),
    });
    onDone();
  };

  return (
    <ReasonDialog title={t('admin.tariff.title')} confirm={t('admin.tariff.apply')} onSubmit={submit} onClose={onClose}>
      <SelectField
        label={t('admin.tariff.tariff')}
        value={tariffId}
        onValue={(v) => setTariffId(v as TariffId)}
        options={TARIFF_IDS.map((id) => ({ value: id, label: tariffName(id) }))}
        hint={t('admin.tariff.hint')}
      />
      {tariffId === 'individual' && (
        <fieldset class="admin-fieldset">
          <legend>{t('admin.tariff.individual')}</legend>
          <div class="grid-2">
            <TextField label={t('admin.tariff.price')} hint={t('admin.tariff.priceHint')} value={price} onValue={setPrice} inputMode="decimal" />
            <TextField label={t('admin.tariff.widgets')} hint={t('admin.tariff.emptyUnlimited')} value={widgetsN} onValue={setWidgetsN} inputMode="numeric" />
            <TextField label={t('admin.tariff.impressions')} hint={t('admin.tariff.emptyUnlimited')} value={impressions} onValue={setImpressions} inputMode="numeric" />
            <TextField label={t('admin.tariff.sites')} hint={t('admin.tariff.emptyUnlimited')} value={sites} onValue={setSites} inputMode="numeric" />
          </div>
          <Checkbox label={t('admin.tariff.badge')} checked={badge} onValue={setBadge} />
          <Checkbox label={t('admin.tariff.allTypes')} checked={types === 'all'} onValue={(v) => setTypes(v ? 'all' : ['banner', 'form'])} />
          {types !== 'all' && (
            <div class="admin-checks" role="group" aria-label={t('admin.tariff.types')}>
              {TYPES.map((ty) => (
                <Checkbox key={ty} label={widgetTypeName(ty)} checked={types.includes(ty)} onValue={(v) => setTypes(v ? [...types, ty] : types.filter((x) => x !== ty))} />
              ))}
            </div>
          )}
          <div class="admin-checks" role="group" aria-label={t('admin.tariff.integrations')}>
            {INTEGRATIONS.map((i) => (
              <Checkbox key={i} label={i} checked={integrations.includes(i)} onValue={(v) => setIntegrations(v ? [...integrations, i] : integrations.filter((x) => x !== i))} />
            ))}
          </div>
        </fieldset>
      )}
    </ReasonDialog>
  );
}

// What a tariff contains, in words: widgets, types, impressions, sites, badge, integrations.
import type { Tariff } from '../api-types.js';
import { formatNumber, localName, t, tn } from '../i18n/i18n.js';
import { kindName } from '../integrations/kinds.js';
import { widgetTypeName } from '../widgets/type-names.js';
import './tariff.css';

export function TariffContents({ limits, managedService }: Pick<Tariff, 'limits' | 'managedService'>) {
  return (
    <ul class="contents">
      <li>{limits.activeWidgets === null ? t('tariff.widgetsUnlimited') : tn('tariff.widgets', limits.activeWidgets)}</li>
      <li>{limits.widgetTypes === 'all' ? t('tariff.allTypes') : t('tariff.types', { types: limits.widgetTypes.map(widgetTypeName).join(', ') })}</li>
      <li>{limits.impressionsPerPeriod === null ? t('tariff.impressionsUnlimited') : t('tariff.impressions', { n: formatNumber(limits.impressionsPerPeriod) })}</li>
      <li>{limits.sites === null ? t('tariff.sitesUnlimited') : tn('tariff.sites', limits.sites)}</li>
      <li>{limits.badge ? t('tariff.badge') : t('tariff.noBadge')}</li>
      <li>{t('tariff.integrations', { list: limits.integrations.map(kindName).join(', ') })}</li>
      {managedService && <li>{localName(managedService.text)}</li>}
    </ul>
  );
}

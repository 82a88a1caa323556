// A tariff refusal, inline where it happened: what the limit is and which tariff lifts it.
import { t, tn, type Key } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import type { Refusal } from '../ui/errors.js';
import { knownTariffName } from './tariff-names.js';
import { Icon } from '../ui/icons.js';

const TEXT: Record<string, Key> = {
  limit_widgets: 'upgrade.limit_widgets',
  limit_sites: 'upgrade.limit_sites',
  type_not_in_tariff: 'upgrade.type_not_in_tariff',
  integration_not_in_tariff: 'upgrade.integration_not_in_tariff',
};

export function UpgradeHint({ refusal }: { refusal: Refusal }) {
  const limit = refusal.limit;
  const to = knownTariffName(refusal.upgradeTo);
  return (
    <div class="notice notice-warn upgrade" role="alert" data-code={refusal.code}>
      <Icon name="alert" />
      <div>
        <p>{refusal.code === 'type_not_in_tariff' || refusal.code === 'integration_not_in_tariff' || limit == null ? t(TEXT[refusal.code] ?? 'err.unknown') : tn(TEXT[refusal.code]!, limit)}</p>
        {to && (
          <p>
            {t('upgrade.hint', { tariff: to })} <Link href="/tariff">{t('upgrade.compare')}</Link>
          </p>
        )}
      </div>
    </div>
  );
}

// A refused integration action, inline: a destination the tariff lacks names the tariff that
// has it; a refused address or any other server answer is said as it is.
import { ApiRequestError } from '../api.js';
import { t } from '../i18n/i18n.js';
import { UpgradeHint } from '../tariff/upgrade-hint.js';
import { ErrorBox } from '../ui/bits.js';
import { refusalOf } from '../ui/errors.js';
import { Icon } from '../ui/icons.js';

export function IntegrationRefusal({ error }: { error: unknown }) {
  const refusal = refusalOf(error);
  if (refusal) return <UpgradeHint refusal={refusal} />;
  if (error instanceof ApiRequestError && (error.code === 'destination_refused' || error.code === 'integration_unavailable')) {
    // The server says which address rule was broken; its words are the useful part.
    return (
      <div class="notice notice-danger" role="alert" data-code={error.code}>
        <Icon name="alert" />
        <p>
          {error.code === 'destination_refused' ? t('intg.refusedAddress') : t('intg.unavailable')} {error.message}
        </p>
      </div>
    );
  }
  return <ErrorBox error={error} />;
}

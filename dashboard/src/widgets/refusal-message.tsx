// Why a widget could not be switched on: a tariff limit (with the tariff that allows it), or
// missing consent links or a template's example values (with the way to the editor), or any other error.
import { ApiRequestError } from '../api.js';
import { t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { UpgradeHint } from '../tariff/upgrade-hint.js';
import { ErrorBox } from '../ui/bits.js';
import { errorText, refusalOf } from '../ui/errors.js';
import { Icon } from '../ui/icons.js';

export function RefusalMessage({ error, editHref }: { error: unknown; editHref?: string }) {
  const refusal = refusalOf(error);
  if (refusal) return <UpgradeHint refusal={refusal} />;
  // Missing consent links or a template's example values: the way out is the editor.
  if (error instanceof ApiRequestError && (error.code === 'widget_not_ready' || error.code === 'widget_example_values')) {
    return (
      <div class="notice notice-warn" role="alert" data-code={error.code}>
        <Icon name="alert" />
        <p>
          {errorText(error)} {editHref && <Link href={editHref}>{t('widgets.openEditor')}</Link>}
        </p>
      </div>
    );
  }
  return <ErrorBox error={error} />;
}

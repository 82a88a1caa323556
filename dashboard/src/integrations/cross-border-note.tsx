// 152-FZ: leads sent to a destination abroad are a cross-border transfer of personal data. A
// warning, not a refusal: the licensee decides and must have a legal basis for it.
import { t } from '../i18n/i18n.js';
import { Icon } from '../ui/icons.js';

export function CrossBorderNote({ telegram }: { telegram?: boolean }) {
  return (
    <div class="notice notice-warn cross-border" data-cross-border="true">
      <Icon name="alert" />
      <div>
        <p>
          <strong>{t('intg.crossBorderTitle')}</strong>
        </p>
        <p>{telegram ? t('intg.crossBorderTelegram') : t('intg.crossBorderHost')}</p>
      </div>
    </div>
  );
}

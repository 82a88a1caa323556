// The end of a settings form that is saved as a whole (a site, a realtime project): while it
// differs from what is stored it says so, and Save is enabled only then.
import { t } from '../i18n/i18n.js';

export function SaveActions({ dirty, busy }: { dirty: boolean; busy: boolean }) {
  return (
    <div class="form-actions">
      {dirty && <span class="muted">{t('common.unsaved')}</span>}
      <button class="btn btn-primary" disabled={busy || !dirty}>
        {t('common.save')}
      </button>
    </div>
  );
}

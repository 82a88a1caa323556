// The end of a form: its buttons. A settings form saved as a whole (a site, a realtime project)
// says while it differs from what is stored, and Save is enabled only then; a form that is sent
// (a request, a new thing, a deletion) has its one button, disabled while the request runs.
import { t } from '../i18n/i18n.js';
import { Icon, type IconName } from './icons.js';

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

/** A sent form's button (red where it deletes, with an icon where it adds), after Cancel where the form is in a dialog. */
export function SendActions({ label, icon, busy = false, danger = false, onCancel }: { label: string; icon?: IconName; busy?: boolean; danger?: boolean; onCancel?: () => void }) {
  return (
    <div class="form-actions">
      {onCancel && (
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
      <button type="submit" class={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>
        {icon ? (
          <>
            <Icon name={icon} /> {label}
          </>
        ) : (
          label
        )}
      </button>
    </div>
  );
}

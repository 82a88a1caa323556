// Asks the operator for a reason before an action on a licensee (a block, an extension):
// the licensee sees block reasons, and every manual change is logged with its reason.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { Dialog } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { TextArea } from '../ui/fields.js';

export interface ReasonDialogProps {
  title: string;
  confirm: string;
  danger?: boolean;
  /** Extra fields above the reason (days of an extension). */
  children?: ComponentChildren;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}

export function ReasonDialog({ title, confirm, danger, children, onSubmit, onClose }: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setError(t('v.tooShort', { n: 3 }));
    setBusy(true);
    try {
      await onSubmit(reason.trim());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open title={title} onClose={onClose}>
      <form class="stack" onSubmit={submit}>
        {children}
        <TextArea label={t('admin.reason')} hint={t('admin.reasonHint')} value={reason} onValue={setReason} maxLength={500} error={error} />
        <div class="form-actions">
          <button type="button" class="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button class={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>
            {confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

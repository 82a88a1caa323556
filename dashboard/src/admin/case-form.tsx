// The operator's answer to a case (an abuse complaint, a widget request): its next status and a
// text the other side reads, saved with one PUT. Both admin queues use it.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/i18n.js';
import { errorText } from '../ui/errors.js';
import { SelectField, TextArea } from '../ui/fields.js';
import { toast } from '../ui/toast.js';
import { SendActions } from '../ui/save-actions.js';

export interface CaseFormProps<S extends string> {
  /** Where the answer is PUT. */
  path: string;
  /** The statuses the operator may set, and how each reads. */
  statuses: readonly S[];
  statusLabel: (s: S) => string;
  initialStatus: S;
  /** The field of the request body the text goes in, and the text so far. */
  textField: string;
  initialText: string | null;
  labels: { form: string; status: string; text: string; textHint?: string; saved: string };
  onSaved: () => void;
}

export function CaseForm<S extends string>(p: CaseFormProps<S>) {
  const [status, setStatus] = useState<S>(p.initialStatus);
  const [text, setText] = useState(p.initialText ?? '');
  const [busy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('PUT', p.path, { status, ...(text.trim() ? { [p.textField]: text.trim() } : {}) });
      toast(p.labels.saved);
      p.onSaved();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack" onSubmit={save} aria-label={p.labels.form}>
      <SelectField label={p.labels.status} value={status} onValue={(v) => setStatus(v as S)} options={p.statuses.map((s) => ({ value: s, label: p.statusLabel(s) }))} />
      <TextArea label={p.labels.text} hint={p.labels.textHint} value={text} onValue={setText} maxLength={4000} />
      <SendActions label={t('common.save')} busy={busy} />
    </form>
  );
}

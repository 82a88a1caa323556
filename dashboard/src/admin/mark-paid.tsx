// Marking a payment paid by bank transfer, from the queue of pending payments and from the
// companies' invoices: the operator confirms, the period starts at once, the list re-reads.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/i18n.js';
import { useConfirm } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { toast } from '../ui/toast.js';

export interface MarkPaidTexts {
  /** The confirmation's title and text. */
  title: string;
  body: string;
  /** The button's accessible name (which payment) and the toast once it is done. */
  name: string;
  done: string;
}

/** `button(paymentId, texts)` for a table's row; render `dialog` once on the page. */
export function useMarkPaid(reload: () => Promise<void>) {
  const [dialog, ask] = useConfirm();
  const [busy, setBusy] = useState<string | null>(null);
  const markPaid = async (paymentId: string, texts: MarkPaidTexts) => {
    if (!(await ask({ title: texts.title, body: texts.body, confirm: t('admin.invoices.markPaid') }))) return;
    setBusy(paymentId);
    try {
      await api('POST', `/admin/billing/payments/${paymentId}/mark-paid`);
      toast(texts.done);
      await reload();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(null);
    }
  };
  const button = (paymentId: string, texts: MarkPaidTexts) => (
    <button type="button" class="btn btn-small btn-primary" disabled={busy === paymentId} onClick={() => void markPaid(paymentId, texts)} aria-label={texts.name}>
      {t('admin.invoices.markPaid')}
    </button>
  );
  return { dialog, button };
}

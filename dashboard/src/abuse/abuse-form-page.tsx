// The public complaint form (offer 003 §12.6): anyone, signed in or not, may report a widget
// that infringes their rights; the operator answers within 30 days.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatDate, t } from '../i18n/i18n.js';
import { Notice, FormError } from '../ui/bits.js';
import { TextArea, TextField } from '../ui/fields.js';
import { PublicPage, useSending } from '../ui/public-form.js';
import { SendActions } from '../ui/save-actions.js';

const EMPTY = { pageUrl: '', rightInfringed: '', proof: '', purpose: '', contacts: '' };
type Form = typeof EMPTY;
/** The server's minimum lengths (contracts/schemas/operator.ts), checked here to answer at once. */
const MIN: Record<keyof Form, number> = { pageUrl: 1, rightInfringed: 10, proof: 10, purpose: 5, contacts: 5 };

export default function AbuseFormPage() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Form, string>>>({});
  const [sent, setSent] = useState<{ id: string; dueAt: number } | null>(null);
  const { busy, failure, send } = useSending();
  const set = (k: keyof Form) => (v: string) => setForm({ ...form, [k]: v });

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Partial<Record<keyof Form, string>> = {};
    for (const k of Object.keys(MIN) as (keyof Form)[]) {
      if (form[k].trim().length < MIN[k]) found[k] = form[k].trim() ? t('v.tooShort', { n: MIN[k] }) : t('v.required');
    }
    if (!found.pageUrl && !/^https?:\/\/\S+$/i.test(form.pageUrl.trim())) found.pageUrl = t('v.url');
    setErrors(found);
    if (Object.keys(found).length) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    await send(async () => setSent(await api<{ id: string; dueAt: number }>('POST', '/abuse', form)));
  };

  return (
    <PublicPage title={t('abuse.title')}>
      <p class="muted">{t('abuse.lead')}</p>
      {sent ? (
        <div role="status">
          <Notice tone="ok" icon="check">
            <p>{t('abuse.sent', { id: sent.id, date: formatDate(sent.dueAt) })}</p>
          </Notice>
        </div>
      ) : (
        <form class="stack" onSubmit={submit} noValidate>
          <TextField label={t('abuse.pageUrl')} hint={t('abuse.pageUrlHint')} type="url" value={form.pageUrl} onValue={set('pageUrl')} error={errors.pageUrl} maxLength={2000} autoComplete="url" />
          <TextArea label={t('abuse.right')} hint={t('abuse.rightHint')} value={form.rightInfringed} onValue={set('rightInfringed')} error={errors.rightInfringed} maxLength={4000} />
          <TextArea label={t('abuse.proof')} hint={t('abuse.proofHint')} value={form.proof} onValue={set('proof')} error={errors.proof} maxLength={8000} rows={5} />
          <TextArea label={t('abuse.purpose')} hint={t('abuse.purposeHint')} value={form.purpose} onValue={set('purpose')} error={errors.purpose} maxLength={2000} />
          <TextField label={t('abuse.contacts')} hint={t('abuse.contactsHint')} value={form.contacts} onValue={set('contacts')} error={errors.contacts} maxLength={500} autoComplete="email" />
          <p class="hint">{t('abuse.privacy')}</p>
          <FormError message={failure} />
          <SendActions label={t('abuse.send')} busy={busy} />
        </form>
      )}
    </PublicPage>
  );
}

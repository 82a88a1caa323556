// Announcements to every licensee: planned maintenance at least 24 hours ahead, changes of the
// legal documents or tariffs at least 14 days ahead (the server refuses later ones).
import { useState } from 'preact/hooks';
import { api, ApiRequestError, get } from '../api.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Pill, FormError } from '../ui/bits.js';
import { errorText } from '../ui/errors.js';
import { SelectField, TextArea, TextField } from '../ui/fields.js';
import { Loaded } from '../ui/loaded.js';
import { Icon } from '../ui/icons.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { AdminPage } from './admin-frame.js';
import type { OperatorNotice } from './admin-types.js';
import { SendActions } from '../ui/save-actions.js';

type Kind = OperatorNotice['kind'];
const HOUR = 3_600_000;
const LEAD_MS: Record<Kind, number> = { maintenance: 24 * HOUR, documents: 14 * 24 * HOUR, tariffs: 14 * 24 * HOUR };
const kindLabel = (k: Kind) => t(`admin.notices.kind.${k}`);

/** A datetime-local value ("2026-12-03T10:00") a little past the earliest allowed moment. */
function earliest(kind: Kind): string {
  const d = new Date(Date.now() + LEAD_MS[kind] + HOUR);
  d.setMinutes(0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

function NoticeForm({ onCreated }: { onCreated: () => void }) {
  const [kind, setKind] = useState<Kind>('maintenance');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [bodyEn, setBodyEn] = useState('');
  const [at, setAt] = useState(earliest('maintenance'));
  const [error, setError] = useState<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      // The English version is optional; the server takes its title and text both or neither.
      const english = titleEn.trim() || bodyEn.trim() ? { titleEn: titleEn.trim(), bodyEn: bodyEn.trim() } : {};
      await api('POST', '/admin/notices', { kind, title: title.trim(), body: body.trim(), ...english, effectiveAt: new Date(at).getTime() });
      toast(t('admin.notices.created'));
      setTitle('');
      setBody('');
      setTitleEn('');
      setBodyEn('');
      setError(undefined);
      onCreated();
    } catch (err) {
      // The server's one refusal worth spelling out: announced later than the promised lead time.
      const tooLate = err instanceof ApiRequestError && (err.body.details as { leadMs?: number } | undefined)?.leadMs !== undefined;
      setError(tooLate ? (kind === 'maintenance' ? t('admin.notices.lead24h') : t('admin.notices.lead14d')) : errorText(err));
    }
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="notice-new">
      <h2 id="notice-new">{t('admin.notices.new')}</h2>
      <SelectField
        label={t('admin.notices.kind')}
        hint={kind === 'maintenance' ? t('admin.notices.lead24h') : t('admin.notices.lead14d')}
        value={kind}
        onValue={(v) => {
          setKind(v as Kind);
          setAt(earliest(v as Kind));
        }}
        options={(['maintenance', 'documents', 'tariffs'] as const).map((k) => ({ value: k, label: kindLabel(k) }))}
      />
      <TextField label={t('admin.notices.titleField')} value={title} onValue={setTitle} required minLength={3} maxLength={200} />
      <TextArea label={t('admin.notices.body')} value={body} onValue={setBody} maxLength={4000} />
      <TextField label={t('admin.notices.titleEn')} hint={t('admin.notices.enHint')} lang="en" value={titleEn} onValue={setTitleEn} minLength={3} maxLength={200} />
      <TextArea label={t('admin.notices.bodyEn')} value={bodyEn} onValue={setBodyEn} maxLength={4000} />
      <TextField label={t('admin.notices.effectiveAt')} type="datetime-local" value={at} onValue={setAt} required />
      <FormError message={error} />
      <SendActions label={t('admin.notices.create')} icon="plus" />
    </form>
  );
}

export default function NoticesPage() {
  const notices = useApi((signal) => get<{ notices: OperatorNotice[] }>('/admin/notices', undefined, { signal }), []);
  const remove = async (n: OperatorNotice) => {
    try {
      await api('DELETE', `/admin/notices/${n.id}`);
      toast(t('admin.notices.deleted'));
      await notices.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  return (
    <AdminPage title={t('admin.notices.title')} lead={t('admin.notices.lead')}>
      <NoticeForm onCreated={() => void notices.reload()} />
      <Loaded state={notices} isEmpty={(d) => d.notices.length === 0} empty={<p class="muted">{t('admin.notices.none')}</p>}>
        {(data) => (
          <ul class="stack admin-list">
            {data.notices.map((n) => (
              <li key={n.id} class="card">
                <div class="card-head">
                  <h3>{n.title}</h3>
                  <Pill tone={n.kind === 'maintenance' ? 'warn' : 'info'}>{kindLabel(n.kind)}</Pill>
                </div>
                <p class="muted small">
                  {t('admin.notices.at', { at: formatDateTime(n.effectiveAt) })}
                  {n.mailedAt ? ` · ${t('admin.notices.mailed', { at: formatDateTime(n.mailedAt) })}` : ''}
                </p>
                <p class="pre">{n.body}</p>
                <button type="button" class="btn btn-small btn-danger-outline" onClick={() => void remove(n)}>
                  <Icon name="trash" /> {t('admin.notices.delete')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </AdminPage>
  );
}

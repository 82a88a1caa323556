// Widget requests of the all-inclusive tariffs: the operator takes each one into work and
// closes it with a comment the licensee reads.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Empty, Pill, type Tone } from '../ui/bits.js';
import { errorText } from '../ui/errors.js';
import { SelectField, TextArea } from '../ui/fields.js';
import { Loaded } from '../ui/loaded.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { AdminPage } from './admin-frame.js';
import type { ServiceRequest } from './admin-types.js';

type Status = ServiceRequest['status'];
const TONE: Record<Status, Tone> = { new: 'warn', in_progress: 'info', done: 'ok', rejected: 'muted' };
const statusLabel = (s: Status) => t(`admin.requests.status.${s}`);

function RequestCard({ r, onSaved }: { r: ServiceRequest; onSaved: () => void }) {
  const [status, setStatus] = useState<Exclude<Status, 'new'>>(r.status === 'new' ? 'in_progress' : r.status);
  const [comment, setComment] = useState(r.operatorComment ?? '');
  const [busy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('PUT', `/admin/service-requests/${r.id}`, { status, ...(comment.trim() ? { operatorComment: comment.trim() } : {}) });
      toast(t('admin.requests.saved'));
      onSaved();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="card">
      <div class="card-head">
        <h3>{r.kind === 'create' ? t('admin.requests.create') : t('admin.requests.change')}</h3>
        <Pill tone={TONE[r.status]}>{statusLabel(r.status)}</Pill>
      </div>
      <p class="muted small">
        <Link href={`/admin/accounts/${r.accountId}`}>{r.email}</Link> · {formatDateTime(r.createdAt)}
        {r.widgetId && ` · ${r.widgetId}`}
      </p>
      <p class="pre">{r.description}</p>
      <form class="stack" onSubmit={save} aria-label={t('admin.requests.handle', { id: r.id })}>
        <SelectField
          label={t('admin.requests.statusLabel')}
          value={status}
          onValue={(v) => setStatus(v as Exclude<Status, 'new'>)}
          options={(['in_progress', 'done', 'rejected'] as const).map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <TextArea label={t('admin.requests.comment')} value={comment} onValue={setComment} maxLength={4000} />
        <div class="form-actions">
          <button class="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </li>
  );
}

export default function RequestsPage() {
  const requests = useApi((signal) => get<{ requests: ServiceRequest[] }>('/admin/service-requests', undefined, { signal }), []);
  return (
    <AdminPage title={t('admin.requests.title')} lead={t('admin.requests.lead')}>
      <Loaded state={requests} isEmpty={(d) => d.requests.length === 0} empty={<Empty icon="widgets" title={t('admin.requests.none')} />}>
        {(data) => (
          <ul class="stack admin-list">
            {data.requests.map((r) => (
              <RequestCard key={`${r.id}-${r.updatedAt}`} r={r} onSaved={() => void requests.reload()} />
            ))}
          </ul>
        )}
      </Loaded>
    </AdminPage>
  );
}

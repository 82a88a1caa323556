// Widget requests of the all-inclusive tariffs: the operator takes each one into work and
// closes it with a comment the licensee reads.
import { get } from '../api.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { Pill, type Tone } from '../ui/bits.js';
import { useApi } from '../ui/use-api.js';
import { AdminPage } from './admin-frame.js';
import type { ServiceRequest } from './admin-types.js';
import { CaseForm } from './case-form.js';
import { CaseList } from './case-list.js';

type Status = ServiceRequest['status'];
const TONE: Record<Status, Tone> = { new: 'warn', in_progress: 'info', done: 'ok', rejected: 'muted' };
const statusLabel = (s: Status) => t(`admin.requests.status.${s}`);

function RequestCard({ r, onSaved }: { r: ServiceRequest; onSaved: () => void }) {
  return (
    <>
      <div class="card-head">
        <h3>{r.kind === 'create' ? t('admin.requests.create') : t('admin.requests.change')}</h3>
        <Pill tone={TONE[r.status]}>{statusLabel(r.status)}</Pill>
      </div>
      <p class="muted small">
        <Link href={`/admin/accounts/${r.accountId}`}>{r.email}</Link> · {formatDateTime(r.createdAt)}
        {r.widgetId && ` · ${r.widgetId}`}
      </p>
      <p class="pre">{r.description}</p>
      <CaseForm
        path={`/admin/service-requests/${r.id}`}
        statuses={['in_progress', 'done', 'rejected'] as const}
        statusLabel={statusLabel}
        initialStatus={r.status === 'new' ? 'in_progress' : r.status}
        textField="operatorComment"
        initialText={r.operatorComment}
        labels={{ form: t('admin.requests.handle', { id: r.id }), status: t('admin.requests.statusLabel'), text: t('admin.requests.comment'), saved: t('admin.requests.saved') }}
        onSaved={onSaved}
      />
    </>
  );
}

export default function RequestsPage() {
  const requests = useApi((signal) => get<{ requests: ServiceRequest[] }>('/admin/service-requests', undefined, { signal }), []);
  return (
    <AdminPage title={t('admin.requests.title')} lead={t('admin.requests.lead')}>
      <CaseList state={requests} cases={(d) => d.requests} empty={{ icon: 'widgets', title: t('admin.requests.none') }} card={(r, onSaved) => <RequestCard r={r} onSaved={onSaved} />} />
    </AdminPage>
  );
}

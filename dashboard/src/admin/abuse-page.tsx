// Abuse complaints (offer 003 §12.6) with their 30-day answer deadline, nearest first.
import { get } from '../api.js';
import { formatDate, formatDateTime, t, tn } from '../i18n/i18n.js';
import { Empty, Pill, type Tone } from '../ui/bits.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { AdminPage } from './admin-frame.js';
import type { AbuseComplaint } from './admin-types.js';
import { CaseForm } from './case-form.js';

const DAY = 86_400_000;
type Status = AbuseComplaint['status'];
const TONE: Record<Status, Tone> = { new: 'warn', in_progress: 'info', resolved: 'ok', rejected: 'muted' };
const statusLabel = (s: Status) => t(`admin.abuse.status.${s}`);

function Deadline({ c }: { c: AbuseComplaint }) {
  if (c.status === 'resolved' || c.status === 'rejected') return <span class="sub">{t('admin.abuse.due', { date: formatDate(c.dueAt) })}</span>;
  const days = Math.ceil((c.dueAt - Date.now()) / DAY);
  return (
    <span class={days <= 5 ? 'sub text-danger' : 'sub'}>
      {t('admin.abuse.due', { date: formatDate(c.dueAt) })} · {days < 0 ? t('admin.abuse.overdue') : tn('admin.abuse.daysLeft', days)}
    </span>
  );
}

function Complaint({ c, onSaved }: { c: AbuseComplaint; onSaved: () => void }) {
  return (
    <li class="card admin-complaint">
      <div class="card-head">
        <h3 class="break">{c.pageUrl}</h3>
        <Pill tone={TONE[c.status]}>{statusLabel(c.status)}</Pill>
      </div>
      <p class="muted small">
        {t('admin.abuse.received', { at: formatDateTime(c.createdAt) })} <Deadline c={c} />
      </p>
      <dl class="detail-list">
        <div>
          <dt>{t('abuse.pageUrl')}</dt>
          <dd class="break">
            <a href={c.pageUrl} target="_blank" rel="noopener noreferrer nofollow">
              {c.pageUrl}
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('abuse.right')}</dt>
          <dd class="pre">{c.rightInfringed}</dd>
        </div>
        <div>
          <dt>{t('abuse.proof')}</dt>
          <dd class="pre">{c.proof}</dd>
        </div>
        <div>
          <dt>{t('abuse.purpose')}</dt>
          <dd class="pre">{c.purpose}</dd>
        </div>
        <div>
          <dt>{t('abuse.contacts')}</dt>
          <dd class="pre">{c.contacts}</dd>
        </div>
      </dl>
      <CaseForm
        path={`/admin/abuse/${c.id}`}
        statuses={['in_progress', 'resolved', 'rejected'] as const}
        statusLabel={statusLabel}
        initialStatus={c.status === 'new' ? 'in_progress' : c.status}
        textField="resolution"
        initialText={c.resolution}
        labels={{
          form: t('admin.abuse.handle', { url: c.pageUrl }),
          status: t('admin.abuse.statusLabel'),
          text: t('admin.abuse.resolution'),
          textHint: t('admin.abuse.resolutionHint'),
          saved: t('admin.abuse.saved'),
        }}
        onSaved={onSaved}
      />
    </li>
  );
}

export default function AbusePage() {
  const complaints = useApi((signal) => get<{ complaints: AbuseComplaint[] }>('/admin/abuse', undefined, { signal }), []);
  return (
    <AdminPage title={t('admin.abuse.title')} lead={t('admin.abuse.lead')}>
      <Loaded state={complaints} isEmpty={(d) => d.complaints.length === 0} empty={<Empty icon="inbox" title={t('admin.abuse.none')} />}>
        {(data) => (
          <ul class="stack admin-list">
            {data.complaints.map((c) => (
              <Complaint key={`${c.id}-${c.updatedAt}`} c={c} onSaved={() => void complaints.reload()} />
            ))}
          </ul>
        )}
      </Loaded>
    </AdminPage>
  );
}

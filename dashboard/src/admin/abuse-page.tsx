// Abuse complaints (offer 003 §12.6) with their 30-day answer deadline, nearest first.
import { get } from '../api.js';
import { formatDate, formatDateTime, t, tn } from '../i18n/i18n.js';
import { Detail, Pill, type Tone } from '../ui/bits.js';
import { useApi } from '../ui/use-api.js';
import { AdminPage } from './admin-frame.js';
import type { AbuseComplaint } from './admin-types.js';
import { CaseForm } from './case-form.js';
import { CaseList } from './case-list.js';

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

// What the complainant wrote, each under the public form's own label.
const ANSWERS = [
  ['abuse.right', 'rightInfringed'],
  ['abuse.proof', 'proof'],
  ['abuse.purpose', 'purpose'],
  ['abuse.contacts', 'contacts'],
] as const;

function Complaint({ c, onSaved }: { c: AbuseComplaint; onSaved: () => void }) {
  return (
    <>
      <div class="card-head">
        <h3 class="break">{c.pageUrl}</h3>
        <Pill tone={TONE[c.status]}>{statusLabel(c.status)}</Pill>
      </div>
      <p class="muted small">
        {t('admin.abuse.received', { at: formatDateTime(c.createdAt) })} <Deadline c={c} />
      </p>
      <dl class="detail-list">
        <Detail label={t('abuse.pageUrl')} class="break">
          <a href={c.pageUrl} target="_blank" rel="noopener noreferrer nofollow">
            {c.pageUrl}
          </a>
        </Detail>
        {ANSWERS.map(([label, field]) => (
          <Detail key={field} label={t(label)} class="pre">
            {c[field]}
          </Detail>
        ))}
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
    </>
  );
}

export default function AbusePage() {
  const complaints = useApi((signal) => get<{ complaints: AbuseComplaint[] }>('/admin/abuse', undefined, { signal }), []);
  return (
    <AdminPage title={t('admin.abuse.title')} lead={t('admin.abuse.lead')}>
      <CaseList
        state={complaints}
        cases={(d) => d.complaints}
        empty={{ icon: 'inbox', title: t('admin.abuse.none') }}
        cardClass="admin-complaint"
        card={(c, onSaved) => <Complaint c={c} onSaved={onSaved} />}
      />
    </AdminPage>
  );
}

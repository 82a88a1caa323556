// A lead's status as the dashboard shows it: one word and one colour each.
import { LEAD_STATUSES, type LeadStatus } from '#contracts/core/leads.js';
import { t, type Key } from '../i18n/i18n.js';
import { Pill, type Tone } from '../ui/bits.js';

const LABEL: Record<LeadStatus, Key> = {
  new: 'leads.status.new',
  in_progress: 'leads.status.in_progress',
  done: 'leads.status.done',
  spam: 'leads.status.spam',
};
const TONE: Record<LeadStatus, Tone> = { new: 'info', in_progress: 'warn', done: 'ok', spam: 'muted' };

export const statusLabel = (s: LeadStatus) => t(LABEL[s]);
export const isLeadStatus = (s: string): s is LeadStatus => (LEAD_STATUSES as readonly string[]).includes(s);
export { LEAD_STATUSES };

export const StatusPill = ({ status }: { status: LeadStatus }) => <Pill tone={TONE[status]}>{statusLabel(status)}</Pill>;

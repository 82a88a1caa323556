// A project's state in words: active, waiting for its first payment, period over, blocked.
import { t, type Key } from '../i18n/i18n.js';
import { Pill, type Tone } from '../ui/bits.js';
import type { RtProject } from './types.js';

const STATUS: Record<RtProject['status'], { tone: Tone; key: Key }> = {
  active: { tone: 'ok', key: 'rtp.statusActive' },
  pending_payment: { tone: 'warn', key: 'rtp.statusPending' },
  expired: { tone: 'danger', key: 'rtp.statusExpired' },
  blocked: { tone: 'danger', key: 'rtp.statusBlocked' },
};

export const ProjectStatus = ({ status }: { status: RtProject['status'] }) => <Pill tone={STATUS[status].tone}>{t(STATUS[status].key)}</Pill>;

/** The share of today's messages used, 0–100+, for the 80/100 % warnings. */
export const messagesPercent = (u: RtProject['usage']) => (u.messagesLimit > 0 ? (u.messages / u.messagesLimit) * 100 : 100);

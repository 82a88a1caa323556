// The count of new leads beside «Заявки» in the navigation, kept current over the live channel
// (a lead arrives, a lead's status changes, leads are destroyed); polled while it is down.
import { useEffect, useState } from 'preact/hooks';
import type { LiveLeadCreated, LiveLeadsChanged } from '#contracts/core/live.js';
import { get } from '../api.js';
import { t } from '../i18n/i18n.js';
import { useLiveConnected, useLiveEvent } from '../live/live-client.js';
import { usePolling } from '../ui/use-api.js';

const POLL_MS = 30_000;

export function NewLeadsCount() {
  const [n, setN] = useState(0);
  const read = async () => {
    try {
      setN((await get<{ new: number }>('/leads/counts')).new);
    } catch {
      // The badge is a hint: a failed read keeps the last number until the next event or poll.
    }
  };
  useEffect(() => void read(), []);
  useLiveEvent<LiveLeadCreated>('lead.created', () => void read());
  useLiveEvent<LiveLeadsChanged>('leads.changed', () => void read());
  usePolling(() => void read(), POLL_MS, !useLiveConnected());
  if (n === 0) return null;
  return (
    <span class="nav-count" data-new-leads={n}>
      <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
      <span class="sr-only">{t('nav.newCount', { n })}</span>
    </span>
  );
}

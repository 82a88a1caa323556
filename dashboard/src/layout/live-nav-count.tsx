// A count beside a navigation item (new leads, unread chats), kept current over the live channel
// — read again when one of its events arrives — and polled while the channel is down.
import { useEffect, useState } from 'preact/hooks';
import { useLiveConnected, useLiveEvent } from '../live/live-client.js';
import { usePolling } from '../ui/use-api.js';

const POLL_MS = 30_000;

export interface LiveNavCountProps {
  read: () => Promise<number>;
  /** Two live events that may change the count. */
  events: readonly [string, string];
  /** What a screen reader hears, for n. */
  label: (n: number) => string;
}

export function LiveNavCount({ read, events, label }: LiveNavCountProps) {
  const [n, setN] = useState(0);
  const refresh = async () => {
    try {
      setN(await read());
    } catch {
      // A hint only: a failed read keeps the last number until the next event or poll.
    }
  };
  useEffect(() => void refresh(), []);
  useLiveEvent(events[0], () => void refresh());
  useLiveEvent(events[1], () => void refresh());
  usePolling(() => void refresh(), POLL_MS, !useLiveConnected());
  if (n === 0) return null;
  return (
    <span class="nav-count">
      <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
      <span class="sr-only">{label(n)}</span>
    </span>
  );
}

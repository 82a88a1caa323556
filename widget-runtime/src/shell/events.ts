// Impression/click/close events: batched per page, sent as text/plain beacons (a CORS-safelisted
// content type, so no preflight), body per eventsBatchSchema.
import type { EventType, EventsBatch } from '../../../server/src/contracts/embed.js';
import type { MountContext } from '../mount-context.js';

/** Mirrors MAX_EVENTS_PER_BATCH of the contract (a value, so it can't be imported). */
const MAX_BATCH = 50;
/** Long enough to gather the impressions of several widgets shown together. */
const BATCH_MS = 100;

type Pending = EventsBatch['events'];
const pending = new Map<MountContext, Pending>();
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

export function track(ctx: MountContext, widget: string, type: EventType): void {
  let list = pending.get(ctx);
  if (!list) pending.set(ctx, (list = []));
  list.push({ widget, type });
  timer ||= setTimeout(flush, BATCH_MS);
  if (!listening) {
    // The visitor may close the tab before the timer fires: send on the way out too.
    listening = true;
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => document.visibilityState == 'hidden' && flush());
  }
}

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  pending.forEach((events, ctx) => {
    while (events.length) send(ctx.api + '/v1/events', JSON.stringify({ site: ctx.site, events: events.splice(0, MAX_BATCH) }));
  });
}

function send(url: string, body: string): void {
  try {
    // sendBeacon survives page unload; it returns false when its queue is full.
    if (navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }))) return;
  } catch {
    // Some privacy extensions replace sendBeacon with a throwing stub; fall through to fetch.
  }
  fetch(url, { method: 'POST', keepalive: true, body, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } }).catch(() => {
    // Statistics are best-effort: a lost beacon is not the visitor's problem.
  });
}

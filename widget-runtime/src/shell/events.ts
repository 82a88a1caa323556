// Impression/click/close beacons: text/plain (a CORS-safelisted type, so no preflight), body per
// eventsBatchSchema. Events of one moment (one task) share a beacon, which leaves in a microtask
// right after it — also right after a click, before a navigation could unload the page, so no
// unload listener is needed. (Widgets shown together report their impressions from separate
// observer callbacks, hence separate beacons: simpler than a shared observer, and rare.)
import { MAX_EVENTS_PER_BATCH, type EventType, type EventsBatch } from '#contracts/core/embed.js';
import type { MountContext } from '#contracts/core/mount.js';

let pending: [MountContext, EventsBatch['events'][number]][] = [];

/** `v`: the A/B variant on the page (EmbedWidget.v), absent outside a test (JSON drops it then). */
export function track(ctx: MountContext, widget: string, type: EventType, v?: string): void {
  // A dashboard preview (MountContext.preview) sends nothing.
  ctx.preview || (pending.push([ctx, { widget, type, v }]) < 2 && queueMicrotask(flush));
}

function flush(): void {
  const all = pending;
  pending = [];
  // One context per page in practice (one loader); grouped anyway, so sites never mix.
  new Set(all.map((p) => p[0])).forEach((ctx) => {
    const events = all.filter((p) => p[0] == ctx).map((p) => p[1]);
    while (events.length) send(ctx.api + '/v1/events', JSON.stringify({ site: ctx.site, events: events.splice(0, MAX_EVENTS_PER_BATCH) }));
  });
}

function send(url: string, body: string): void {
  try {
    // sendBeacon survives page unload; it returns false when its queue is full.
    if (navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }))) return;
  } catch {
    // Some privacy extensions replace sendBeacon with a throwing stub; fall through to fetch.
  }
  // A string body is sent as text/plain;charset=UTF-8 by default: no header needed.
  fetch(url, { method: 'POST', keepalive: true, body, credentials: 'omit' }).catch(() => {
    // Statistics are best-effort: a lost beacon is not the visitor's problem.
  });
}

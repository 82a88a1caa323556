// Impression/click/close beacons and the funnel's steps: text/plain (a CORS-safelisted type, so
// no preflight), body per eventsBatchSchema. Events of one moment (one task) share a beacon,
// which leaves in a microtask right after it — also right after a click, before a navigation
// could unload the page, so no unload listener is needed. (Widgets shown together report their
// impressions from separate observer callbacks, hence separate beacons: simpler than a shared
// observer, and rare.) Every beacon carries the page view for the statistics' breakdowns
// (README "Funnel and breakdowns"): nothing in it identifies the visitor.
import { MAX_EVENTS_PER_BATCH, type EmbedWidget, type EventType, type EventsBatch } from '#contracts/core/embed.js';
import type { MountContext } from '#contracts/core/mount.js';
import type { LoaderWidgetState } from '#contracts/core/debug.js';

/** The loader's API: its widgets' state (boot.ts), A/B draws applied. Absent without the loader (a test, a preview). */
declare const widgetry: { l: LoaderWidgetState[] };

type Event = EventsBatch['events'][number];
/** The events of this moment, per context: one per page in practice (one loader), kept apart anyway, so sites never mix. */
let pending = new Map<MountContext, Event[]>();
/** The funnel's steps sent in this page load, as widget + type: each goes once. */
const sent: Record<string, 1> = {};
/**
 * How the visitor came (the page's utm_source as the first widget loads, else the referrer's host, '' for none) and
 * whether this browser held the embed's frequency storage (contracts/core/frequency-store.ts)
 * from an earlier page view: read, never written, when the first widget's runtime loads, before
 * the loader records this page's shows (loader/src/boot.ts waits for the runtime to do so). A
 * show time from after this page began (another tab) does not count. Storage that cannot be read
 * leaves `returning` out: "(unknown)" on the server.
 * localStorage is read only when a widget of the loader's list (`widgetry.l`, A/B draws done) could
 * have stored there: an "every N days" or "never after submit" rule, or an A/B variant. Otherwise
 * the visitor counts as new without a read: the first localStorage use of a page makes its main
 * thread wait twice on the browser process (storage permission, then the whole area). A value left
 * by an earlier config of the site is then not seen; that visitor reads as new, as one who never
 * met a storing widget does anyway.
 */
const view: Pick<EventsBatch, 'source' | 'returning'> = { source: new URLSearchParams(location.search).get('utm_source') ?? document.referrer.split('/')[2] ?? '' };
try {
  view.returning = widgetry.l.some((x) => x.r.every || x.r.once || x.w.v) && Object.entries(localStorage).some(([k, v]) => /^wg\./.test(k) && !(v >= performance.timeOrigin));
} catch {}

/** Names the widget's A/B variant on the page (EmbedWidget.v), none outside a test (JSON drops it then). */
export function track(ctx: MountContext, { id, v }: Pick<EmbedWidget, 'id' | 'v'>, type: EventType): void {
  const key = id + type;
  const event = { widget: id, type, v };
  // A dashboard preview (MountContext.preview) sends nothing. interact, start and submit (the
  // types after 'impression' in EVENT_TYPES' alphabet) go once per widget and page load.
  ctx.preview || (type > 'impression' && sent[key]) || ((sent[key] = 1), pending.get(ctx)?.push(event) || (pending.set(ctx, [event]), queueMicrotask(flush)));
}

function flush(): void {
  const all = pending;
  pending = new Map();
  all.forEach((events, ctx) => {
    // The path without query or fragment (they may carry personal data), as it is at the beacon:
    // an SPA's route.
    while (events.length) send(ctx.api + '/v1/events', JSON.stringify({ site: ctx.site, events: events.splice(0, MAX_EVENTS_PER_BATCH), path: location.pathname, ...view }));
  });
}

function send(url: string, body: string): void {
  try {
    // sendBeacon survives page unload; it returns false when its queue is full. A string body goes
    // as text/plain;charset=UTF-8 (CORS-safelisted, no preflight); a Blob would cost the page a
    // synchronous round trip to the browser process to register it (Chromium's BlobRegistry).
    if (navigator.sendBeacon(url, body)) return;
  } catch {
    // Some privacy extensions replace sendBeacon with a throwing stub; fall through to fetch.
  }
  // A string body is sent as text/plain;charset=UTF-8 by default: no header needed.
  fetch(url, { method: 'POST', keepalive: true, body, credentials: 'omit' }).catch(() => {
    // Statistics are best-effort: a lost beacon is not the visitor's problem.
  });
}

// rt/debug.js: debug mode (SPEC §11). The loader imports it on widgetry('debug') or on a page
// opened with ?widgetry_debug=… / ?widgetry_preview=…; on import it prints, per widget of the
// site, whether it shows and the first reason it does not. What only the server knows (domain,
// state, blocks, tariff, cap) comes from GET /v1/sites/{key}/debug; what only the page knows
// comes from the loader's own state (`widgetry.l`) and the one rule evaluator
// (contracts/core/display-rules.ts): targeting, trigger, frequency, inline target.
// Not size-critical (never fetched unless asked for), but it must share no module with the
// widget types (see strings.ts).
import { DEBUG_PARAM, PREVIEW_PARAM, type LoaderWidgetState, type SiteDiagnosis, type WidgetDiagnosis } from '#contracts/core/debug.js';
import { firstMiss, MOBILE_QUERY, type Visit } from '#contracts/core/display-rules.js';
import { createStore, STORE_PREFIX, type Store } from '#contracts/core/frequency-store.js';
import { previewOnPage } from './preview.js';
import { T } from './strings.js';

interface Api {
  (...a: unknown[]): void;
  l?: LoaderWidgetState[];
  /** Set once this module answers widgetry('debug') itself. */
  dbg?: 1;
}
const page = window as unknown as { widgetry?: Api };
const say = (text: string) => console.info('[widgetry] ' + text);
const DAY = 864e5;

/** The API origin: rt/ lives there, next to the config this module asks about. */
const API = new URL(import.meta.url).origin;

/** The loader's script tag (its data-site); a page with two snippets uses the first, as the loader does. */
const siteKey = () => (document.querySelector<HTMLScriptElement>('script[data-site][src*="loader.js"]') ?? document.querySelector<HTMLScriptElement>('script[data-site]'))?.dataset.site;

const query = (sel: string) => {
  try {
    return document.querySelector(sel);
  } catch {
    return null; // not a valid selector: nothing on the page matches it
  }
};

/** Why a widget the server serves is not on the page, from the loader's state; null: it shows. */
async function onPage(x: LoaderWidgetState | undefined, v: Visit, store: Store): Promise<string | null> {
  if (!x) return T.missing;
  const r = x.r;
  if (!x.m) return T.rule(firstMiss(r, v) ?? 'url', r.device == 'mobile' ? false : v.mobile, v.tz ?? '');
  if (x.p) {
    // The loader's promise never rejects (it logs): undefined is "mounted nothing".
    if (await x.p) return null;
    return x.w.position == 'inline' ? T.inline(x.w.inlineSelector ?? '') : T.failed;
  }
  if (x.a) return r.delay ? T.delay(r.delay) : r.scroll ? T.scroll(r.scroll) : T.exit;
  if (r.click) return T.click(r.click, !!query(r.click));
  // Targeted, not shown, not armed, no click trigger: the frequency cap (due()) held it back.
  const why = r.once && store(x.id + '.s', 0) ? T.submitted : r.session ? T.session : T.every(r.every ?? 0, Number(store(x.id, 0)) + (r.every ?? 0) * DAY);
  return why + '; ' + T.resetHint;
}

/** Removes the frequency values of these widgets from both storages of this browser. */
function resetCaps(ids: string[]): number {
  for (const id of ids) {
    for (const key of [STORE_PREFIX + id, STORE_PREFIX + id + '.s', STORE_PREFIX + id + '.v']) {
      try {
        localStorage.removeItem(key);
        sessionStorage.removeItem(key);
      } catch {
        // Storage blocked: the loader kept its values in memory, which a reload clears anyway.
      }
    }
  }
  return ids.length;
}

const label = (d: WidgetDiagnosis) => (d.name ? `«${d.name}» (${d.type}, ${d.id})` : `${d.type} ${d.id}`);

async function explain(): Promise<void> {
  const states = page.widgetry?.l ?? [];
  const site = siteKey();
  if (!site) return say(T.noSiteKey);
  let dx: SiteDiagnosis;
  try {
    const res = await fetch(API + '/v1/sites/' + encodeURIComponent(site) + '/debug');
    if (res.status == 404) return say(T.siteUnknown(site));
    if (!res.ok) return say(T.unreachable);
    dx = (await res.json()) as SiteDiagnosis;
  } catch {
    return say(T.unreachable);
  }
  const params = new URLSearchParams(location.search);
  if (params.get(DEBUG_PARAM) == 'reset') say(T.reset(resetCaps(dx.widgets.map((w) => w.id))));
  say(T.header(dx.site, dx.host, dx.widgets.length));
  if (dx.widgets.length == 0) say(T.noWidgets);
  const v: Visit = { url: location, q: location.search, ref: document.referrer, mobile: matchMedia(MOBILE_QUERY).matches, now: Date.now(), tz: dx.tz };
  const store = createStore(window);
  for (const d of dx.widgets) {
    const reason = dx.reason ?? d.reason;
    const why = reason
      ? T.serve(reason, dx.host, d.resetsAt)
      : await onPage(
          states.find((x) => x.id == d.id),
          v,
          store,
        );
    say(`${label(d)}: ${why ? `${T.notShown} — ${why}` : T.shows}`);
  }
}

const run = () => {
  const token = new URLSearchParams(location.search).get(PREVIEW_PARAM);
  (token ? previewOnPage(API, token) : explain()).catch((e) => console.warn('[widgetry]', e));
};

// Later widgetry('debug') calls: the browser imports a module once, so this module answers them.
const api = page.widgetry;
if (api && !api.dbg) {
  const wrapped: Api = function (this: unknown, ...a: unknown[]) {
    a[0] == 'debug' ? run() : api.apply(this, a);
  };
  wrapped.l = api.l;
  wrapped.dbg = 1;
  page.widgetry = wrapped;
}
run();

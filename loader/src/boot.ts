// The loader's whole behaviour, with the page's globals passed in, so it is testable in node
// and so the minifier can rename `window`/`document` to one letter (globals can't be renamed).
// Flow: config → rules (rules.ts) → trigger → rt/{type}.js → mount; history changes re-run the
// rules; widgetry(…) commands are queued until the config is in, then run at once.
//
// Size notes (loader.js budget 2 KB gzipped): `==` instead of `===` where both sides have one
// type; no classes; no optional chaining or `??` (target es2018 would down-level them into
// longer code); `0`/`1` for false/true in state flags; ternaries and `&&` as statements.
import type { LoaderWidgetState } from '#contracts/core/debug.js';
import { due, MOBILE_QUERY, targeted } from '#contracts/core/display-rules.js';
import type { EmbedConfig, EmbedRules } from '#contracts/core/embed.js';
import { createStore, type StoreWindow } from '#contracts/core/frequency-store.js';
// Type-only, erased at build: the runtime owns the mount contract and the loader obeys it.
import type { MountContext, PageEventDetail, PageListener, RuntimeModule, WidgetHandle } from '#contracts/core/mount.js';
import type { PageUrl } from '#contracts/core/url-match.js';

/** A queued call: the stub pushes `arguments`, so an array-like [command, ...args]. */
type Command = ArrayLike<unknown>;

/** `window.widgetry`: the queue stub from the snippet, later replaced by the real function. */
export interface WidgetryApi {
  (...args: unknown[]): void;
  q?: Command[];
  /**
   * Set on the real function: the one global guard that makes the loader idempotent, and the
   * widgets' state that the debug explainer (rt/debug.js) reads.
   */
  l?: LoaderWidgetState[];
}

/** The parts of the events the loader listens to (mouseout, click). */
interface PointerLike {
  target: unknown;
  relatedTarget?: unknown;
  clientY?: number;
}
type Listener = (e: PointerLike) => void;

interface HistoryLike {
  pushState(...a: unknown[]): void;
  replaceState(...a: unknown[]): void;
}

export interface LoaderWindow extends StoreWindow {
  location: PageUrl;
  fetch(url: string): Promise<{ ok: boolean; json(): Promise<unknown> }>;
  widgetry?: WidgetryApi;
  matchMedia(query: string): { matches: boolean };
  history: HistoryLike;
  addEventListener(type: string, listener: Listener): void;
  scrollY: number;
  innerHeight: number;
}

/** The script element that loaded us. SVG scripts have no `src`, hence optional. */
interface ScriptLike {
  dataset: DOMStringMap;
  src?: string;
}

export interface LoaderDocument {
  currentScript: ScriptLike | null;
  readyState: string;
  referrer: string;
  documentElement: { scrollHeight: number; lang: string };
  addEventListener(type: string, listener: Listener, capture?: boolean): void;
}

/** rt/{type}.js, or rt/debug.js (the explainer, fetched only in debug mode or for a preview). */
export type ImportRuntime = (url: string) => Promise<RuntimeModule | unknown>;

/** One widget of the config and where it stands on this page (the explainer reads it too). */
type State = LoaderWidgetState;

let logged: unknown;
/** Logs the first failure only: a broken embed must not flood the host page's console. */
const log = (e: unknown) => {
  logged || ((logged = 1), console.warn('[widgetry]', e));
};

/** Wraps what the page calls back (listeners, timers, history): nothing may throw into it. */
const guard =
  <A extends unknown[]>(f: (...a: A) => unknown) =>
  (...a: A) => {
    try {
      f(...a);
    } catch (e) {
      log(e);
    }
  };

export async function boot(w: LoaderWindow, d: LoaderDocument, load: ImportRuntime): Promise<void> {
  try {
    const prev = w.widgetry;
    // A second snippet (or a second copy of loader.js) finds the real API in place and stops.
    if (prev && prev.l) return;
    // Read before the first await: document.currentScript is only set while we run.
    const s = d.currentScript;
    const q: Command[] = (prev && prev.q) || [];
    const S: State[] = [];
    const L: PageListener[] = [];
    const user = {};
    const loc = w.location;
    // How the visitor arrived: kept for the whole page life, across SPA navigations.
    const landing = loc.search;
    const ref = d.referrer;
    const store = createStore(w);
    let ready: unknown;
    let ctx: MountContext & EmbedConfig;
    let origin!: string;
    /** scrollY and the time of the last scroll event, for the speed of a flick back up. */
    let y: number;
    let t: number;
    // An async script can run before the body is parsed; widgets need body (and inline
    // targets), so mounting waits for the DOM. The config fetch runs while the page parses.
    const dom = new Promise<unknown>((r) => (d.readyState == 'loading' ? d.addEventListener('DOMContentLoaded', r) : r(0)));

    /** Disarms a widget's trigger. */
    const stop = (x: State) => {
      clearTimeout(x.t);
      x.a = 0;
    };
    /** rt/{name}.js; pages in English get the English build (rt/en/). */
    const rt = (name: string) => load(origin + '/rt/' + (/^en/i.test(d.documentElement.lang) ? 'en/' : '') + name + '.js');
    const show = (x: State) => {
      stop(x);
      // One import per type: the browser's module map fetches each rt/{type}.js once (or
      // rt/solo/{type}.js, when the config says all widgets are of one type). Each widget fails
      // alone (catch per widget). The show is recorded for the frequency cap (rules.ts due();
      // nothing for "always") once the runtime is in, not before: when it first loads it reads
      // whether earlier page views stored anything (a returning visitor, runtime shell/events.ts);
      // a runtime that never came showed nothing.
      return (x.p = dom
        .then(() => rt((ctx.rt || '') + x.w.type))
        .then((m) => (x.r.session ? store(x.id, 1, '1') : x.r.every && store(x.id, 0, '' + Date.now()), (m as RuntimeModule).mount(x.w, ctx)))
        .catch(log));
    };
    /**
     * Calls a handle method once the widget is drawn (now, or when its import resolves). The
     * catch: a handle may lack the method (a cached older runtime) or throw; never the page's
     * problem.
     */
    const call = (x: State, k: keyof WidgetHandle) => x.p && x.p.then((h) => h && h[k]()).catch(log);
    // An explicit wish (a JS API call, a click on the licensee's selector): no cap, no trigger.
    const open = (x: State) => (x.p || show(x), call(x, 'open'));

    const evaluate = () => {
      const v = { url: loc, q: landing, ref, mobile: w.matchMedia(MOBILE_QUERY).matches, now: Date.now(), tz: ctx.tz };
      // guard per widget: one that cannot be evaluated (say, a time zone this browser lacks)
      // must not keep the others off the page.
      S.forEach(
        guard((x: State) => {
          const r = x.r;
          if ((x.m = targeted(r, v))) {
            // Click triggers need no arming: the click listener opens them while targeted.
            if (!x.p && !x.a && !r.click && due(x, store, v.now)) {
              x.a = 1;
              r.delay ? (x.t = setTimeout(() => show(x), r.delay * 1e3)) : r.scroll ? onScroll() : r.exit || show(x);
            }
          } else {
            // Not (or no longer) for this page: disarm, and take a shown widget away.
            stop(x);
            call(x, 'remove');
            x.p = 0;
          }
        }),
      );
    };

    /** Shows every armed widget that `ok` picks from its rules. */
    const fire = (ok: (r: EmbedRules) => unknown) => S.forEach((x) => x.a && ok(x.r) && show(x));
    // Scroll depth: 0 % at the top, 100 % at the bottom; a page too short to scroll is at 100 %
    // (the "+1" and max() keep the division finite and positive). Exit intent on touch screens,
    // which have no pointer to leave the window: a fast flick back up (over 2 px/ms, ~33 px a
    // frame), as OptinMonster, Wisepops and Getsitecontrol read it; reading upwards is far slower.
    const onScroll = () => {
      const up = w.matchMedia(MOBILE_QUERY).matches && y - w.scrollY > 2 * (Date.now() - t);
      y = w.scrollY;
      t = Date.now();
      fire((r) => r.scroll! <= ((y + 1) * 100) / Math.max(1, d.documentElement.scrollHeight - w.innerHeight + 1) || (up && r.exit));
    };

    // Unknown commands and ids are ignored: the page's calls must never throw.
    const run = (c: Command) => {
      // Commands are `arguments` objects (the stub's and ours), which are iterable.
      const [k, a, f] = c as unknown[];
      const x = S.find((y) => y.id == a);
      if (k == 'on') L.push([a, f]);
      // Backwards, so removing one entry does not skip the next.
      for (let i = L.length; k == 'off' && i--; ) L[i]![0] == a && L[i]![1] == f && L.splice(i, 1);
      k == 'identify' && Object.assign(user, a);
      // Debug mode and the owner's preview live in rt/debug.js (`k` is its name), fetched only when
      // asked for: the loader pays this line, not their code. On import the module reads the
      // widgets' state from `widgetry.l`, explains, and answers later widgetry('debug') calls
      // itself; an import that fails (debug mode only) is the browser's to report.
      k == 'debug' && rt(k as string);
      x && (k == 'open' ? open(x) : k == 'close' && (stop(x), call(x, 'close')));
    };
    const api: WidgetryApi = function () {
      try {
        // Before the config is in, keep the call for later, as the stub did.
        ready ? run(arguments) : q.push(arguments);
      } catch (e) {
        log(e);
      }
    };
    // The widgets' state, for rt/debug.js; an array is truthy, so it also marks the real function.
    api.l = S;
    w.widgetry = api;

    try {
      const site = s && s.dataset.site;
      // A thrown string, not an Error: shorter, and the log shows it just as well.
      if (!site) throw 'data-site?';
      // The API origin defaults to where loader.js came from; `new URL(...).origin` also
      // normalises a data-api written with a trailing slash or a path.
      // `s!`: `site` is only truthy when `s` is set (a type-level assertion, no bytes).
      origin = new URL(s!.dataset.api || s!.src || '', loc.href).origin;
      // The key is not URL-encoded: keys are [a-z0-9], and any other value is a 404 either way.
      // No `credentials: 'omit'`: the default sends no cookies to another origin, and no page
      // of a licensee's site shares ours (bytes for the debug hook below).
      const res = await w.fetch(origin + '/v1/sites/' + site + '/config');
      // Unknown or disabled site (404 and friends): silently nothing.
      if (res.ok) {
        const cfg = (await res.json()) as EmbedConfig;
        ctx = { ...cfg, api: origin, on: L, user };
        cfg.widgets.forEach((x) => S.push({ w: x, id: x.id, r: x.rules || {} }));
        // A widget runs an A/B test: rt/ab.js draws this page view's variant and makes each tested
        // entry that variant, rules included, before any rule is read (README "A/B tests").
        cfg.ab && (await rt(cfg.ab));
        // Our own listener: "never again after submit" needs to hear of submits.
        L.push(['submit', (e: PageEventDetail) => S.forEach((x) => x.id == e.widget && x.r.once && store(x.id + '.s', 0, '1'))]);
        // Scroll events cannot be cancelled, so the listener needs no `passive` flag.
        w.addEventListener('scroll', onScroll);
        // Exit intent: the pointer leaves the window through its top edge.
        d.addEventListener('mouseout', (e) => !e.relatedTarget && e.clientY! < 1 && fire((r) => r.exit));
        // Capture phase: the page stopping propagation must not swallow our trigger.
        d.addEventListener(
          'click',
          guard((e) => {
            // A click's target is an element (closest() exists); a bad selector throws into guard.
            const t = e.target as Element;
            S.forEach((x) => x.m && x.r.click && t.closest(x.r.click) && open(x));
          }),
          true,
        );
        // Single-page apps: re-run the rules after every route change. A macrotask later, so
        // the app has rendered the new route (inline widgets look for their selector).
        const later = () => setTimeout(evaluate);
        const h = w.history;
        (['pushState', 'replaceState'] as const).forEach((k) => {
          const f = h[k];
          h[k] = function (this: unknown) {
            f.apply(this, arguments as unknown as unknown[]);
            later();
          };
        });
        w.addEventListener('popstate', later);
        evaluate();
      }
    } catch (e) {
      log(e);
    }
    // ?widgetry_debug=… or ?widgetry_preview=… (contracts/core/debug.ts): as if the page asked,
    // also when the config was refused.
    /widgetry_/.test(landing) && rt('debug');
    // Replay what the page asked for before (or while) we loaded; from now on calls run at once.
    ready = 1;
    q.splice(0).forEach(run);
  } catch (e) {
    log(e);
  }
}

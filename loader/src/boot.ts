// The loader's whole behaviour, with the page's globals passed in, so it is testable in node
// and so the minifier can rename `window`/`document` to one letter (globals can't be renamed).
//
// Size notes (loader.js budget 1.5 KB gzipped): `==` instead of `===` where both sides are
// strings (one byte each); no classes, no helpers used once; no optional chaining or `??`
// (target es2018 would down-level them into longer code).
import type { EmbedConfig } from '../../server/src/contracts/embed.js';
// Type-only, erased at build: the runtime owns the mount contract and the loader obeys it.
import type { MountContext, RuntimeModule, WidgetHandle } from '../../widget-runtime/src/mount-context.js';
import { urlRuleMatches, type PageUrl } from './url-rule.js';

/** A queued call: the stub pushes `arguments`, so an array-like [command, ...args]. */
type Command = ArrayLike<unknown>;

/** `window.widgetry`: the queue stub from the snippet, later replaced by the real function. */
export interface WidgetryApi {
  (...args: unknown[]): void;
  q?: Command[];
  /** Set on the real function: the one global guard that makes the loader idempotent. */
  l?: 1;
}

export interface LoaderWindow {
  location: PageUrl;
  fetch(url: string, init: { credentials: 'omit' }): Promise<{ ok: boolean; json(): Promise<unknown> }>;
  widgetry?: WidgetryApi;
}

/** The script element that loaded us. SVG scripts have no `src`, hence optional. */
interface ScriptLike {
  dataset: DOMStringMap;
  src?: string;
}

export interface LoaderDocument {
  currentScript: ScriptLike | null;
  readyState: string;
  addEventListener(type: 'DOMContentLoaded', listener: () => void): void;
}

export type ImportRuntime = (url: string) => Promise<RuntimeModule>;

let logged: unknown;
/** Logs the first failure only: a broken embed must not flood the host page's console. */
const log = (e: unknown) => {
  logged || ((logged = 1), console.warn('[widgetry]', e));
};

export async function boot(w: LoaderWindow, d: LoaderDocument, load: ImportRuntime): Promise<void> {
  try {
    const prev = w.widgetry;
    // A second snippet (or a second copy of loader.js) finds the real API in place and stops.
    if (prev && prev.l) return;
    // Read before the first await: document.currentScript is only set while we run.
    const s = d.currentScript;
    const q: Command[] = (prev && prev.q) || [];
    const handles: Record<string, WidgetHandle | undefined> = {};
    let ready: unknown;
    // Unknown commands and ids are ignored: the page's calls must never throw.
    const run = (c: Command) => {
      const h = handles[c[1] as string];
      const k = c[0]; // `===` below: TypeScript narrows `unknown` to a literal only with it
      h && (k === 'open' || k === 'close') && h[k]();
    };
    const api: WidgetryApi = function () {
      try {
        // Before widgets are mounted, keep the call for later, as the stub did.
        ready ? run(arguments) : q.push(arguments);
      } catch (e) {
        log(e);
      }
    };
    api.l = 1;
    w.widgetry = api;

    try {
      const site = s && s.dataset.site;
      // A thrown string, not an Error: shorter, and the log shows it just as well.
      if (!site) throw 'no data-site on the script tag';
      // The API origin defaults to where loader.js came from; `new URL(...).origin` also
      // normalises a data-api written with a trailing slash or a path.
      // `s!`: `site` is only truthy when `s` is set (a type-level assertion, no bytes).
      const origin = new URL(s!.dataset.api || s!.src || '', w.location.href).origin;
      const res = await w.fetch(origin + '/v1/sites/' + encodeURIComponent(site) + '/config', { credentials: 'omit' });
      // Unknown or disabled site (404 and friends): silently nothing.
      if (res.ok) {
        const cfg = (await res.json()) as EmbedConfig;
        // Rules first: a page that shows nothing downloads no runtime code at all.
        const shown = cfg.widgets.filter((x) => urlRuleMatches(x.urlRule, w.location));
        // `shown[0]` rather than `shown.length`: same test, fewer bytes.
        if (shown[0]) {
          // An async script can run before the body is parsed; widgets need body (and inline
          // targets), so wait for the DOM. The config fetch above ran while the page parsed.
          await new Promise<void>((r) => (d.readyState == 'loading' ? d.addEventListener('DOMContentLoaded', r) : r()));
          const ctx: MountContext = { api: origin, site: cfg.site, badge: cfg.badge };
          // One import per widget: the browser's module map fetches each rt/{type}.js once.
          // Each widget fails alone (catch per widget).
          await Promise.all(
            shown.map((x) =>
              load(origin + '/rt/' + x.type + '.js')
                .then((m) => {
                  handles[x.id] = m.mount(x, ctx);
                })
                .catch(log),
            ),
          );
        }
      }
    } catch (e) {
      log(e);
    }
    // Replay what the page asked for before (or while) we loaded; from now on calls run at once.
    ready = 1;
    q.splice(0).forEach(run);
  } catch (e) {
    log(e);
  }
}

// The owner's preview on their own page (?widgetry_preview=<signed token>, made by the editor's
// "open on my site"): the draft, drawn at once — no trigger, no frequency cap, no URL rule — and
// with `preview: true`, so the runtime sends no impression, click or lead. The token works for
// this browser tab only: the first redemption binds it to a random key the tab keeps in
// sessionStorage (server/src/widgets/widgets/preview.ts), so a reload shows it again and a copied
// link shows nothing elsewhere. Refused tokens (expired, tampered, another browser's) draw nothing
// and say why in the console.
import type { LoaderWidgetState } from '#contracts/core/debug.js';
import type { EmbedConfig } from '#contracts/core/embed.js';
import type { RuntimeModule } from '#contracts/core/mount.js';
import { T } from './strings.js';

const KEY = 'widgetry_preview_key';
const say = (text: string) => console.info('[widgetry] ' + text);

function tabKey(): string {
  const fresh = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    return btoa(String.fromCharCode(...b))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  };
  try {
    let k = sessionStorage.getItem(KEY);
    if (!k) sessionStorage.setItem(KEY, (k = fresh()));
    return k;
  } catch {
    // Storage blocked: this page view alone can redeem (a reload is another browser then).
    return fresh();
  }
}

export async function previewOnPage(api: string, token: string): Promise<void> {
  const res = await fetch(api + '/v1/preview/' + encodeURIComponent(token) + '?k=' + tabKey());
  if (!res.ok) {
    const code = ((await res.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code;
    return say(code == 'code_expired' ? T.previewExpired : res.status == 403 ? T.previewForeign : T.previewInvalid);
  }
  const cfg = (await res.json()) as EmbedConfig;
  const w = cfg.widgets[0];
  if (!w) return say(T.previewInvalid);
  // The saved copy of the same widget, if the loader serves it here: taken off and kept off (a
  // settled `p` reads as "shown", so the loader never arms it again on this page).
  const live = (window as unknown as { widgetry?: { l?: LoaderWidgetState[] } }).widgetry?.l?.find((x) => x.id == w.id);
  if (live) {
    clearTimeout(live.t);
    live.a = 0;
    const shown = live.p;
    live.p = Promise.resolve(undefined);
    if (shown) shown.then((h) => h && h.remove()).catch(() => undefined);
  }
  // rt/{type}.js beside this module (rt/ or rt/en/, the same build as the page's).
  const m = (await import(/* @vite-ignore */ new URL('./' + w.type + '.js', import.meta.url).href)) as RuntimeModule;
  const h = await m.mount(w, { api, site: cfg.site, badge: cfg.badge, widgets: [w], on: [], user: {}, preview: true });
  say(h ? T.previewShown(w.id) : w.position == 'inline' ? T.inline(w.inlineSelector ?? '') : T.failed);
}

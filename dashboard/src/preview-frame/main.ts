// The live preview's page (dashboard/preview.html, framed by the widget editor). It plays the
// loader's part for one widget: loads the real built runtime /rt/{type}.js, as a customer's page
// would, and mounts the editor's draft. Nothing leaves this frame: the context says "preview"
// (the runtime then sends no events and no leads) and the frame's CSP allows no connections.
import type { FromFrame, ToFrame } from '../widgets/preview/protocol.js';
import { INLINE_SLOT_ID } from '../widgets/preview/protocol.js';
import './preview.css';

interface Handle {
  open(): void;
  close(): void;
  remove?(): void;
}
type Mount = (widget: unknown, ctx: unknown) => Handle | undefined;

const post = (m: FromFrame) => parent.postMessage(m, location.origin);
let current: Handle | undefined;
let generation = 0;

function clear(): void {
  current?.remove?.();
  current = undefined;
  // Whatever a runtime version left behind: its hosts carry this attribute.
  document.querySelectorAll('[data-widgetry-widget]').forEach((el) => el.remove());
  document.getElementById(INLINE_SLOT_ID)!.hidden = true;
}

async function show(m: Extract<ToFrame, { kind: 'wg-preview:show' }>): Promise<void> {
  const mine = ++generation;
  let widget = m.widget;
  if (widget.position === 'inline') {
    // The licensee's selector names an element of their pages; here it is our slot.
    widget = { ...widget, inlineSelector: `#${INLINE_SLOT_ID}` };
  }
  let mount: Mount;
  // The loader's choice on a customer's page (<html lang="en…"> gets rt/en/): an English dashboard previews in English.
  const build = m.lang === 'en' ? 'en/' : '';
  try {
    mount = ((await import(/* @vite-ignore */ `${location.origin}/rt/${build}${widget.type}.js`)) as { mount: Mount }).mount;
  } catch {
    if (mine === generation) post({ kind: 'wg-preview:failed', reason: 'runtime' });
    return;
  }
  // A newer draft arrived while this runtime loaded: it wins.
  if (mine !== generation) return;
  clear();
  document.documentElement.lang = m.lang;
  if (widget.position === 'inline') document.getElementById(INLINE_SLOT_ID)!.hidden = false;
  // The MountContext of contracts/core/mount.ts, built as the loader builds it.
  const ctx = { api: location.origin, site: 'preview', badge: m.badge, preview: true, on: [], user: {} };
  current = mount(widget, ctx);
  post(current ? { kind: 'wg-preview:shown', widgetId: widget.id } : { kind: 'wg-preview:failed', reason: 'nothing' });
}

addEventListener('message', (e: MessageEvent<ToFrame>) => {
  if (e.origin !== location.origin || e.source !== parent) return;
  if (e.data?.kind === 'wg-preview:show') void show(e.data);
  else if (e.data?.kind === 'wg-preview:clear') {
    generation++;
    clear();
  }
});

// Links inside the preview do not navigate away (the shadow roots are open, so the click's
// path reaches the <a>): the licensee is trying the widget, not leaving for its target.
document.addEventListener(
  'click',
  (e) => {
    if (e.composedPath().some((n) => n instanceof HTMLAnchorElement && n.href)) e.preventDefault();
  },
  true,
);

post({ kind: 'wg-preview:ready' });

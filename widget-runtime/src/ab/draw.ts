// The A/B draw of rt/ab.js (README "A/B tests"), with the page's globals passed in, so it is
// testable in node. For each tested widget it picks this page view's variant
// (contracts/core/ab.ts) and turns the loader's entry into that variant in place — rules,
// content, position, all of it — so the config's list, by which the layout manager ranks the
// widgets, holds the very object the runtime draws. Nothing is stored for the draw itself: the
// variant goes into the frequency storage only once the visitor clicks, closes or submits the
// widget (the runtime's page events), and is shown again on later page views.
import { pickVariant } from '#contracts/core/ab.js';
import type { LoaderWidgetState } from '#contracts/core/debug.js';
import type { Store } from '#contracts/core/frequency-store.js';
import type { PageEventDetail } from '#contracts/core/mount.js';

/** Where the runtime dispatches its `widgetry:{event}` DOM events: the document. */
export interface PageEvents {
  addEventListener(type: string, listener: (e: Event) => void): void;
}

export function drawVariants(states: LoaderWidgetState[], store: Store, random: () => number, page: PageEvents): void {
  const drawn = new Map<string, string>();
  for (const x of states) {
    const w = x.w as LoaderWidgetState['w'] & Record<string, unknown>;
    if (!w.ab) continue;
    const chosen = pickVariant(w, store(x.id + '.v', 0), random() * 100);
    if (chosen != w) {
      for (const k of Object.keys(w)) delete w[k];
      Object.assign(w, chosen);
    }
    delete w.ab;
    x.r = w.rules || {};
    drawn.set(x.id, w.v!);
  }
  // The runtime dispatches these for every widget (shell/notify.ts); a `show` is no interaction.
  for (const name of ['click', 'close', 'submit'])
    page.addEventListener('widgetry:' + name, (e) => {
      const id = (e as CustomEvent<PageEventDetail>).detail.widget;
      const v = drawn.get(id);
      v && store(id + '.v', 0, v);
    });
}

// Waiting for a page to be done with what it started, instead of sleeping: the loader's decisions
// and drawing, and the layout (fonts, relayouts, a fling) coming to rest.
import type { Page } from 'playwright-core';

/**
 * Waits until the page's fonts are in and nothing on it (the widget hosts, the page's own blocks,
 * the scroll position) has moved for five animation frames: the last relayout, or a fling, is over.
 */
export async function layoutSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const boxes = () =>
      JSON.stringify([
        scrollX,
        scrollY,
        ...[...document.querySelectorAll('body > *, widgetry-widget')].map((e) => {
          const r = e.getBoundingClientRect();
          return [r.x, r.y, r.width, r.height];
        }),
      ]);
    let last = boxes();
    // At most about ten seconds of frames: something that never stops moving is for the assertions to judge.
    for (let still = 0, frames = 0; still < 5 && frames < 600; frames++) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = boxes();
      still = now === last ? still + 1 : 0;
      last = now;
    }
  });
}

/** The loader's state of each widget (LoaderWidgetState in contracts/core/debug.ts, what the debug explainer reads). */
type LoaderStates = { widgetry?: { l?: { m?: boolean; p?: Promise<unknown> | 0 }[] } };

/**
 * Waits until the loader has its config and has read every widget's rules (each is off this page,
 * shown, or armed for its trigger), then until what it shows is drawn and has been handed what
 * the page asked of it so far (widgetry('open', …) runs on the drawn widget, in order).
 */
export async function loaderSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const states = (window as unknown as LoaderStates).widgetry?.l;
    return !!states?.length && states.every((x) => x.m !== undefined);
  });
  await page.evaluate(() => Promise.all(((window as unknown as LoaderStates).widgetry?.l ?? []).map((x) => (x.p ? x.p.then(() => 0) : 0))));
}

// Tells everyone who listens that something happened to a widget: the server (click and close
// beacons), the page (widgetry('on', …) handlers and `widgetry:{name}` DOM events) and, when
// the site enabled them, Google Tag Manager's dataLayer and Yandex.Metrica goals.
// Never personal data: the detail is the widget's id and type, nothing the visitor typed.
import type { EmbedWidget } from '#contracts/core/embed.js';
import type { MountContext, PageEventDetail, PageEventName } from '#contracts/core/mount.js';
import { track } from './events.js';
import { log } from './log.js';

/** The page's analytics globals, as far as we touch them. */
interface AnalyticsGlobals {
  dataLayer?: unknown[];
  ym?: (counter: number, method: 'reachGoal', goal: string, params: object) => void;
}

export function notify(ctx: MountContext, w: EmbedWidget, name: PageEventName): void {
  // Impressions are counted by visibility (impression.ts); a submit (the server took the lead)
  // is the funnel's step before the lead the server counts where it stores it.
  name != 'show' && track(ctx, w, name);
  const detail: PageEventDetail = { widget: w.id, type: w.type };
  // A page handler that throws (or is not a function) must not stop the others: logged once.
  for (const [n, f] of ctx.on) {
    try {
      n == name && (f as (d: PageEventDetail) => void)(detail);
    } catch (e) {
      log(e);
    }
  }
  try {
    document.dispatchEvent(new CustomEvent('widgetry:' + name, { detail }));
    if (name != 'close') {
      const g = window as AnalyticsGlobals;
      const goal = 'widgetry_' + name;
      // GTM reads the detail as the data-layer variables "widgetry.widget" and "widgetry.type".
      if (ctx.dataLayer) (g.dataLayer = g.dataLayer || []).push({ event: goal, widgetry: detail });
      // Metrica's snippet defines ym() as a queue before its tag loads, so early goals are kept.
      if (ctx.metrika && typeof g.ym == 'function') g.ym(ctx.metrika, 'reachGoal', goal, detail);
    }
  } catch (e) {
    log(e);
  }
}

// The contract between loader.js and the runtime modules rt/{type}.js (types only).
import type { EmbedConfig, EmbedWidget } from './embed.js';

/** What the page can listen to: widgetry('on', name, fn) and `widgetry:{name}` DOM events. */
export type PageEventName = 'show' | 'click' | 'close' | 'submit';

/** The detail of every page event: which widget, never what the visitor typed. */
export interface PageEventDetail {
  widget: string;
  type: EmbedWidget['type'];
}

/** [event name, handler] as the page registered it; names and handlers are the page's values. */
export type PageListener = [name: unknown, handler: unknown];

/** What the loader hands every widget; one object per page, shared by all its widgets. */
export interface MountContext {
  /** API origin without a trailing slash, e.g. "https://widgetry.ru"; events and leads go here. */
  api: string;
  /** Site key as echoed by the config; addresses events and leads. */
  site: string;
  /**
   * Every widget of the config, in the owner's order (the loader passes the config on): the
   * layout manager stacks widgets that share a slot in this order. Absent in the preview.
   */
  widgets?: EmbedWidget[];
  /** Several widgets of the site take a slot (EmbedConfig['lm']): the layout manager has work on every page. */
  lm?: EmbedConfig['lm'];
  /** From the server config only (the tariff decides); null means no badge. */
  badge: EmbedConfig['badge'];
  /** Site settings: push show/click/submit to window.dataLayer / Yandex.Metrica reachGoal. */
  dataLayer?: EmbedConfig['dataLayer'];
  metrika?: EmbedConfig['metrika'];
  /** widgetry('on'|'off') listeners, live: the loader adds and removes while widgets run. */
  on: PageListener[];
  /**
   * widgetry('identify', traits): values that prefill form fields of the same key or kind
   * (name, phone, email). Kept in memory only; they leave the page only inside a lead the
   * visitor reviewed and submitted.
   */
  user: Record<string, unknown>;
  /**
   * Set by the dashboard's live preview only: nothing leaves the page — no impression, click or
   * close events, no lead (a submitted form just shows its thank-you text). Previews must never
   * count against the tariff or store personal data (SPEC §7).
   */
  preview?: true;
}

/** Returned by mount(); backs the page's widgetry('open' | 'close', id) and SPA navigation. */
export interface WidgetHandle {
  /** Shows the widget; a popup opens its dialog, callback and messengers buttons expand. */
  open(): void;
  close(): void;
  /** Takes the widget off the page for good (the page navigated to where it is not shown). */
  remove(): void;
}

/**
 * The one export of every rt/{type}.js. Returns undefined when nothing was drawn (wrong type
 * for this module, or an inline widget whose selector matches nothing on this page); a promise
 * when the type first loads what it draws with (the lead form of rt/form.js).
 */
export type MountFn = (widget: EmbedWidget, ctx: MountContext) => WidgetHandle | undefined | Promise<WidgetHandle | undefined>;

export interface RuntimeModule {
  mount: MountFn;
}

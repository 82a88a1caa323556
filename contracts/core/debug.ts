// Self-diagnosis of the embed (SPEC §11): why a widget does or does not show on a page. The
// server states what only it knows (GET /v1/sites/{siteKey}/debug, asked only by debug mode);
// the explainer (rt/debug.js, fetched by the loader on demand) adds what only the page knows,
// from the loader's own state and the one rule evaluator (display-rules.ts).
import type { EmbedConfig, EmbedRules, EmbedWidget } from './embed.js';
import type { WidgetHandle } from './mount.js';

/**
 * Why the server does not serve a widget to this page, first reason first. `null`: it is served.
 * - domain_not_registered: the page's host is not one of the site's domains (nothing is served);
 * - account_blocked / widget_blocked: the operator blocked it (the dashboard shows the reason);
 * - period_expired: the paid period ended unpaid and the widget was switched off with the rest;
 * - widget_off: its owner switched it off;
 * - type_not_in_tariff / limit_widgets: the tariff does not cover it (its type, or more active
 *   widgets than the tariff allows after a downgrade: the oldest are served);
 * - impression_cap: the account used the period's impressions (`resetsAt`: the next period);
 * - not_drawable: nothing to draw (a countdown that has run out).
 */
export const SERVE_REASONS = [
  'domain_not_registered',
  'account_blocked',
  'widget_blocked',
  'period_expired',
  'widget_off',
  'type_not_in_tariff',
  'limit_widgets',
  'impression_cap',
  'not_drawable',
] as const;
export type ServeReason = (typeof SERVE_REASONS)[number];

/** GET /v1/sites/{siteKey}/debug: this site only, and widget names only to the site's own pages. */
export interface SiteDiagnosis {
  site: string;
  /** The page's host as the server saw it (Origin, else Referer); null when neither was sent. */
  host: string | null;
  /** A reason that holds for every widget of the site on this page (the domain). */
  reason: ServeReason | null;
  /** The site's IANA time zone, in which schedules are read. */
  tz: string;
  widgets: WidgetDiagnosis[];
}

export interface WidgetDiagnosis {
  id: string;
  type: EmbedWidget['type'];
  /** The owner's name for it; left out when the page is not on one of the site's domains. */
  name?: string;
  reason: ServeReason | null;
  /** impression_cap: when the next period starts (ms). */
  resetsAt?: number;
}

/** One widget of the config as the loader tracks it on the page (loader/src/boot.ts). */
export interface LoaderWidgetState {
  w: EmbedWidget;
  id: string;
  /** Its rules, `{}` when it has none. */
  r: EmbedRules;
  /** The rules target the current page. */
  m?: boolean;
  /** Armed: waiting for its delay, scroll depth or exit intent. */
  a?: 0 | 1;
  /** The delay's timer. */
  t?: ReturnType<typeof setTimeout>;
  /** Shown: resolves to the mounted handle (undefined if it could not be drawn). 0: not shown. */
  p?: Promise<WidgetHandle | undefined | void> | 0;
}

/**
 * The one export of rt/debug.js, called by the loader on widgetry('debug') and on a page opened
 * with ?widgetry_debug=… or ?widgetry_preview=…. It reads the loader's state from `widgetry.l`
 * and finds the rest itself (the script tag, the storage, the runtime beside its own URL): the
 * call costs the loader a few bytes and the explainer's code costs it none.
 */
export interface DebugModule {
  debug(): void;
}

/** The query parameters that wake debug mode and the owner's preview on a page. */
export const DEBUG_PARAM = 'widgetry_debug';
export const PREVIEW_PARAM = 'widgetry_preview';

/** POST /v1/preview: a draft widget for the owner's browser, redeemed with its signed token. */
export interface PreviewRedeem {
  token: string;
  /** A random key this browser tab made; the first redemption binds the token to it. */
  key: string;
}
export interface PreviewAnswer {
  config: EmbedConfig;
}

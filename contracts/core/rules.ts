// Display rules of a widget (SPEC §6) as the licensee edits them. The loader evaluates the same
// rules (display-rules.ts) from their compact wire form (EmbedRules in embed.ts), before any
// runtime code is fetched; the server validates (schemas/rules.ts) and stores them.

export const URL_MATCHES = ['any', 'equals', 'contains', 'starts_with', 'wildcard'] as const;
export type UrlMatch = (typeof URL_MATCHES)[number];

/**
 * The legacy single URL rule (issue 2), still accepted and stored as `urlRule`; the config
 * builder folds it into the include list, so the loader knows one shape only.
 */
export interface UrlRule {
  match: UrlMatch;
  value: string;
}

/** One entry of an include/exclude/referrer list: "any" would make a list meaningless. */
export interface UrlCondition {
  match: Exclude<UrlMatch, 'any'>;
  value: string;
}

export const DEVICES = ['all', 'desktop', 'mobile'] as const;
export type Device = (typeof DEVICES)[number];

export type Trigger =
  | { kind: 'load' }
  /** Seconds after the page (or, in a single-page app, the route) was opened. */
  | { kind: 'delay'; seconds: number }
  /** Percent of the page scrolled (0 % at the top, 100 % at the bottom). */
  | { kind: 'scroll'; percent: number }
  /**
   * The pointer leaves the window through its top edge (towards the tabs or the address bar);
   * on phones and tablets, which have no pointer, a fast flick of the page back up.
   */
  | { kind: 'exit' }
  /** A click on an element matching the selector (e.g. the site's own "call me back" button). */
  | { kind: 'click'; selector: string };

export const FREQUENCIES = ['always', 'session', 'days'] as const;
export interface Frequency {
  /** always: every page view; session: once per browser-tab session; days: once per `days` days. */
  kind: (typeof FREQUENCIES)[number];
  days: number;
  /** Never again on this browser once the visitor has submitted the widget's form. */
  stopAfterSubmit: boolean;
}

/** Dates, days and hours in the site's time zone (the site's `timezone` setting). */
export interface Schedule {
  /** First day shown, inclusive, YYYY-MM-DD. */
  from?: string | undefined;
  /** Last day shown, inclusive, YYYY-MM-DD. */
  to?: string | undefined;
  /** ISO days of the week, 1 = Monday … 7 = Sunday; empty = every day. */
  weekdays: number[];
  /** Daily window, HH:MM; `from` after `to` spans midnight (22:00–06:00). `to` is exclusive. */
  hours?: { from: string; to: string } | undefined;
}

export const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
export interface UtmCondition {
  param: (typeof UTM_PARAMS)[number];
  match: UrlCondition['match'];
  value: string;
}

/**
 * Every list is "any of": the page URL must match one include condition (none = every page)
 * and no exclude condition; the visit must match one UTM condition and one referrer condition
 * when those lists are not empty. UTM tags and the referrer are those of the visitor's landing
 * page (kept across single-page-app navigations; a full page load reads its own).
 */
export interface DisplayRules {
  url: { include: UrlCondition[]; exclude: UrlCondition[] };
  device: Device;
  trigger: Trigger;
  frequency: Frequency;
  schedule: Schedule;
  utm: UtmCondition[];
  referrer: UrlCondition[];
}

/** What a widget created without rules gets: every page, every device, on load, always. */
export const DEFAULT_RULES: DisplayRules = {
  url: { include: [], exclude: [] },
  device: 'all',
  trigger: { kind: 'load' },
  frequency: { kind: 'always', days: 1, stopAfterSubmit: false },
  schedule: { weekdays: [] },
  utm: [],
  referrer: [],
};

// Wire formats of the public embed API: the site config the loader fetches, the events
// beacon and the lead submission. Plain types and limits: the loader and runtime import them;
// schemas/embed.ts validates what arrives.
import type { ChannelKind } from './messengers.js';
import type { UrlCondition, UrlRule, UtmCondition } from './rules.js';
import type { BannerContent, CallbackContent, ChatContent, Colors, FormContent, PopupContent, Position, QuizContent, TimerContent } from './widget.js';

/**
 * Display rules on the wire, flat and short (the loader reads every name, and its budget is
 * 2 KB): only what differs from "every page, every device, on load, always" is sent, so most
 * widgets carry a few bytes or nothing. Built by toEmbedRules (embed-widget.ts) from the stored
 * DisplayRules (rules.ts, where the semantics are documented).
 */
export interface EmbedRules {
  /** The page URL matches one of these (absent: every page)… */
  url?: UrlRule[];
  /** …and none of these. */
  notUrl?: UrlCondition[];
  device?: 'desktop' | 'mobile';
  /** The trigger, at most one of these; none: on load. Seconds after the page opened. */
  delay?: number;
  /** Percent of the page scrolled. */
  scroll?: number;
  /** Exit intent. */
  exit?: 1;
  /** A click on an element matching this selector. */
  click?: string;
  /** Frequency: once per browser-tab session… */
  session?: 1;
  /** …or once per this many days; neither: every page view. */
  every?: number;
  /** Never again on this browser after a submit. */
  once?: 1;
  /** Schedule in the config's `tz`: first and last day (YYYY-MM-DD, inclusive)… */
  from?: string;
  to?: string;
  /** …ISO weekdays (1 = Monday)… */
  weekdays?: number[];
  /** …and a daily [from, to) window in HH:MM, spanning midnight when from > to. */
  hours?: [string, string];
  /** The landing page's UTM tags match one of these. */
  utm?: UtmCondition[];
  /** The referrer matches one of these (a direct visit matches none). */
  ref?: UrlCondition[];
}

interface EmbedWidgetBase {
  id: string;
  position: Position;
  inlineSelector?: string;
  /** The licensee's colours, plus the text colour that reads on the accent (server-computed). */
  colors: Colors & { onAccent: string };
  rules?: EmbedRules;
  /**
   * An A/B test of this widget (ab.ts): the config's entry is variant A with its id `v` and its
   * share `p` of page views in percent, and `ab` holds the other variants, each a whole widget of
   * the same id and type with its own `v` and `p`. The loader draws one per page view.
   */
  v?: string;
  p?: number;
  ab?: EmbedWidget[];
}
/** Types that collect personal data carry the consent wording the server decided. */
interface LeadWording {
  /** Consent label shown next to the checkbox, decided by the server (one source of truth). */
  consentText: string;
  marketingText?: string;
}
export interface EmbedBannerWidget extends EmbedWidgetBase {
  type: 'banner';
  content: BannerContent;
}
export interface EmbedFormWidget extends EmbedWidgetBase, LeadWording {
  type: 'form';
  content: FormContent;
}
export interface EmbedPopupWidget extends EmbedWidgetBase, LeadWording {
  type: 'popup';
  content: PopupContent;
}
export interface EmbedCallbackWidget extends EmbedWidgetBase, LeadWording {
  type: 'callback';
  content: CallbackContent;
}
export interface EmbedMessengersWidget extends EmbedWidgetBase {
  type: 'messengers';
  content: {
    buttonText: string;
    title: string;
    /** Links built by the server (contracts/messengers.ts): https: or tel: only. */
    channels: { kind: ChannelKind; href: string; label: string }[];
  };
}
export interface EmbedTimerWidget extends EmbedWidgetBase {
  type: 'timer';
  content: Omit<TimerContent, 'endsAt'> & {
    /** The end as ms since the epoch (the server resolved the site's time zone). */
    end: number;
  };
}
export interface EmbedQuizWidget extends EmbedWidgetBase, LeadWording {
  type: 'quiz';
  content: QuizContent;
}
export interface EmbedChatWidget extends EmbedWidgetBase, LeadWording {
  type: 'chat';
  content: ChatContent;
}
export type EmbedWidget = EmbedBannerWidget | EmbedFormWidget | EmbedPopupWidget | EmbedCallbackWidget | EmbedMessengersWidget | EmbedTimerWidget | EmbedQuizWidget | EmbedChatWidget;
/** Widgets whose runtime draws the lead form. */
export type EmbedLeadWidget = EmbedFormWidget | EmbedPopupWidget | EmbedCallbackWidget | EmbedQuizWidget | EmbedChatWidget;

/** GET /v1/sites/{siteKey}/config */
export interface EmbedConfig {
  /** Site key, echoed so the runtime can address events and leads. */
  site: string;
  /** Tariff decides; the page cannot switch it off. */
  badge: { text: string; url: string } | null;
  widgets: EmbedWidget[];
  /** The site's IANA time zone, sent when a widget has a schedule (evaluated in it). */
  tz?: string;
  /** Push show/click/submit to window.dataLayer (site setting). */
  dataLayer?: true;
  /** Yandex.Metrica counter for reachGoal (site setting). */
  metrika?: number;
  /**
   * Set when a widget runs an A/B test: the runtime module (rt/ab.js) the loader imports and
   * waits for before it reads any rule, which draws each tested widget's variant.
   */
  ab?: 'ab';
  /**
   * 'solo/' when every widget is of one type: the loader imports rt/solo/{type}.js, the type
   * with the shell in one file, instead of rt/{type}.js and the chunk the types share.
   */
  rt?: 'solo/';
  /**
   * Set when two or more widgets of the site take a slot (any type but the pop-up, a modal
   * dialog queued on its own): the runtime then fetches the layout manager on every page, not
   * only for a bar (a lone card or button needs none, on a phone either: it is folded there by
   * widget-runtime/src/shell/fold.ts). Decided here rather than by counting the config's widgets in
   * the runtime: a site of a form and an exit pop-up spares its pages the manager's ~2 KB, at no
   * byte of runtime code.
   */
  lm?: 1;
}

/**
 * What a beacon reports of a widget, each at most once per widget and page view: `impression`
 * (at least half of it on screen), `click` (its main button or link), `close`, and the funnel's
 * steps between showing and the lead the server stores: `interact` (the visitor opened,
 * clicked or answered anything in it — not its close control), `start` (typed or chose a first
 * value in its form), `submit` (sent the form and the server took it; the lead itself is counted
 * where it is stored). The runtime sends them as README "Funnel and breakdowns" says.
 */
export const EVENT_TYPES = ['impression', 'click', 'close', 'interact', 'start', 'submit'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const MAX_EVENTS_PER_BATCH = 50;
/** Longest page path and traffic source a beacon carries (longer ones are cut, not refused). */
export const EVENT_PATH_MAX = 200;
export const EVENT_SOURCE_MAX = 100;

/** One event. Optional fields may be added (an old runtime keeps sending what it knows). */
export interface EmbedEvent {
  widget: string;
  type: EventType;
  /** The A/B variant the page showed (absent when the widget runs no test). */
  v?: string | undefined;
}

/**
 * POST /v1/events — sent as a text/plain beacon (no CORS preflight). The optional fields describe
 * the page view for the statistics' breakdowns; nothing in them identifies the visitor, and the
 * server keeps only counts per day (see stats/breakdowns.ts).
 */
export interface EventsBatch {
  site: string;
  events: EmbedEvent[];
  /** The page's path, without query or fragment (which may carry personal data). */
  path?: string | undefined;
  /** The page's utm_source, else the referrer's host; empty or absent for a direct visit. */
  source?: string | undefined;
  /** This browser already held the loader's frequency storage from an earlier page view. */
  returning?: boolean | undefined;
}

export const LEAD_BODY_LIMIT_BYTES = 16 * 1024;
/** Longest page URL and referrer a lead carries (a longer tracking URL is cut, not refused, by the form). */
export const LEAD_URL_MAX = 2000;

/** POST /v1/leads — text/plain or application/json. */
export interface LeadSubmission {
  site: string;
  widget: string;
  fields: Record<string, string | boolean>;
  /** The personal-data consent box; must be ticked by the visitor. */
  consent: true;
  marketingConsent?: boolean | undefined;
  /** Honeypot: a field hidden from people; bots fill it. */
  hp?: string | undefined;
  /** Milliseconds between the form being shown and submitted. */
  elapsedMs: number;
  page?: string | undefined;
  referrer?: string | undefined;
  /** The chat's offline form: the token of the visitor's conversation, which the lead then carries. */
  chat?: string | undefined;
  /** The A/B variant the visitor saw (absent when the widget runs no test). */
  v?: string | undefined;
}

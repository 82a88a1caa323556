// A stored widget → what the loader and runtime receive (EmbedWidget). Pure, so the server's
// config (server/src/widgets/embed/config.ts) and the dashboard's live preview build the very same
// thing: rules in their compact wire form, messenger links, timer instants, the consent wording.
import type { EmbedRules, EmbedWidget } from './embed.js';
import { CHANNEL_LABELS, channelHref } from './messengers.js';
import type { DisplayRules, UrlRule } from './rules.js';
import { zonedTimeToInstant } from './timezone.js';
import type { BannerContent, CallbackContent, ChatContent, Colors, FormContent, MessengersContent, PopupContent, Position, QuizContent, TimerContent } from './widget.js';
import { CONSENT_LABEL, MARKETING_LABEL } from './consent-labels.js';

/**
 * The consent labels next to every consent checkbox (Russian; the English build of the runtime
 * shows the English ones of consent-labels.ts); the server records the hash of the wording shown with each lead.
 */
export { CONSENT_LABEL, MARKETING_LABEL };

/** Black or white text on the accent colour, whichever reads better (YIQ brightness). */
export function readableOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return (n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114 > 150000 ? '#111' : '#fff';
}

/**
 * Display rules → their wire form: defaults are left out, and the legacy single `urlRule` is
 * folded into the include list, so the loader evaluates one shape only. Undefined: no rules.
 */
export function toEmbedRules(rules: DisplayRules | undefined, urlRule: UrlRule | undefined): EmbedRules | undefined {
  const out: EmbedRules = {};
  const url: UrlRule[] = [...(rules?.url.include ?? [])];
  if (urlRule && urlRule.match !== 'any') url.push(urlRule);
  if (url.length > 0) out.url = url;
  if (rules) {
    if (rules.url.exclude.length > 0) out.notUrl = rules.url.exclude;
    if (rules.device !== 'all') out.device = rules.device;
    const t = rules.trigger;
    if (t.kind === 'delay') out.delay = t.seconds;
    else if (t.kind === 'scroll') out.scroll = t.percent;
    else if (t.kind === 'exit') out.exit = 1;
    else if (t.kind === 'click') out.click = t.selector;
    const f = rules.frequency;
    if (f.kind === 'session') out.session = 1;
    else if (f.kind === 'days') out.every = f.days;
    if (f.stopAfterSubmit) out.once = 1;
    const { from, to, weekdays, hours } = rules.schedule;
    if (from) out.from = from;
    if (to) out.to = to;
    // Every weekday ticked is the same as none: leave it out.
    const days = [...new Set(weekdays)].sort();
    if (days.length > 0 && days.length < 7) out.weekdays = days;
    if (hours) out.hours = [hours.from, hours.to];
    if (rules.utm.length > 0) out.utm = rules.utm;
    if (rules.referrer.length > 0) out.ref = rules.referrer;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A widget as stored or drafted: its type and definition (WidgetInput has all of this). */
export interface WidgetSource {
  type: string;
  position: Position;
  inlineSelector?: string | undefined;
  colors: Colors;
  content: unknown;
  /** Absent from widgets stored before display rules existed (the preview may leave both out). */
  rules?: DisplayRules | undefined;
  urlRule?: UrlRule | undefined;
}

const consentWording = (content: { marketingConsent: boolean }) => ({
  consentText: CONSENT_LABEL,
  ...(content.marketingConsent ? { marketingText: MARKETING_LABEL } : {}),
});

/**
 * What the runtime needs to draw one widget; null when there is nothing to draw: a timer that
 * has run out (or whose end is not a date), or a type this build cannot draw.
 * `tz` is the site's time zone (timer ends are wall-clock times in it).
 */
export function toEmbedWidget(id: string, w: WidgetSource, tz: string, now: number): EmbedWidget | null {
  const { position, inlineSelector, colors, content } = w;
  const wire = toEmbedRules(w.rules, w.urlRule);
  const base = { id, position, colors: { ...colors, onAccent: readableOn(colors.accent) }, ...(inlineSelector ? { inlineSelector } : {}), ...(wire ? { rules: wire } : {}) };
  switch (w.type) {
    case 'form':
      return { ...base, type: 'form', content: content as FormContent, ...consentWording(content as FormContent) };
    case 'popup':
      return { ...base, type: 'popup', content: content as PopupContent, ...consentWording(content as PopupContent) };
    case 'callback':
      return { ...base, type: 'callback', content: content as CallbackContent, ...consentWording(content as CallbackContent) };
    case 'quiz':
      return { ...base, type: 'quiz', content: content as QuizContent, ...consentWording(content as QuizContent) };
    case 'chat':
      return { ...base, type: 'chat', content: content as ChatContent, ...consentWording(content as ChatContent) };
    case 'messengers': {
      const c = content as MessengersContent;
      const channels = c.channels.flatMap((ch) => {
        const href = channelHref(ch.kind, ch.value);
        return href ? [{ kind: ch.kind, href, label: ch.label || CHANNEL_LABELS[ch.kind] }] : [];
      });
      return { ...base, type: 'messengers', content: { buttonText: c.buttonText, title: c.title, channels } };
    }
    case 'timer': {
      const { endsAt, ...rest } = content as TimerContent;
      let end = NaN;
      try {
        end = zonedTimeToInstant(endsAt, tz);
      } catch {
        // An unknown zone (a draft being typed): nothing to count down to.
      }
      // A countdown that has run out shows nothing: no bytes, no impression.
      return end > now ? { ...base, type: 'timer', content: { ...rest, end } } : null;
    }
    case 'banner':
      return { ...base, type: 'banner', content: content as BannerContent };
    default:
      return null;
  }
}

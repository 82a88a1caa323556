// The display-rule evaluator (SPEC §6), one implementation for every part: the loader runs it
// before any runtime code is fetched, the debug explainer (rt/debug.js) and the editor's "would it
// show here?" ask it why not (firstMiss). targeted(): which pages and visits a widget is for (URL
// include/exclude, device, UTM tags, referrer, schedule in the site's time zone); re-run on every single-page-app navigation, and a shown widget that stops
// being targeted is removed. due(): the frequency cap, asked only before a widget would show on
// its own (a click or a JS API call is the visitor's or the page's explicit wish and bypasses it).
// The trigger (when to show) is the loader's business (loader/src/boot.ts).
// Rules arrive in their flat wire form (EmbedRules); `{}` means none.
// Size (the loader bundles targeted, inSchedule and due): `==` where both sides have the same
// type; no optional chaining (es2018 target).
import type { EmbedRules } from './embed.js';
import type { Store } from './frequency-store.js';
import { textMatches, urlRuleMatches, type PageUrl } from './url-match.js';

/** What the rules read about the page and the visit. */
export interface Visit {
  url: PageUrl;
  /** The landing page's query string: UTM tags survive single-page-app navigations. */
  q: string;
  /** document.referrer as the page was loaded. */
  ref: string;
  mobile: boolean;
  now: number;
  /** The site's IANA time zone (sent with the config when a widget has a schedule). */
  tz: string | undefined;
}

/** Phones, and any touch-first device (tablets, phones in landscape): the "mobile" of the rules. */
export const MOBILE_QUERY = '(max-width:767px),(pointer:coarse)';

/** `!l || l.some(f)`: an absent list places no condition. */
const any = <T>(l: T[] | undefined, f: (x: T) => boolean) => !l || l.some(f);

export function targeted(r: EmbedRules, v: Visit): boolean {
  return (
    any(r.url, (c) => urlRuleMatches(c, v.url)) &&
    !(r.notUrl || []).some((c) => urlRuleMatches(c, v.url)) &&
    (!r.device || (r.device == 'mobile') == v.mobile) &&
    any(r.utm, (c) => textMatches(c.match, c.value, new URLSearchParams(v.q).get(c.param))) &&
    // A direct visit has no referrer and matches no referrer condition.
    any(r.ref, (c) => !!v.ref && urlRuleMatches(c, new URL(v.ref))) &&
    // The clock is read only for a schedule: no time-zone work for most widgets.
    (!(r.from || r.to || r.weekdays || r.hours) || inSchedule(r, v))
  );
}

/**
 * The conditions targeted() checks, by the wire keys each reads, in the order a reason is
 * reported. Triggers and frequency (delay, scroll, exit, click, session, every, once) are not
 * conditions of the page: the loader's state tells about them.
 */
export const RULE_CONDITIONS = {
  url: ['url', 'notUrl'],
  device: ['device'],
  utm: ['utm'],
  ref: ['ref'],
  schedule: ['from', 'to', 'weekdays', 'hours'],
} as const satisfies Record<string, readonly (keyof EmbedRules)[]>;
export type RuleMiss = keyof typeof RULE_CONDITIONS;

/**
 * The first condition the visit fails, or undefined when the widget is for this page: targeted()
 * itself, asked about one condition at a time, so the reason can never disagree with the loader.
 * (The loader does not bundle it: the explainer and the editor ask.)
 */
export function firstMiss(r: EmbedRules, v: Visit): RuleMiss | undefined {
  return (Object.keys(RULE_CONDITIONS) as RuleMiss[]).find((k) => {
    const only: Record<string, unknown> = {};
    for (const key of RULE_CONDITIONS[k]) if (r[key] !== undefined) only[key] = r[key];
    return !targeted(only as EmbedRules, v);
  });
}

function inSchedule(r: EmbedRules, v: Visit): boolean {
  // The Swedish locale writes "2026-11-22 14:05:33": ISO date and 24-hour time that compare
  // as strings, in the site's zone, without formatToParts (fewer bytes).
  const t = new Date(v.now).toLocaleString('sv', { timeZone: v.tz });
  const day = t.slice(0, 10);
  const hm = t.slice(11, 16);
  const h = r.hours;
  return (
    !(r.from && day < r.from) &&
    !(r.to && day > r.to) &&
    // A date-only string parses as UTC midnight; getUTCDay() is 0 on Sunday, ISO wants 7.
    any(r.weekdays, (d) => d == (new Date(day).getUTCDay() || 7)) &&
    // A window whose start is after its end spans midnight (22:00–06:00); the end is exclusive.
    (!h || (h[0] < h[1] ? hm >= h[0] && hm < h[1] : hm >= h[0] || hm < h[1]))
  );
}

/** The widget as the frequency cap reads it: its id and its rules (`{}` if none). */
interface Capped {
  id: string;
  r: EmbedRules;
}

/** Whether the frequency cap lets the widget show on its own now. */
export function due({ id, r }: Capped, store: Store, now: number): boolean {
  return (
    !(r.once && store(id + '.s', 0)) &&
    // Number(null) is 0 (never shown: due); a day is 864e5 ms.
    (r.session ? !store(id, 1) : !(r.every && now - Number(store(id, 0)) < r.every * 864e5))
  );
}

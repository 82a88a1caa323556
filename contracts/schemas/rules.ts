// Validation of display rules (their types and semantics: core/rules.ts).
import { z } from 'zod';
import { DEVICES, FREQUENCIES, URL_MATCHES, UTM_PARAMS, type DisplayRules, type Trigger, type UrlCondition, type UrlRule, type UtmCondition } from '../core/rules.js';
import type { Matches, Proven } from './matches.js';

const text = (max: number) => z.string().trim().max(max);

export const urlRuleSchema = z
  .object({
    match: z.enum(URL_MATCHES).default('any'),
    value: text(500).default(''),
  })
  .refine((r) => r.match === 'any' || r.value.length > 0, { message: 'a URL rule needs a value', path: ['value'] });

/** One entry of an include/exclude/referrer list: "any" would make a list meaningless. */
export const urlConditionSchema = z.object({
  match: z.enum(['equals', 'contains', 'starts_with', 'wildcard']),
  value: text(500).min(1, 'a condition needs a value'),
});

const conditions = z.array(urlConditionSchema).max(20);

export const triggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('load') }),
  /** Seconds after the page (or, in a single-page app, the route) was opened. */
  z.object({ kind: z.literal('delay'), seconds: z.number().int().min(1).max(3600) }),
  /** Percent of the page scrolled (0 % at the top, 100 % at the bottom). */
  z.object({ kind: z.literal('scroll'), percent: z.number().int().min(1).max(100) }),
  /** The pointer leaves the window through its top edge (towards the tabs or the address bar). */
  z.object({ kind: z.literal('exit') }),
  /** A click on an element matching the selector (e.g. the site's own "call me back" button). */
  z.object({
    kind: z.literal('click'),
    selector: text(200)
      .min(1)
      .refine((s) => !/[<>{}]/.test(s), 'not a CSS selector'),
  }),
]);

export const frequencySchema = z
  .object({
    /** always: every page view; session: once per browser-tab session; days: once per `days` days. */
    kind: z.enum(FREQUENCIES).default('always'),
    days: z.number().int().min(1).max(365).default(1),
    /** Never again on this browser once the visitor has submitted the widget's form. */
    stopAfterSubmit: z.boolean().default(false),
  })
  .default({ kind: 'always', days: 1, stopAfterSubmit: false });

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Dates, days and hours in the site's time zone (the site's `timezone` setting). */
export const scheduleSchema = z
  .object({
    /** First day shown, inclusive, YYYY-MM-DD. */
    from: z.string().regex(DATE, 'date as YYYY-MM-DD').optional(),
    /** Last day shown, inclusive, YYYY-MM-DD. */
    to: z.string().regex(DATE, 'date as YYYY-MM-DD').optional(),
    /** ISO days of the week, 1 = Monday … 7 = Sunday; empty = every day. */
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    /** Daily window, HH:MM; `from` after `to` spans midnight (22:00–06:00). `to` is exclusive. */
    hours: z.object({ from: z.string().regex(TIME, 'time as HH:MM'), to: z.string().regex(TIME, 'time as HH:MM') }).optional(),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: 'the schedule ends before it starts', path: ['to'] })
  .refine((s) => !s.hours || s.hours.from !== s.hours.to, { message: 'an empty daily window', path: ['hours'] });

export const utmConditionSchema = z.object({
  param: z.enum(UTM_PARAMS),
  match: urlConditionSchema.shape.match,
  value: text(200).min(1, 'a condition needs a value'),
});

/**
 * Every list is "any of": the page URL must match one include condition (none = every page)
 * and no exclude condition; the visit must match one UTM condition and one referrer condition
 * when those lists are not empty. UTM tags and the referrer are those of the visitor's landing
 * page (kept across single-page-app navigations; a full page load reads its own).
 */
export const displayRulesSchema = z.object({
  url: z.object({ include: conditions.default([]), exclude: conditions.default([]) }).default({ include: [], exclude: [] }),
  device: z.enum(DEVICES).default('all'),
  trigger: triggerSchema.default({ kind: 'load' }),
  frequency: frequencySchema,
  schedule: scheduleSchema.default({ weekdays: [] }),
  utm: z.array(utmConditionSchema).max(20).default([]),
  referrer: conditions.default([]),
});

type _UrlRule = Proven<Matches<z.infer<typeof urlRuleSchema>, UrlRule>>;
type _UrlCondition = Proven<Matches<z.infer<typeof urlConditionSchema>, UrlCondition>>;
type _Trigger = Proven<Matches<z.infer<typeof triggerSchema>, Trigger>>;
type _Utm = Proven<Matches<z.infer<typeof utmConditionSchema>, UtmCondition>>;
type _Rules = Proven<Matches<z.infer<typeof displayRulesSchema>, DisplayRules>>;

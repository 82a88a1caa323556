// Site wire formats (dashboard API).
import { z } from 'zod';

/** A host name like example.ru, shop.example.ru, xn--80ak6aa92e.xn--p1ai or localhost. */
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Accepts "https://www.Example.ru/path" as well as "example.ru" and stores the host name. */
export const domainSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((raw, ctx) => {
    let host = raw.toLowerCase();
    try {
      host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(host) ? host : `http://${host}`).hostname;
    } catch {
      // fall through to the pattern check
    }
    if (!HOSTNAME.test(host)) {
      ctx.addIssue({ code: 'custom', message: `«${raw}» is not a domain name` });
      return z.NEVER;
    }
    return host;
  });

/** Most licensees are in Moscow time; widget schedules are read in the site's zone. */
export const DEFAULT_TIMEZONE = 'Europe/Moscow';

/** An IANA time zone the platform's Intl knows ("Europe/Moscow", "Asia/Yekaterinburg", "UTC"). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz);
  } catch {
    return false;
  }
}

const fields = {
  name: z.string().trim().min(1).max(100),
  domains: z
    .array(domainSchema)
    .min(1)
    .max(20)
    .transform((ds) => [...new Set(ds)]),
  timezone: z.string().max(64).refine(isTimeZone, 'unknown time zone (use an IANA name such as Europe/Moscow)'),
  /** Push show/click/submit of widgets to window.dataLayer (Google Tag Manager). */
  dataLayer: z.boolean(),
  /** Yandex.Metrica counter to send reachGoal for show/click/submit to; null: none. */
  metrikaCounterId: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .nullable(),
};

export const siteInputSchema = z.object({
  name: fields.name,
  domains: fields.domains,
  timezone: fields.timezone.default(DEFAULT_TIMEZONE),
  dataLayer: fields.dataLayer.default(false),
  metrikaCounterId: fields.metrikaCounterId.default(null),
});

// Written out rather than siteInputSchema.partial(): zod 4 applies `.default()` inside optional
// keys, so a PATCH that omits the time zone would silently reset it.
export const sitePatchSchema = z.object(fields).partial().strict();

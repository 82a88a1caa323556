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

export const siteInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  domains: z
    .array(domainSchema)
    .min(1)
    .max(20)
    .transform((ds) => [...new Set(ds)]),
});

export const sitePatchSchema = siteInputSchema.partial().strict();

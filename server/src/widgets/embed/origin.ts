// Which page a public request comes from: the Origin header, or the Referer when a browser
// omits Origin (same-origin GETs).
import type { Context } from 'hono';
import { hostBelongsTo, hostFromOrigin } from '../sites/domains.js';

export function requestHost(c: Context): string | null {
  return hostFromOrigin(c.req.header('origin')) ?? hostFromOrigin(c.req.header('referer'));
}

export function requestFromSite(c: Context, domains: readonly string[]): boolean {
  const host = requestHost(c);
  return host !== null && hostBelongsTo(host, domains);
}

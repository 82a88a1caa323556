// 152-FZ: sending leads to a destination outside Russia is a cross-border transfer the licensee
// must know about. Telegram is abroad; for hosts we go by the zone (.ru, .рф, .su are Russian).
// The server flags connected destinations with it and the dashboard warns while an address is
// typed, so both read the same rule; nothing is refused.
import type { Integration } from './tariffs.js';

/** .ru, .рф (xn--p1ai as URL parsers write it) and .su are Russian zones. */
const RUSSIAN_ZONES = ['ru', 'xn--p1ai', 'рф', 'su'];

export function isRussianHost(host: string): boolean {
  return RUSSIAN_ZONES.includes(host.toLowerCase().split('.').pop() ?? '');
}

/** `hosts`: the destination's host names (URL hosts, e-mail domains). */
export function isCrossBorder(kind: Integration, hosts: readonly string[]): boolean {
  if (kind === 'telegram') return true;
  return hosts.some((h) => !isRussianHost(h));
}

/** The host of what a licensee types: a URL, a bare host or an e-mail address; null while it is none. */
export function hostOfAddress(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  const target = s.includes('@') && !s.includes('/') ? (s.split('@').pop() ?? '') : s;
  try {
    const host = new URL(/^[a-z]+:\/\//i.test(target) ? target : `https://${target}`).hostname.toLowerCase();
    return host.includes('.') ? host : null;
  } catch {
    return null;
  }
}

// 152-FZ: sending leads to a destination outside Russia is a cross-border transfer the licensee
// must know about. Telegram is abroad; for hosts we go by the zone (.ru, .рф, .su are Russian);
// the dashboard shows the flag as a warning, nothing is refused.
import { domainToUnicode } from 'node:url';
import type { Integration } from '../contracts/tariffs.js';

const RUSSIAN_ZONES = ['ru', 'рф', 'su'];

export function isRussianHost(host: string): boolean {
  const zone = domainToUnicode(host.toLowerCase()).split('.').pop() ?? '';
  return RUSSIAN_ZONES.includes(zone);
}

/** `hosts`: the destination's host names (URL hosts, e-mail domains). */
export function isCrossBorder(kind: Integration, hosts: readonly string[]): boolean {
  if (kind === 'telegram') return true;
  return hosts.some((h) => !isRussianHost(h));
}

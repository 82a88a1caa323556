// Destination kinds in the dashboard's words, and the cross-border preview shown while a
// licensee types an address (the server's flag, integrations/cross-border.ts, decides once connected).
import type { Integration } from '../../../server/src/contracts/tariffs.js';
import { t, type Key } from '../i18n/i18n.js';

const NAMES: Record<Integration, Key> = {
  email: 'intg.kind.email',
  telegram: 'intg.kind.telegram',
  webhook: 'intg.kind.webhook',
  amocrm: 'intg.kind.amocrm',
  bitrix24: 'intg.kind.bitrix24',
  calltouch: 'intg.kind.calltouch',
  roistat: 'intg.kind.roistat',
  '1c': 'intg.kind.1c',
};

const ABOUT: Record<Integration, Key> = {
  email: 'intg.about.email',
  telegram: 'intg.about.telegram',
  webhook: 'intg.about.webhook',
  amocrm: 'intg.about.amocrm',
  bitrix24: 'intg.about.bitrix24',
  calltouch: 'intg.about.preset',
  roistat: 'intg.about.preset',
  '1c': 'intg.about.preset',
};

export const kindName = (kind: Integration) => t(NAMES[kind]);
export const kindAbout = (kind: Integration) => t(ABOUT[kind]);

/** Calltouch, Roistat, 1C: the signed generic webhook under a vendor's name. */
export const isPreset = (kind: Integration) => kind === 'calltouch' || kind === 'roistat' || kind === '1c';
export const isWebhookLike = (kind: Integration) => kind === 'webhook' || isPreset(kind);

/** .ru, .рф (xn--p1ai as the browser writes it) and .su are Russian zones, as on the server. */
const RUSSIAN_ZONES = ['ru', 'xn--p1ai', 'рф', 'su'];

const hostOf = (raw: string): string | null => {
  const s = raw.trim();
  if (!s) return null;
  try {
    return new URL(/^[a-z]+:\/\//i.test(s) ? s : `https://${s}`).hostname.toLowerCase();
  } catch {
    return null;
  }
};

/** Whether any of these addresses (URLs, hosts, e-mails) is outside the Russian zones. */
export function looksCrossBorder(kind: Integration, addresses: string[]): boolean {
  if (kind === 'telegram') return true;
  return addresses.some((a) => {
    const host = hostOf(a.includes('@') && !a.includes('/') ? a.split('@').pop()! : a);
    if (!host || !host.includes('.')) return false;
    return !RUSSIAN_ZONES.includes(host.split('.').pop()!);
  });
}

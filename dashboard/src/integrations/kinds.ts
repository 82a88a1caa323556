// Destination kinds in the dashboard's words, and the cross-border preview shown while a
// licensee types an address, by the same rule as the server's flag (contracts/core/cross-border.ts).
import { hostOfAddress, isCrossBorder } from '#contracts/core/cross-border.js';
import type { Integration } from '#contracts/core/tariffs.js';
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

/** Whether any of these addresses (URLs, hosts, e-mails) is outside the Russian zones. */
export function looksCrossBorder(kind: Integration, addresses: string[]): boolean {
  return isCrossBorder(
    kind,
    addresses.flatMap((a) => hostOfAddress(a) ?? []),
  );
}

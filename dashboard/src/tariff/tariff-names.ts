// One name per tariff, in the person's language, wherever the dashboard names one: the widget
// tariffs of SPEC §4 and the realtime tariffs of §10. The two families are priced apart, so they
// are named apart too: no name may stand for two tariffs at two prices ("Старт" at 990 ₽ for
// widgets and at 490 ₽ for realtime was one such name).
import type { TariffId } from '#contracts/core/tariffs.js';
import type { RealtimeTariffId } from '#contracts/schemas/realtime.js';
import { localName, t, type Key } from '../i18n/i18n.js';

export const TARIFF_NAME_KEYS: Record<TariffId | RealtimeTariffId, Key> = {
  free: 'tariff.name.free',
  start: 'tariff.name.start',
  advanced: 'tariff.name.advanced',
  single: 'tariff.name.single',
  multi: 'tariff.name.multi',
  network: 'tariff.name.network',
  individual: 'tariff.name.individual',
  rt_free: 'tariff.name.rt_free',
  rt_start: 'tariff.name.rt_start',
  rt_business: 'tariff.name.rt_business',
  rt_pro: 'tariff.name.rt_pro',
};

const isKnown = (id: string): id is keyof typeof TARIFF_NAME_KEYS => Object.hasOwn(TARIFF_NAME_KEYS, id);

/**
 * A tariff's name by its id. A tariff this build does not know (a newer server) keeps the name
 * the server sent, else its id: something to recognise rather than nothing.
 */
export function tariffName(id: string, sent?: { ru: string; en: string }): string {
  if (isKnown(id)) return t(TARIFF_NAME_KEYS[id]);
  return sent ? localName(sent) : id;
}

/** For refusals: a tariff id from the error's details as a name, or null for none or one we do not know. */
export const knownTariffName = (id: string | null | undefined): string | null => (id && isKnown(id) ? t(TARIFF_NAME_KEYS[id]) : null);

// The realtime tariffs of SPEC §10 / offer 000 §3.4 as data: per project, a messages-per-day and
// a concurrent-connections limit. Prices are per calendar month until the operator sets their
// own (tariff_prices, same ids). Only tariffs/realtime-policy.ts compares usage to these.
import type { RealtimeTariffId } from '#contracts/schemas/realtime.js';

export interface RealtimeLimits {
  /** Accepted publishes per UTC day (see realtime-policy.ts for what one message is). */
  messagesPerDay: number;
  /** WebSocket connections open at once. */
  connections: number;
}

export interface RealtimeTariff {
  id: RealtimeTariffId;
  name: { ru: string; en: string };
  limits: RealtimeLimits;
  /** Kopecks per calendar month; 0 for Free. */
  monthlyPriceKopecks: number;
}

export const REALTIME_TARIFFS: Record<RealtimeTariffId, RealtimeTariff> = {
  rt_free: { id: 'rt_free', name: { ru: 'Песочница', en: 'Sandbox' }, limits: { messagesPerDay: 20_000, connections: 50 }, monthlyPriceKopecks: 0 },
  rt_start: { id: 'rt_start', name: { ru: 'Лайт', en: 'Lite' }, limits: { messagesPerDay: 500_000, connections: 500 }, monthlyPriceKopecks: 490_00 },
  rt_business: { id: 'rt_business', name: { ru: 'Бизнес', en: 'Business' }, limits: { messagesPerDay: 5_000_000, connections: 5_000 }, monthlyPriceKopecks: 2_490_00 },
  rt_pro: { id: 'rt_pro', name: { ru: 'Про', en: 'Pro' }, limits: { messagesPerDay: 25_000_000, connections: 20_000 }, monthlyPriceKopecks: 9_990_00 },
};

/** Cheapest first: "increase limits" may only move up this list. */
export const REALTIME_UPGRADE_ORDER: readonly RealtimeTariffId[] = ['rt_free', 'rt_start', 'rt_business', 'rt_pro'];

export const isRealtimeTariffId = (id: string): id is RealtimeTariffId => id in REALTIME_TARIFFS;

/** What a YooKassa payment says it buys (also printed on the receipt, max 128 chars). */
export function realtimePaymentDescription(brand: string, tariffId: string, months: number | null): string {
  const name = isRealtimeTariffId(tariffId) ? REALTIME_TARIFFS[tariffId].name.ru : tariffId;
  return months ? `${brand}: проект реального времени, тариф «${name}», ${months} мес.` : `${brand}: проект реального времени, увеличение лимитов до тарифа «${name}»`;
}

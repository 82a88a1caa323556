// What tariffs cost, both products: the operator's price (tariff_prices, by tariff id) or the
// catalogue's starting price, and the operator's discount. Billing and the realtime service
// ask here; promo codes and mid-period credits are billing's (billing/prices.ts).
import { eq } from 'drizzle-orm';
import { discountedKopecks, type TariffId } from '#contracts/core/tariffs.js';
import type { PaidRealtimeTariffId, RealtimeTariffId } from '#contracts/schemas/realtime.js';
import type { Db } from '../db/store.js';
import { REALTIME_TARIFFS } from './realtime-catalogue.js';

type Reader = Pick<Db, 'select' | 'tables'>;

export interface Price {
  priceKopecks: number;
  discountPercent: number;
}

/** What is charged for one period at this price: the operator's discount taken off. */
export const chargedKopecks = (p: Price): number => discountedKopecks(p.priceKopecks, p.discountPercent);

/** Starting prices of the widget tariffs (RUB per period, in kopecks) until the operator sets their own. */
export const DEFAULT_PRICES_KOPECKS: Partial<Record<TariffId, number>> = {
  start: 990_00,
  advanced: 1_990_00,
  single: 4_990_00,
  multi: 9_990_00,
  network: 19_990_00,
};

export const PAID_TARIFFS = Object.keys(DEFAULT_PRICES_KOPECKS) as TariffId[];

const operatorPrice = async (db: Reader, tariffId: string): Promise<Price | null> => {
  const { tariffPrices } = db.tables;
  const [row] = await db.select().from(tariffPrices).where(eq(tariffPrices.tariffId, tariffId));
  return row ? { priceKopecks: row.priceKopecks, discountPercent: row.discountPercent } : null;
};

/** A widget tariff's price per period; null where it is not sold for money online. */
export async function tariffPrice(db: Reader, tariffId: TariffId, accountId?: string): Promise<Price | null> {
  if (tariffId === 'individual') {
    // Each Individual tariff has its own price, set by the operator for that one account.
    const { accounts } = db.tables;
    const own = accountId ? (await db.select({ p: accounts.individualPriceKopecks }).from(accounts).where(eq(accounts.id, accountId)))[0]?.p : null;
    return own ? { priceKopecks: own, discountPercent: 0 } : null;
  }
  const fallback = DEFAULT_PRICES_KOPECKS[tariffId];
  return (await operatorPrice(db, tariffId)) ?? (fallback === undefined ? null : { priceKopecks: fallback, discountPercent: 0 });
}

/** A realtime tariff's price per calendar month. */
export async function realtimeMonthlyPrice(db: Reader, tariffId: RealtimeTariffId): Promise<Price> {
  return (await operatorPrice(db, tariffId)) ?? { priceKopecks: REALTIME_TARIFFS[tariffId].monthlyPriceKopecks, discountPercent: 0 };
}

export async function realtimePeriodPriceKopecks(db: Reader, tariffId: PaidRealtimeTariffId, months: number): Promise<number> {
  return chargedKopecks(await realtimeMonthlyPrice(db, tariffId)) * months;
}

// What a period of a tariff costs: the operator's price, the operator's discount or a promo
// code (the larger one wins, they do not stack), and a credit for the unused part of a
// current paid period when upgrading mid-period.
import { eq, sql } from 'drizzle-orm';
import type { TariffId } from '#contracts/core/tariffs.js';
import type { Db } from '../db/client.js';
import { accounts, promoCodes, subscriptions, tariffPrices } from '../db/schema/index.js';
import { AppError } from '../lib/errors.js';

/** Starting prices (RUB per 30 days, in kopecks) until the operator sets their own. */
export const DEFAULT_PRICES_KOPECKS: Partial<Record<TariffId, number>> = {
  start: 990_00,
  advanced: 1_990_00,
  single: 4_990_00,
  multi: 9_990_00,
  network: 19_990_00,
};

export const PAID_TARIFFS = Object.keys(DEFAULT_PRICES_KOPECKS) as TariffId[];

export function tariffPrice(db: Pick<Db, 'select'>, tariffId: TariffId, accountId?: string): { priceKopecks: number; discountPercent: number } | null {
  if (tariffId === 'individual') {
    // Each Individual tariff has its own price, set by the operator for that one account.
    const own = accountId ? db.select({ p: accounts.individualPriceKopecks }).from(accounts).where(eq(accounts.id, accountId)).get()?.p : null;
    return own ? { priceKopecks: own, discountPercent: 0 } : null;
  }
  const row = db.select().from(tariffPrices).where(eq(tariffPrices.tariffId, tariffId)).get();
  if (row) return { priceKopecks: row.priceKopecks, discountPercent: row.discountPercent };
  const fallback = DEFAULT_PRICES_KOPECKS[tariffId];
  return fallback === undefined ? null : { priceKopecks: fallback, discountPercent: 0 };
}

export function validPromo(db: Pick<Db, 'select'>, code: string, now: number): { code: string; percent: number } {
  const row = db.select().from(promoCodes).where(eq(promoCodes.code, code.trim().toUpperCase())).get();
  const usable =
    row &&
    (row.validFrom === null || row.validFrom <= now) &&
    (row.validTo === null || now <= row.validTo) &&
    (row.maxUses === null || row.uses < row.maxUses);
  if (!usable) throw new AppError(422, 'promo_invalid', 'Промокод недействителен или закончился');
  return { code: row.code, percent: row.percent };
}

/** Counts one use; false when the code ran out meanwhile (the conditional UPDATE is the check). */
export function consumePromo(db: Pick<Db, 'update'>, code: string): boolean {
  const row = db
    .update(promoCodes)
    .set({ uses: sql`${promoCodes.uses} + 1` })
    .where(sql`${promoCodes.code} = ${code} and (${promoCodes.maxUses} is null or ${promoCodes.uses} < ${promoCodes.maxUses})`)
    .returning({ uses: promoCodes.uses })
    .get();
  return !!row;
}

export interface Quote {
  tariffId: TariffId;
  baseKopecks: number;
  discountPercent: number;
  creditKopecks: number;
  totalKopecks: number;
  promoCode: string | null;
}

/** Unused value of the current paid period, credited when switching tariffs mid-period. */
function upgradeCredit(db: Pick<Db, 'select'>, accountId: string, tariffId: TariffId, now: number): number {
  const sub = db.select().from(subscriptions).where(eq(subscriptions.accountId, accountId)).get();
  if (sub?.status !== 'active' || sub.periodEnd <= now || sub.tariffId === tariffId) return 0;
  const paid = tariffPrice(db, sub.tariffId as TariffId, accountId)?.priceKopecks ?? 0;
  const left = (sub.periodEnd - now) / (sub.periodEnd - sub.periodStart);
  return Math.floor(paid * left);
}

export function quote(db: Pick<Db, 'select'>, accountId: string, tariffId: TariffId, now: number, promoCode?: string): Quote {
  const price = tariffPrice(db, tariffId, accountId);
  if (!price) throw new AppError(422, 'validation_failed', 'This tariff is not sold for money online');
  const promo = promoCode ? validPromo(db, promoCode, now) : null;
  const discountPercent = Math.max(price.discountPercent, promo?.percent ?? 0);
  const discounted = Math.round((price.priceKopecks * (100 - discountPercent)) / 100);
  const creditKopecks = Math.min(discounted, upgradeCredit(db, accountId, tariffId, now));
  return {
    tariffId,
    baseKopecks: price.priceKopecks,
    discountPercent,
    creditKopecks,
    totalKopecks: discounted - creditKopecks,
    promoCode: promo && promo.percent >= price.discountPercent ? promo.code : null,
  };
}

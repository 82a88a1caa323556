// What a licensee pays for a period of a widget tariff: the tariff's price (tariffs/prices.ts),
// the operator's discount or a promo code (the larger one wins, they do not stack), and a credit
// for the unused part of a current paid period when upgrading mid-period.
import { eq, sql } from 'drizzle-orm';
import { discountedKopecks, type TariffId } from '#contracts/core/tariffs.js';
import type { Db } from '../db/store.js';
import { AppError } from '../lib/errors.js';
import { tariffPrice } from '../tariffs/prices.js';

type Reader = Pick<Db, 'select' | 'tables'>;

async function validPromo(db: Reader, code: string, now: number): Promise<{ code: string; percent: number }> {
  const { promoCodes } = db.tables;
  const [row] = await db.select().from(promoCodes).where(eq(promoCodes.code, code.trim().toUpperCase()));
  const usable = row && (row.validFrom === null || row.validFrom <= now) && (row.validTo === null || now <= row.validTo) && (row.maxUses === null || row.uses < row.maxUses);
  if (!usable) throw new AppError(422, 'promo_invalid', 'Промокод недействителен или закончился');
  return { code: row.code, percent: row.percent };
}

/** Counts one use; false when the code ran out meanwhile (the conditional UPDATE is the check). */
export async function consumePromo(db: Pick<Db, 'update' | 'tables'>, code: string): Promise<boolean> {
  const { promoCodes } = db.tables;
  const [row] = await db
    .update(promoCodes)
    .set({ uses: sql`${promoCodes.uses} + 1` })
    .where(sql`${promoCodes.code} = ${code} and (${promoCodes.maxUses} is null or ${promoCodes.uses} < ${promoCodes.maxUses})`)
    .returning({ uses: promoCodes.uses });
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
async function upgradeCredit(db: Reader, accountId: string, tariffId: TariffId, now: number): Promise<number> {
  const { subscriptions } = db.tables;
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.accountId, accountId));
  if (sub?.status !== 'active' || sub.periodEnd <= now || sub.tariffId === tariffId) return 0;
  const paid = (await tariffPrice(db, sub.tariffId as TariffId, accountId))?.priceKopecks ?? 0;
  const left = (sub.periodEnd - now) / (sub.periodEnd - sub.periodStart);
  return Math.floor(paid * left);
}

export async function quote(db: Reader, accountId: string, tariffId: TariffId, now: number, promoCode?: string): Promise<Quote> {
  const price = await tariffPrice(db, tariffId, accountId);
  if (!price) throw new AppError(422, 'validation_failed', 'This tariff is not sold for money online');
  const promo = promoCode ? await validPromo(db, promoCode, now) : null;
  const discountPercent = Math.max(price.discountPercent, promo?.percent ?? 0);
  const discounted = discountedKopecks(price.priceKopecks, discountPercent);
  const creditKopecks = Math.min(discounted, await upgradeCredit(db, accountId, tariffId, now));
  return {
    tariffId,
    baseKopecks: price.priceKopecks,
    discountPercent,
    creditKopecks,
    totalKopecks: discounted - creditKopecks,
    promoCode: promo && promo.percent >= price.discountPercent ? promo.code : null,
  };
}

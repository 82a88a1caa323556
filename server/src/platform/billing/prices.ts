// What a licensee pays for a period of a widget tariff: the tariff's price (tariffs/prices.ts),
// the operator's discount or a promo code (the larger one wins, they do not stack), and a credit
// for the unused part of a current paid period when upgrading mid-period.
import { eq, sql } from 'drizzle-orm';
import { discountedKopecks, type TariffId } from '#contracts/core/tariffs.js';
import type { Db } from '../db/client.js';
import { promoCodes, subscriptions } from '../db/schema/index.js';
import { AppError } from '../lib/errors.js';
import { tariffPrice } from '../tariffs/prices.js';

function validPromo(db: Pick<Db, 'select'>, code: string, now: number): { code: string; percent: number } {
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
  const discounted = discountedKopecks(price.priceKopecks, discountPercent);
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

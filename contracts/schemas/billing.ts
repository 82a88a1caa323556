// Billing wire formats (dashboard, operator and YooKassa webhook).
import { z } from 'zod';
import { TARIFF_IDS } from '../core/tariffs.js';

// 'individual' is payable only where the operator priced it for the account (billing/prices.ts).
const paidTariff = z.enum(TARIFF_IDS).refine((t) => t !== 'free', 'Choose a paid tariff');

export const quoteRequestSchema = z.object({
  tariffId: paidTariff,
  promoCode: z.string().trim().min(1).max(40).optional(),
});

export const checkoutRequestSchema = quoteRequestSchema.extend({
  autopay: z.boolean().default(false),
});

export const autopayRequestSchema = z.discriminatedUnion('enabled', [
  /** Switching on needs the licensee's explicit consent to the shown terms. */
  z.object({ enabled: z.literal(true), consent: z.literal(true, { error: 'Нужно согласие с условиями автоплатежа' }) }),
  z.object({ enabled: z.literal(false) }),
]);

export const setPriceSchema = z.object({
  priceRub: z.number().positive().max(10_000_000).multipleOf(0.01),
  discountPercent: z.number().int().min(0).max(99).default(0),
});

export const promoCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{3,40}$/)
    .transform((c) => c.toUpperCase()),
  percent: z.number().int().min(1).max(100),
  validFrom: z.number().int().nonnegative().optional(),
  validTo: z.number().int().nonnegative().optional(),
  maxUses: z.number().int().min(1).optional(),
});

/** YooKassa's notification body; only the payment id is trusted, and only to look it up again. */
export const yookassaNotificationSchema = z.object({
  type: z.literal('notification'),
  event: z.string().max(100),
  object: z.object({ id: z.string().min(1).max(100) }).passthrough(),
});

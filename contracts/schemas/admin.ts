// Operator-only wire formats.
import { z } from 'zod';
import { INTEGRATIONS, TARIFF_IDS } from '../core/tariffs.js';
import { WIDGET_TYPES } from '../core/widget.js';
const count = z.number().int().min(0).max(1_000_000_000).nullable();

export const individualLimitsSchema = z.object({
  activeWidgets: count,
  widgetTypes: z.union([z.literal('all'), z.array(z.enum(WIDGET_TYPES)).min(1)]),
  impressionsPerPeriod: count,
  sites: count,
  badge: z.boolean(),
  integrations: z.array(z.enum(INTEGRATIONS)),
});

export const setTariffSchema = z
  .object({
    tariffId: z.enum(TARIFF_IDS),
    individualLimits: individualLimitsSchema.optional(),
    /** RUB per 30-day period of the Individual tariff; absent = not sold online (the operator invoices by hand). */
    individualPriceRub: z.number().positive().max(10_000_000).multipleOf(0.01).optional(),
    /** Why the operator switched by hand: written to the log with the operator's id. */
    reason: z.string().trim().min(3).max(500).optional(),
  })
  .refine((v) => v.tariffId !== 'individual' || v.individualLimits, { message: 'The Individual tariff needs its limits', path: ['individualLimits'] });

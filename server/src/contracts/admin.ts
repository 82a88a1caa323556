// Operator-only wire formats.
import { z } from 'zod';
import { INTEGRATIONS, TARIFF_IDS } from './tariffs.js';
import { WIDGET_TYPES } from './widget.js';
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
  .object({ tariffId: z.enum(TARIFF_IDS), individualLimits: individualLimitsSchema.optional() })
  .refine((v) => v.tariffId !== 'individual' || v.individualLimits, { message: 'The Individual tariff needs its limits', path: ['individualLimits'] });

// The statistics queries: a range of days (in the zone the answer names), and the widget
// comparison's scope.
import { z } from 'zod';

export const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'no such date');

export const statsRangeSchema = z.object({ from: isoDaySchema.optional(), to: isoDaySchema.optional() });

export const statsQuerySchema = statsRangeSchema
  .extend({ widgetId: z.string().min(1).max(64).optional(), siteId: z.string().min(1).max(64).optional() })
  .refine((q) => !(q.widgetId && q.siteId), { message: 'give widgetId or siteId, not both', path: ['siteId'] });

/** GET /api/stats/compare: the widgets of one site (or of the account) over a range and the range before it. */
export const statsCompareQuerySchema = statsRangeSchema.extend({ siteId: z.string().min(1).max(64).optional() });

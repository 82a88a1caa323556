// The statistics queries: a range of days (in the zone the answer names), and the widget
// comparison's scope.
import { z } from 'zod';
import { VARIANT_ID_MAX } from '../core/ab.js';

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

/** The dimensions GET /api/stats/breakdowns splits a widget's impressions and submits by (stats/breakdowns.ts). */
export const BREAKDOWN_DIMENSIONS = ['device', 'path', 'source', 'visitor'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
/** A value the page view did not tell (an older runtime sent no path, source or visitor). */
export const BREAKDOWN_UNKNOWN = '(unknown)';
/** The paths past the day's limit of distinct paths per widget. */
export const BREAKDOWN_OTHER = '(other)';

/** GET /api/stats/funnel and /api/stats/breakdowns: one widget over a range. */
export const statsWidgetQuerySchema = statsRangeSchema.extend({ widgetId: z.string().min(1).max(64) });

/** GET /api/stats/funnel: `variant`, one variant's funnel of the widget's running A/B test (its id; A's is the test's). */
export const statsFunnelQuerySchema = statsWidgetQuerySchema.extend({ variant: z.string().min(1).max(VARIANT_ID_MAX).optional() });

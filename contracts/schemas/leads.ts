// Lead listing and deletion (dashboard API).
import { z } from 'zod';
import { LEAD_NOTE_MAX, LEAD_STATUSES } from '../core/leads.js';

export const leadListQuerySchema = z.object({
  siteId: z.string().max(64).optional(),
  widgetId: z.string().max(64).optional(),
  /** Inclusive bounds, ms since epoch. */
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  q: z.string().trim().max(200).optional(),
  status: z.enum(LEAD_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const leadDeleteSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) }).strict(),
  z.object({ widgetId: z.string().min(1).max(64) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/** PATCH /api/leads/{id}: the licensee's work on a lead; at least one of the two. */
export const leadUpdateSchema = z
  .object({
    status: z.enum(LEAD_STATUSES).optional(),
    note: z.string().max(LEAD_NOTE_MAX).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.note !== undefined, { message: 'Nothing to change: give status or note' });

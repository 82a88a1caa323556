// Lead listing and deletion (dashboard API).
import { z } from 'zod';

export const leadListQuerySchema = z.object({
  siteId: z.string().max(64).optional(),
  widgetId: z.string().max(64).optional(),
  /** Inclusive bounds, ms since epoch. */
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const leadDeleteSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) }).strict(),
  z.object({ widgetId: z.string().min(1).max(64) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

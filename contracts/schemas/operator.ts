// Operator tools and the public abuse form.
import { z } from 'zod';

export const blockSchema = z.object({ blocked: z.boolean(), reason: z.string().trim().min(3).max(500).optional() }).refine((b) => !b.blocked || b.reason, {
  message: 'A block needs a reason the licensee will see',
  path: ['reason'],
});

/** Offer 003 §12.6: page, the right infringed, proof, purpose, and contacts. */
export const abuseComplaintSchema = z.object({
  /** http(s) only: the operator opens it, and a javascript: "page" would run in the dashboard. */
  pageUrl: z
    .string()
    .trim()
    .max(2000)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'The page address must start with http:// or https://'),
  rightInfringed: z.string().trim().min(10).max(4000),
  proof: z.string().trim().min(10).max(8000),
  purpose: z.string().trim().min(5).max(2000),
  contacts: z.string().trim().min(5).max(500),
});

export const abuseUpdateSchema = z.object({
  status: z.enum(['in_progress', 'resolved', 'rejected']),
  resolution: z.string().trim().max(4000).optional(),
});

export const deleteAccountSchema = z.object({
  /** The person types their e-mail to confirm: deletion destroys everything. */
  confirmEmail: z.string().trim().toLowerCase().max(254),
});

// All-inclusive tariffs' widget requests, and operator notices.
import { z } from 'zod';

export const serviceRequestSchema = z
  .object({
    kind: z.enum(['create', 'change']),
    widgetId: z.string().min(1).max(64).optional(),
    description: z.string().trim().min(10).max(4000),
  })
  .refine((r) => r.kind === 'create' || r.widgetId, { message: 'Choose the widget to change', path: ['widgetId'] });

export const serviceRequestUpdateSchema = z.object({
  status: z.enum(['in_progress', 'done', 'rejected']),
  operatorComment: z.string().trim().max(4000).optional(),
});

export const noticeSchema = z
  .object({
    kind: z.enum(['maintenance', 'documents', 'tariffs']),
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(3).max(4000),
    /** The same in English, for English dashboards and mails: both or neither. */
    titleEn: z.string().trim().min(3).max(200).optional(),
    bodyEn: z.string().trim().min(3).max(4000).optional(),
    effectiveAt: z.number().int().positive(),
  })
  .refine((n) => (n.titleEn === undefined) === (n.bodyEn === undefined), { message: 'Give the English title and text both, or neither', path: ['bodyEn'] });

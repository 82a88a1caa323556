// Validation of what pages send to the public embed API: the events beacon and the lead
// submission. Their plain types and limits live in core/embed.ts.
import { z } from 'zod';
import { EVENT_PATH_MAX, EVENT_SOURCE_MAX, EVENT_TYPES, LEAD_URL_MAX, MAX_EVENTS_PER_BATCH, type EventsBatch, type LeadSubmission } from '../core/embed.js';
import type { ConsentShownIn } from '../core/consent-labels.js';
import { chatTokenSchema, consentLabelSchema, consentLangSchema } from './chat.js';
import { VARIANT_ID_MAX } from '../core/ab.js';
import type { Matches, Proven } from './matches.js';

const variantId = z.string().min(1).max(VARIANT_ID_MAX).optional();

/** POST /v1/events — sent as a text/plain beacon (no CORS preflight). */
export const eventsBatchSchema = z.object({
  site: z.string().min(1).max(64),
  events: z
    .array(z.object({ widget: z.string().min(1).max(64), type: z.enum(EVENT_TYPES), v: variantId }))
    .min(1)
    .max(MAX_EVENTS_PER_BATCH),
  // Cut rather than refused: a long path must not cost the page view its impression.
  path: z
    .string()
    .max(LEAD_URL_MAX)
    .transform((p) => p.slice(0, EVENT_PATH_MAX))
    .optional(),
  source: z
    .string()
    .max(LEAD_URL_MAX)
    .transform((s) => s.slice(0, EVENT_SOURCE_MAX))
    .optional(),
  returning: z.boolean().optional(),
});

/** POST /v1/leads — text/plain or application/json. */
export const leadSubmissionSchema = z.object({
  site: z.string().min(1).max(64),
  widget: z.string().min(1).max(64),
  fields: z.record(z.string().max(32), z.union([z.string().max(4000), z.boolean()])),
  consent: z.literal(true, { error: 'consent to personal-data processing is required' }),
  marketingConsent: z.boolean().optional(),
  hp: z.string().max(200).optional(),
  elapsedMs: z.number().int().nonnegative().max(86_400_000),
  page: z.string().max(LEAD_URL_MAX).optional(),
  referrer: z.string().max(LEAD_URL_MAX).optional(),
  chat: chatTokenSchema.optional(),
  v: variantId,
  lang: consentLangSchema,
  consentLabel: consentLabelSchema,
});

type _Events = Proven<Matches<z.infer<typeof eventsBatchSchema>, EventsBatch>>;
// What a client may send (z.input): `lang` defaults to 'ru', so it is optional on the wire.
type _Lead = Proven<Matches<z.input<typeof leadSubmissionSchema>, LeadSubmission & ConsentShownIn>>;

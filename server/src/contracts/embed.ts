// Wire formats of the public embed API: the site config the loader fetches, the events
// beacon and the lead submission. The loader and runtime import these as types only.
import { z } from 'zod';
import type { BannerContent, Colors, FormContent, Position, UrlRule } from './widget.js';

interface EmbedWidgetBase {
  id: string;
  position: Position;
  inlineSelector?: string;
  colors: Colors;
  urlRule: UrlRule;
}
export interface EmbedBannerWidget extends EmbedWidgetBase {
  type: 'banner';
  content: BannerContent;
}
export interface EmbedFormWidget extends EmbedWidgetBase {
  type: 'form';
  content: FormContent;
  /** Consent label shown next to the checkbox, decided by the server (one source of truth). */
  consentText: string;
  marketingText?: string;
}
export type EmbedWidget = EmbedBannerWidget | EmbedFormWidget;

/** GET /v1/sites/{siteKey}/config */
export interface EmbedConfig {
  /** Site key, echoed so the runtime can address events and leads. */
  site: string;
  /** Tariff decides; the page cannot switch it off. */
  badge: { text: string; url: string } | null;
  widgets: EmbedWidget[];
}

export const EVENT_TYPES = ['impression', 'click', 'close'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const MAX_EVENTS_PER_BATCH = 50;

/** POST /v1/events — sent as a text/plain beacon (no CORS preflight). */
export const eventsBatchSchema = z.object({
  site: z.string().min(1).max(64),
  events: z
    .array(z.object({ widget: z.string().min(1).max(64), type: z.enum(EVENT_TYPES) }))
    .min(1)
    .max(MAX_EVENTS_PER_BATCH),
});
export type EventsBatch = z.infer<typeof eventsBatchSchema>;

export const LEAD_BODY_LIMIT_BYTES = 16 * 1024;

/** POST /v1/leads — text/plain or application/json. */
export const leadSubmissionSchema = z.object({
  site: z.string().min(1).max(64),
  widget: z.string().min(1).max(64),
  fields: z.record(z.string().max(32), z.union([z.string().max(4000), z.boolean()])),
  /** The personal-data consent box; must be ticked by the visitor. */
  consent: z.literal(true, { error: 'consent to personal-data processing is required' }),
  marketingConsent: z.boolean().optional(),
  /** Honeypot: a field hidden from people; bots fill it. */
  hp: z.string().max(200).optional(),
  /** Milliseconds between the form being shown and submitted. */
  elapsedMs: z.number().int().nonnegative().max(86_400_000),
  page: z.string().max(2000).optional(),
  referrer: z.string().max(2000).optional(),
});
export type LeadSubmission = z.infer<typeof leadSubmissionSchema>;

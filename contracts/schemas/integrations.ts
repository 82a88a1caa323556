// Lead destinations (dashboard API): connecting them per site or widget, and what a lead's
// deliveries look like.
import { z } from 'zod';
import type { Integration } from '../core/tariffs.js';

/** Calltouch, Roistat and 1C are not built to their own APIs: they get the signed generic webhook. */
export const WEBHOOK_KINDS = ['webhook', 'calltouch', 'roistat', '1c'] as const satisfies readonly Integration[];
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];
export const isWebhookKind = (kind: Integration): kind is WebhookKind => (WEBHOOK_KINDS as readonly string[]).includes(kind);

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const id = z.string().min(1).max(64);
const target = { siteId: id, widgetId: id.nullish() };
const url = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'URL must start with https://');

/** whsec_ + base64 of 24–64 random bytes, as Standard Webhooks secrets are written. */
export const webhookSecretSchema = z.string().regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'a secret looks like whsec_ followed by base64');

/** "mycompany", "mycompany.amocrm.ru" or "https://mycompany.amocrm.ru/leads" all mean the account's origin. */
const amoBaseUrl = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((raw, ctx) => {
    const withHost = /^[a-z0-9-]+$/i.test(raw) ? `https://${raw.toLowerCase()}.amocrm.ru` : /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
    try {
      return new URL(withHost).origin;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'the amoCRM address looks like https://yourcompany.amocrm.ru' });
      return z.NEVER;
    }
  });

/** Bitrix24 inbound webhook: https://portal.bitrix24.ru/rest/1/abc123/ (a method name after it is dropped). */
const bitrixWebhookUrl = url.transform((raw, ctx) => {
  const u = new URL(raw);
  const m = /^(\/rest\/\d+\/[A-Za-z0-9_]+)(\/|$)/.exec(u.pathname);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'a Bitrix24 inbound webhook looks like https://portal.bitrix24.ru/rest/1/abc123xyz/' });
    return z.NEVER;
  }
  return `${u.origin}${m[1]}/`;
});

export const integrationInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), ...target, emails: z.array(z.string().trim().toLowerCase().max(254).regex(EMAIL, 'not an e-mail address')).min(1).max(5) }).strict(),
  z.object({ kind: z.literal('telegram'), ...target }).strict(),
  z.object({ kind: z.enum(WEBHOOK_KINDS), ...target, url, secret: webhookSecretSchema.optional() }).strict(),
  z.object({ kind: z.literal('amocrm'), ...target, baseUrl: amoBaseUrl, token: z.string().trim().min(16).max(4000), pipelineId: z.number().int().positive().optional() }).strict(),
  z.object({ kind: z.literal('bitrix24'), ...target, webhookUrl: bitrixWebhookUrl }).strict(),
]);
export type IntegrationInput = z.infer<typeof integrationInputSchema>;

export const integrationListQuerySchema = z.object({ siteId: id.optional() });

/** The token of a confirmation link mailed to an address (POST /api/email-confirmations). */
export const emailConfirmationSchema = z.object({ token: z.string().min(16).max(128) }).strict();

export interface IntegrationView {
  id: string;
  siteId: string;
  widgetId: string | null;
  kind: Integration;
  /**
   * pending: Telegram chat not linked yet, or (e-mail) an address awaits its confirmation link and
   * nothing is sent to it; broken: the bot was blocked; disabled: the endpoint answered 410.
   */
  status: 'pending' | 'active' | 'broken' | 'disabled';
  statusReason: string | null;
  /** What it points at, without secrets: addresses, a host, a chat title. */
  label: string;
  /** Leads leave Russia (152-FZ): show a cross-border transfer warning. */
  crossBorder: boolean;
  /** False after a downgrade: kept, but nothing is delivered until the tariff allows it again. */
  allowedByTariff: boolean;
  /** Calltouch / Roistat / 1C: a signed generic webhook, not the vendor's own API. */
  preset: boolean;
  /** The site's default destination: e-mail to the account's sign-in address. */
  signInAddress: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A row of the dashboard's list: how the destination is doing lately. */
export interface IntegrationListItem extends IntegrationView {
  /** The latest attempt of a real lead (test sends are not logged), or null. */
  lastAttempt: DeliveryAttemptView | null;
  /** Deliveries that gave up: "retry all failed" brings them back. */
  failedDeliveries: number;
}

export interface DeliveryAttemptView {
  at: number;
  durationMs: number;
  outcome: 'delivered' | 'failed' | 'throttled' | 'partial' | 'refused';
  statusCode: number | null;
  error: string | null;
}

export interface DeliveryView {
  /** Also the webhook-id header of every try. */
  id: string;
  integrationId: string;
  kind: Integration;
  label: string;
  /** The licensee disconnected the destination (the label then says so, in Russian). */
  destinationDisconnected: boolean;
  crossBorder: boolean;
  /** sending: a worker holds it right now. */
  status: 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
  createdAt: number;
  log: DeliveryAttemptView[];
  canRetry: boolean;
}

// Realtime projects (Pusher-compatible "apps"): the dashboard's wire formats and the names of
// the realtime tariffs, shared by the catalogue, the API and the dashboard.
import { z } from 'zod';

export const REALTIME_TARIFF_IDS = ['rt_free', 'rt_start', 'rt_business', 'rt_pro'] as const;
export type RealtimeTariffId = (typeof REALTIME_TARIFF_IDS)[number];
export const PAID_REALTIME_TARIFF_IDS = ['rt_start', 'rt_business', 'rt_pro'] as const satisfies readonly RealtimeTariffId[];
export type PaidRealtimeTariffId = (typeof PAID_REALTIME_TARIFF_IDS)[number];

/** Prepaid periods of offer 000 §4.2.2, in calendar months. */
export const REALTIME_PERIOD_MONTHS = [1, 3, 9, 12] as const;
export type RealtimePeriodMonths = (typeof REALTIME_PERIOD_MONTHS)[number];

/**
 * An allowed origin for browser connections: "https://shop.example.ru", or a wildcard for
 * subdomains "https://*.example.ru". Stored lower-cased without a trailing slash.
 */
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;
export const allowedOriginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/\/+$/, ''))
  .refine((s) => ORIGIN.test(s), 'An origin looks like https://shop.example.ru or https://*.example.ru');

const name = z.string().trim().min(1).max(100);

export const realtimeProjectCreateSchema = z.object({
  name,
  /** Free is active at once; a paid tariff leaves the project waiting for its first payment. */
  tariffId: z.enum(REALTIME_TARIFF_IDS).default('rt_free'),
});

export const realtimeProjectPatchSchema = z
  .object({
    name,
    /** Empty: any origin may connect. Browsers always send Origin; servers usually send none. */
    allowedOrigins: z.array(allowedOriginSchema).max(50),
    /** client- events on private and presence channels (off by default, as with Pusher). */
    clientEvents: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'Nothing to change');

export const realtimeCheckoutSchema = z.object({
  tariffId: z.enum(PAID_REALTIME_TARIFF_IDS),
  months: z.union([z.literal(1), z.literal(3), z.literal(9), z.literal(12)]),
});

/** "Increase limits": a higher tariff for the rest of the paid period. */
export const realtimeUpgradeSchema = z.object({ tariffId: z.enum(PAID_REALTIME_TARIFF_IDS) });

export const realtimeSwitchToFreeSchema = z.object({ tariffId: z.literal('rt_free') });

export const realtimeStatsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

/** Operator reads of logs name their reason: offer 000 §3.5.4 allows them only for a documented need. */
export const realtimeLogQuerySchema = z.object({
  reason: z.string().trim().min(5).max(500),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const realtimeBlockSchema = z.object({ reason: z.string().trim().min(3).max(500) });

/** Pusher HTTP API: one event to 1–100 channels (POST /apps/{appId}/events). Sizes are checked by the server. */
export const pusherEventSchema = z
  .object({
    name: z.string().min(1).max(200),
    /** A string on the wire; objects are accepted and JSON-encoded, as lenient servers do. */
    data: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]),
    channels: z.array(z.string()).min(1).max(100).optional(),
    channel: z.string().optional(),
    socket_id: z
      .string()
      .regex(/^\d+\.\d+$/, 'socket_id looks like 1234.5678')
      .optional(),
    info: z.string().max(100).optional(),
  })
  .refine((e) => (e.channels === undefined) !== (e.channel === undefined), 'Give either channels or channel');

export const pusherBatchSchema = z.object({
  batch: z.array(pusherEventSchema).min(1).max(10),
});

export const pusherChannelsQuerySchema = z.object({
  filter_by_prefix: z.string().max(200).optional(),
  info: z.string().max(100).optional(),
});

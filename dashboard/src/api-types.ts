// Response types of the dashboard API, read from the server's own route definitions (Hono's
// schema of AppType), so a change on the server shows up here as a type error. Widgets are
// typed from the contracts: their stored definition is a union Hono cannot flatten to JSON.
import type { ExtractSchema } from 'hono/types';
import type { AppType } from '../../server/src/app.js';
import type { WidgetInput } from '#contracts/schemas/widget.js';
import type { ServeReason } from '#contracts/core/debug.js';

type Schema = ExtractSchema<AppType>;
/** What GET on path P answers with (JSON as the browser receives it). */
type Output<P extends keyof Schema> = Schema[P] extends { $get: { output: infer O } } ? O : never;

export type Me = Output<'/api/me'>;
export type Site = Output<'/api/sites'>['sites'][number];
/** A site as its own page reads it: with the hosts that loaded its code without being its domains. */
export type SiteWithHosts = Output<'/api/sites/:id'>;
export type Usage = Output<'/api/usage'>;
export type LeadPage = Output<'/api/leads'>;
export type Lead = LeadPage['leads'][number];
export type Stats = Output<'/api/stats'>;
export type StatsDay = Stats['days'][number];
export type StatsCompare = Output<'/api/stats/compare'>;
export type StatsFunnel = Output<'/api/stats/funnel'>;
export type StatsBreakdowns = Output<'/api/stats/breakdowns'>;
export type WidgetStats = Output<'/api/stats/widgets'>['widgets'][number];
export type NotificationList = Output<'/api/notifications'>;
export type AppNotification = NotificationList['notifications'][number];
export type TariffCatalogue = Output<'/api/tariffs'>;
export type Tariff = TariffCatalogue['tariffs'][number];
export type Payment = Output<'/api/billing/payments/:id'>;

export type Widget = WidgetInput & {
  id: string;
  /** Active and actually served (a downgrade or a block can stop an active widget). */
  served: boolean;
  blocked: { at: number; reason: string | null } | null;
  /** In the widget list: why the tariff holds it back (server/src/widgets/widgets/serve-verdicts.ts), with the way out. */
  notServed?: { reason: ServeReason | null; resetsAt?: number; upgradeTo?: { id: string; name: { ru: string; en: string } } | null } | null;
  createdAt: number;
  updatedAt: number;
};
export type Billing = Output<'/api/billing'>;
export type RefusedList = Output<'/api/stats/refused'>;
export type InvoiceList = Output<'/api/billing/invoices'>;
export type ServiceRequests = Output<'/api/service-requests'>;
export type IntegrationList = Output<'/api/integrations'>;
export type IntegrationItem = IntegrationList['integrations'][number];
export type IntegrationKindInfo = IntegrationList['kinds'][number];
export type LeadDeliveries = Output<'/api/leads/:id/deliveries'>;
export type LeadDelivery = LeadDeliveries['deliveries'][number];
export type NoticeList = Output<'/api/notices'>;

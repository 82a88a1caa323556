// Response types of the operator API, read from the server's route definitions like api-types.ts.
import type { ExtractSchema } from 'hono/types';
import type { AppType } from '../../../server/src/app.js';

type Schema = ExtractSchema<AppType>;
type Output<P extends keyof Schema> = Schema[P] extends { $get: { output: infer O } } ? O : never;

export type AdminAccount = Output<'/api/admin/accounts'>['accounts'][number];
export type AdminAccountDetail = Output<'/api/admin/accounts/:id'>;
export type AdminLead = Output<'/api/admin/accounts/:id/leads'>['leads'][number];
export type LeadAccess = Output<'/api/admin/accounts/:id/lead-access'>['journal'][number];
export type AbuseComplaint = Output<'/api/admin/abuse'>['complaints'][number];
export type PlatformTotals = Output<'/api/admin/stats'>;
export type TariffPrice = Output<'/api/admin/billing/prices'>['prices'][number];
export type PromoCode = Output<'/api/admin/billing/promo-codes'>['promoCodes'][number];
export type AdminInvoice = Output<'/api/admin/billing/invoices'>['invoices'][number];
export type PendingPayment = Output<'/api/admin/billing/pending'>['payments'][number];
export type ServiceRequest = Output<'/api/admin/service-requests'>['requests'][number];
export type OperatorNotice = Output<'/api/admin/notices'>['notices'][number];
export type RealtimeProject = Output<'/api/admin/realtime/projects'>['projects'][number];

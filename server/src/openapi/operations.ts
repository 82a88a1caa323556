// The declared table of API operations the OpenAPI document is built from. Each request schema
// is the very zod schema the route validates with (readJson / readQuery), so the document
// cannot drift from what the server accepts; a test checks the table against app.routes.
import type { z } from 'zod';
import { accountSettingsSchema, requestCodeSchema, verifyCodeSchema } from '#contracts/schemas/accounts.js';
import { setTariffSchema } from '#contracts/schemas/admin.js';
import { autopayRequestSchema, checkoutRequestSchema, promoCodeSchema, quoteRequestSchema, setPriceSchema, yookassaNotificationSchema } from '#contracts/schemas/billing.js';
import { chatAuthSchema, chatHistorySchema, chatReplySchema, chatSendSchema, chatStartSchema, chatStatusSchema } from '#contracts/schemas/chat.js';
import { eventsBatchSchema, leadSubmissionSchema } from '#contracts/schemas/embed.js';
import { emailConfirmationSchema, integrationInputSchema, integrationListQuerySchema } from '#contracts/schemas/integrations.js';
import { leadDeleteSchema, leadListQuerySchema, leadUpdateSchema } from '#contracts/schemas/leads.js';
import { liveAuthSchema } from '#contracts/schemas/live.js';
import { abuseComplaintSchema, abuseUpdateSchema, blockSchema, deleteAccountSchema } from '#contracts/schemas/operator.js';
import {
  realtimeBlockSchema,
  realtimeCheckoutSchema,
  realtimeLogQuerySchema,
  realtimeProjectCreateSchema,
  realtimeProjectPatchSchema,
  realtimeStatsQuerySchema,
  realtimeSwitchToFreeSchema,
  realtimeUpgradeSchema,
} from '#contracts/schemas/realtime.js';
import { requisitesSchema } from '#contracts/schemas/requisites.js';
import { noticeSchema, serviceRequestSchema, serviceRequestUpdateSchema } from '#contracts/schemas/services.js';
import { siteInputSchema, sitePatchSchema } from '#contracts/schemas/sites.js';
import { statsCompareQuerySchema, statsFunnelQuerySchema, statsQuerySchema, statsRangeSchema, statsWidgetQuerySchema } from '#contracts/schemas/stats.js';
import { teamInviteSchema, teamSwitchSchema } from '#contracts/schemas/team.js';
import { widgetInputSchema, widgetPatchSchema } from '#contracts/schemas/widget.js';
import { variantPatchSchema, variantSplitSchema } from '#contracts/schemas/ab.js';
import { adminAccountsQuerySchema, adminLeadsPageQuerySchema } from '../platform/admin/routes.js';
import { extendSchema } from '../platform/billing/admin-routes.js';
import { listQuerySchema as notificationListQuerySchema, markReadSchema } from '../platform/notifications/routes.js';
import { adminLogAccessQuerySchema, adminRealtimeProjectsQuerySchema } from '../realtime/admin-routes.js';
import { exportQuerySchema } from '../widgets/leads/export.js';
import { addDomainSchema } from '../widgets/sites/routes.js';
import { widgetListQuerySchema } from '../widgets/widgets/routes.js';
import { previewRedeemQuerySchema } from '../widgets/widgets/preview.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Who may call: anyone, a signed-in dashboard session, or a platform operator's session. */
export type Access = 'public' | 'session' | 'operator';

export interface Operation {
  method: HttpMethod;
  /** OpenAPI form: `{id}`, not Hono's `:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Embed endpoints also take the JSON as text/plain (beacons, simple CORS requests). */
  textPlain?: boolean;
  /** The answer is not JSON (CSV, PDF). */
  produces?: string;
}

const op = (method: HttpMethod, path: string, tag: string, access: Access, summary: string, extra: Partial<Operation> = {}): Operation => ({ method, path, tag, access, summary, ...extra });
const pub = (m: HttpMethod, p: string, tag: string, s: string, e?: Partial<Operation>) => op(m, p, tag, 'public', s, e);
const ses = (m: HttpMethod, p: string, tag: string, s: string, e?: Partial<Operation>) => op(m, p, tag, 'session', s, e);
const opr = (m: HttpMethod, p: string, tag: string, s: string, e?: Partial<Operation>) => op(m, p, tag, 'operator', s, e);
const PDF = 'application/pdf';

export const OPERATIONS: readonly Operation[] = [
  // Embed API: called by the loader and widget runtime on licensees' pages.
  pub('get', '/v1/sites/{siteKey}/config', 'embed', 'Widget configuration of a site for this page'),
  pub('get', '/v1/sites/{siteKey}/debug', 'embed', 'Why widgets do or do not show on this page'),
  pub('get', '/v1/sites/{siteKey}/badge', 'embed', 'The "made with" link: counts the visit for the site\'s account (a number per day, no personal data) and redirects to the product page'),
  pub('get', '/v1/preview/{token}', 'embed', "The owner's draft of a widget, for the browser tab that opened the preview link first", { query: previewRedeemQuerySchema }),
  pub('post', '/v1/events', 'embed', 'Batch of impression and interaction events', { body: eventsBatchSchema, textPlain: true }),
  pub('post', '/v1/leads', 'embed', 'Submit a lead form', { body: leadSubmissionSchema, textPlain: true }),
  pub('post', '/v1/chat/status', 'embed-chat', 'Whether an operator is online', { body: chatStatusSchema, textPlain: true }),
  pub('post', '/v1/chat/start', 'embed-chat', 'Start a visitor chat', { body: chatStartSchema, textPlain: true }),
  pub('post', '/v1/chat/send', 'embed-chat', 'Send a visitor message', { body: chatSendSchema, textPlain: true }),
  pub('post', '/v1/chat/history', 'embed-chat', 'Messages of a visitor chat', { body: chatHistorySchema, textPlain: true }),
  pub('post', '/v1/chat/auth', 'embed-chat', 'Authorize the visitor for the chat channel', { body: chatAuthSchema, textPlain: true }),

  // Dashboard API.
  pub('get', '/api/openapi.json', 'meta', 'This document'),
  pub('post', '/api/auth/code', 'auth', 'Mail a sign-in code', { body: requestCodeSchema }),
  pub('post', '/api/auth/verify', 'auth', 'Sign in with the mailed code', { body: verifyCodeSchema }),
  ses('post', '/api/auth/logout', 'auth', 'Sign out this session'),
  ses('post', '/api/auth/logout-all', 'auth', 'Sign out every session'),
  ses('get', '/api/me', 'auth', 'The signed-in account'),
  ses('delete', '/api/me', 'auth', 'Delete the account', { body: deleteAccountSchema }),
  ses('patch', '/api/me/settings', 'auth', 'The language of the dashboard, which the account’s mails follow', { body: accountSettingsSchema }),
  pub('post', '/api/webhooks/yookassa', 'billing', 'YooKassa payment notification', { body: yookassaNotificationSchema }),
  pub('post', '/api/abuse', 'abuse', 'Complain about a widget', { body: abuseComplaintSchema }),
  pub('post', '/api/email-confirmations', 'integrations', 'Confirm an e-mail address for leads with the token of the mailed link', { body: emailConfirmationSchema }),

  ses('get', '/api/billing', 'billing', 'Tariff, period and payment state'),
  ses('post', '/api/billing/invoices', 'billing', 'Issue an invoice to a legal entity', { body: quoteRequestSchema.extend({ requisites: requisitesSchema }) }),
  ses('get', '/api/billing/invoices', 'billing', 'Invoices of the account'),
  ses('get', '/api/billing/invoices/{file}', 'billing', 'Invoice PDF by file name', { produces: PDF }),
  ses('get', '/api/billing/invoices/{id}', 'billing', 'Invoice PDF', { produces: PDF }),
  ses('get', '/api/billing/invoices/{id}/act', 'billing', 'Act PDF of a paid invoice', { produces: PDF }),
  ses('post', '/api/billing/quote', 'billing', 'Price of a tariff change', { body: quoteRequestSchema }),
  ses('post', '/api/billing/checkout', 'billing', 'Start a card payment', { body: checkoutRequestSchema }),
  ses('post', '/api/billing/payments/{id}/retry', 'billing', 'Retry a failed payment'),
  ses('get', '/api/billing/payments/{id}', 'billing', 'A payment'),
  ses('get', '/api/billing/payments/{id}/invoice', 'billing', 'Invoice PDF of a payment', { produces: PDF }),
  ses('put', '/api/billing/autopay', 'billing', 'Turn autopay on or off', { body: autopayRequestSchema }),
  ses('get', '/api/tariffs', 'billing', 'Tariffs and prices'),
  ses('get', '/api/usage', 'billing', 'Usage against the tariff limits'),

  ses('get', '/api/sites', 'sites', 'Sites of the account'),
  ses('post', '/api/sites', 'sites', 'Add a site', { body: siteInputSchema }),
  ses('get', '/api/sites/{id}', 'sites', 'A site'),
  ses('patch', '/api/sites/{id}', 'sites', 'Change a site', { body: sitePatchSchema }),
  ses('delete', '/api/sites/{id}', 'sites', 'Delete a site'),
  ses('post', '/api/sites/{id}/domains', 'sites', 'Add a domain to a site', { body: addDomainSchema }),

  ses('get', '/api/widgets', 'widgets', 'Widgets, optionally of one site', { query: widgetListQuerySchema }),
  ses('post', '/api/widgets', 'widgets', 'Create a widget', { body: widgetInputSchema }),
  ses('get', '/api/widgets/{id}', 'widgets', 'A widget'),
  ses('patch', '/api/widgets/{id}', 'widgets', 'Change a widget', { body: widgetPatchSchema }),
  ses('delete', '/api/widgets/{id}', 'widgets', 'Delete a widget'),
  ses('post', '/api/widgets/{id}/duplicate', 'widgets', 'Copy a widget'),
  ses('post', '/api/widgets/{id}/preview', 'widgets', 'A short-lived preview link for the draft, to open on the own site', { body: widgetPatchSchema }),
  ses('get', '/api/widgets/{id}/variants', 'widgets', 'The widget’s A/B test: its variants and their shares'),
  ses('post', '/api/widgets/{id}/variants', 'widgets', 'Add an A/B variant: a copy of the widget with these changes', { body: variantPatchSchema }),
  ses('patch', '/api/widgets/{id}/variants/{variantId}', 'widgets', 'Change an A/B variant', { body: variantPatchSchema }),
  ses('delete', '/api/widgets/{id}/variants/{variantId}', 'widgets', 'Remove an A/B variant'),
  ses('put', '/api/widgets/{id}/variants/split', 'widgets', 'Set the A/B split of page views', { body: variantSplitSchema }),
  ses('post', '/api/widgets/{id}/variants/{variantId}/promote', 'widgets', 'End the A/B test: the variant’s fields become the widget’s'),
  ses('get', '/api/widgets/{id}/variants/results', 'widgets', 'A/B results: impressions, leads, conversion, credible intervals, probability to be best'),

  ses('get', '/api/leads', 'leads', 'Leads, filtered and paged', { query: leadListQuerySchema }),
  ses('get', '/api/leads/counts', 'leads', 'Lead counts by status'),
  ses('get', '/api/leads/export.csv', 'leads', 'Leads as CSV', { query: exportQuerySchema, produces: 'text/csv' }),
  ses('get', '/api/leads/{id}', 'leads', 'A lead'),
  ses('patch', '/api/leads/{id}', 'leads', 'Change a lead’s status or note', { body: leadUpdateSchema }),
  ses('delete', '/api/leads/{id}', 'leads', 'Delete a lead'),
  ses('post', '/api/leads/delete', 'leads', 'Delete several leads', { body: leadDeleteSchema }),
  ses('get', '/api/leads/{id}/deliveries', 'leads', 'Deliveries of a lead'),
  ses('post', '/api/leads/{id}/deliveries/{deliveryId}/retry', 'leads', 'Retry a delivery'),

  ses('get', '/api/integrations', 'integrations', 'Integrations, optionally of one site', { query: integrationListQuerySchema }),
  ses('post', '/api/integrations', 'integrations', 'Add an integration', { body: integrationInputSchema }),
  ses('get', '/api/integrations/{id}', 'integrations', 'An integration'),
  ses('delete', '/api/integrations/{id}', 'integrations', 'Delete an integration'),
  ses('post', '/api/integrations/{id}/test', 'integrations', 'Send a test delivery'),
  ses('get', '/api/integrations/{id}/secret', 'integrations', 'Webhook signing secret'),
  ses('post', '/api/integrations/{id}/link', 'integrations', 'Link code for a Telegram chat'),
  ses('post', '/api/integrations/{id}/confirmation', 'integrations', 'Mail the confirmation link again to the addresses not confirmed yet'),
  ses('post', '/api/integrations/{id}/enable', 'integrations', 'Enable an integration'),
  ses('post', '/api/integrations/{id}/retry-failed', 'integrations', 'Retry its failed deliveries'),

  ses('get', '/api/stats', 'stats', 'Impressions, conversions and leads by day', { query: statsQuerySchema }),
  ses('get', '/api/stats/refused', 'stats', 'Submissions the spam heuristics refused, by widget, the site’s day and reason', { query: statsQuerySchema }),
  ses('get', '/api/stats/widgets', 'stats', 'Figures per widget', { query: statsRangeSchema }),
  ses('get', '/api/stats/funnel', 'stats', 'A widget’s funnel (or one A/B variant’s): shown, interacted, started, submitted, leads, by day and in total', { query: statsFunnelQuerySchema }),
  ses('get', '/api/stats/breakdowns', 'stats', 'A widget’s impressions and submits by device, page path, traffic source and new or returning visitor', { query: statsWidgetQuerySchema }),
  ses('get', '/api/stats/compare', 'stats', 'A site’s widgets over a range against the range before it', { query: statsCompareQuerySchema }),

  ses('get', '/api/notifications', 'notifications', 'Notifications of the account', { query: notificationListQuerySchema }),
  ses('post', '/api/notifications/read', 'notifications', 'Mark notifications read', { body: markReadSchema }),
  ses('get', '/api/notices', 'notifications', 'Platform notices in effect'),

  ses('get', '/api/service-requests', 'services', 'Service requests of the account'),
  ses('post', '/api/service-requests', 'services', 'Order a service', { body: serviceRequestSchema }),

  ses('get', '/api/realtime/tariffs', 'realtime', 'Realtime tariffs and prices'),
  ses('get', '/api/realtime/projects', 'realtime', 'Realtime projects'),
  ses('post', '/api/realtime/projects', 'realtime', 'Create a realtime project', { body: realtimeProjectCreateSchema }),
  ses('get', '/api/realtime/projects/{id}', 'realtime', 'A realtime project'),
  ses('patch', '/api/realtime/projects/{id}', 'realtime', 'Change a realtime project', { body: realtimeProjectPatchSchema }),
  ses('delete', '/api/realtime/projects/{id}', 'realtime', 'Delete a realtime project'),
  ses('post', '/api/realtime/projects/{id}/secret', 'realtime', 'Rotate the project secret'),
  ses('get', '/api/realtime/projects/{id}/stats', 'realtime', 'Connections and messages by day', { query: realtimeStatsQuerySchema }),
  ses('post', '/api/realtime/projects/{id}/checkout', 'realtime', 'Pay for a realtime tariff', { body: realtimeCheckoutSchema }),
  ses('post', '/api/realtime/projects/{id}/upgrade', 'realtime', 'Upgrade a realtime tariff', { body: realtimeUpgradeSchema }),
  ses('put', '/api/realtime/projects/{id}/tariff', 'realtime', 'Switch to the free realtime tariff', { body: realtimeSwitchToFreeSchema }),

  ses('post', '/api/live/auth', 'chat', 'Authorize the dashboard’s live channel', { body: liveAuthSchema }),
  ses('get', '/api/live', 'chat', 'Live connection settings'),
  ses('get', '/api/chats', 'chat', 'Chats of the account'),
  ses('get', '/api/chats/unread', 'chat', 'Unread chat count'),
  ses('get', '/api/chats/{id}', 'chat', 'A chat with its messages'),
  ses('post', '/api/chats/{id}/read', 'chat', 'Mark a chat read'),
  ses('post', '/api/chats/{id}/messages', 'chat', 'Reply in a chat', { body: chatReplySchema }),
  ses('delete', '/api/chats/{id}', 'chat', 'Delete a chat'),

  ses('get', '/api/team', 'team', 'Team members and accounts one can act for'),
  ses('post', '/api/team/members', 'team', 'Invite a member', { body: teamInviteSchema }),
  ses('post', '/api/team/members/{id}/invitation', 'team', 'Send an unanswered invitation’s letter again'),
  ses('delete', '/api/team/members/{id}', 'team', 'Remove a member'),
  ses('post', '/api/team/switch', 'team', 'Act for another account', { body: teamSwitchSchema }),
  ses('get', '/api/team/invitations/{id}', 'team', 'An invitation addressed to the signed-in person'),
  ses('post', '/api/team/invitations/{id}/accept', 'team', 'Accept an invitation and switch into the team'),
  ses('delete', '/api/team/invitations/{id}', 'team', 'Decline an invitation or leave a team'),

  // Operator API.
  opr('get', '/api/admin/accounts', 'admin', 'Find accounts', { query: adminAccountsQuerySchema }),
  opr('get', '/api/admin/accounts/{id}', 'admin', 'An account'),
  opr('put', '/api/admin/accounts/{id}/tariff', 'admin', 'Set an account’s tariff', { body: setTariffSchema }),
  opr('put', '/api/admin/accounts/{id}/block', 'admin', 'Block or unblock an account', { body: blockSchema }),
  opr('put', '/api/admin/widgets/{id}/block', 'admin', 'Block or unblock a widget', { body: blockSchema }),
  opr('get', '/api/admin/accounts/{id}/leads', 'admin', 'An account’s leads (logged access)', { query: adminLeadsPageQuerySchema }),
  opr('get', '/api/admin/accounts/{id}/lead-access', 'admin', 'Log of operator access to leads'),
  opr('get', '/api/admin/abuse', 'admin', 'Abuse complaints'),
  opr('put', '/api/admin/abuse/{id}', 'admin', 'Resolve a complaint', { body: abuseUpdateSchema }),
  opr('get', '/api/admin/stats', 'admin', 'Platform figures'),
  opr('get', '/api/admin/billing/prices', 'admin', 'Tariff prices'),
  opr('put', '/api/admin/billing/prices/{tariffId}', 'admin', 'Set a tariff price', { body: setPriceSchema }),
  opr('get', '/api/admin/billing/promo-codes', 'admin', 'Promo codes'),
  opr('post', '/api/admin/billing/promo-codes', 'admin', 'Create a promo code', { body: promoCodeSchema }),
  opr('delete', '/api/admin/billing/promo-codes/{code}', 'admin', 'Delete a promo code'),
  opr('get', '/api/admin/billing/invoices', 'admin', 'Invoices'),
  opr('get', '/api/admin/billing/invoices/{id}', 'admin', 'An invoice'),
  opr('get', '/api/admin/billing/pending', 'admin', 'Invoices awaiting payment'),
  opr('get', '/api/admin/billing/payments', 'admin', 'Payments'),
  opr('get', '/api/admin/billing/payments/{id}/invoice', 'admin', 'Invoice PDF of a payment', { produces: PDF }),
  opr('post', '/api/admin/billing/payments/{id}/mark-paid', 'admin', 'Mark a bank transfer paid'),
  opr('post', '/api/admin/billing/accounts/{id}/extend', 'admin', 'Extend an account’s period', { body: extendSchema }),
  opr('get', '/api/admin/service-requests', 'admin', 'Service requests'),
  opr('put', '/api/admin/service-requests/{id}', 'admin', 'Update a service request', { body: serviceRequestUpdateSchema }),
  opr('get', '/api/admin/notices', 'admin', 'Platform notices'),
  opr('post', '/api/admin/notices', 'admin', 'Publish a notice', { body: noticeSchema }),
  opr('delete', '/api/admin/notices/{id}', 'admin', 'Withdraw a notice'),
  opr('put', '/api/admin/realtime/prices/{tariffId}', 'admin', 'Set a realtime tariff price', { body: setPriceSchema }),
  opr('get', '/api/admin/realtime/projects', 'admin', 'Realtime projects', { query: adminRealtimeProjectsQuerySchema }),
  opr('post', '/api/admin/realtime/projects/{id}/block', 'admin', 'Block a realtime project', { body: realtimeBlockSchema }),
  opr('post', '/api/admin/realtime/projects/{id}/unblock', 'admin', 'Unblock a realtime project'),
  opr('post', '/api/admin/realtime/accounts/{id}/restore', 'admin', 'Restore a deleted realtime account'),
  opr('get', '/api/admin/realtime/projects/{id}/logs/messages', 'admin', 'Message log of a project', { query: realtimeLogQuerySchema }),
  opr('get', '/api/admin/realtime/projects/{id}/logs/connections', 'admin', 'Connection log of a project', { query: realtimeLogQuerySchema }),
  opr('get', '/api/admin/realtime/log-access', 'admin', 'Log of operator access to realtime logs', { query: adminLogAccessQuerySchema }),
];

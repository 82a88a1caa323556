// The app's pages. Each is a separate chunk (lazyPage); order matters only where two
// patterns could match one path ("/widgets/new" before "/widgets/:id").
import type { ComponentType } from 'preact';
import { lazyPage, type PageProps } from './router/lazy-page.js';

export interface Route {
  pattern: string;
  page: ComponentType<PageProps>;
  /** Routes of one group keep the page mounted between them; others remount per path. */
  group?: string;
}

const home = lazyPage(() => import('./home/home-page.js'));
const tariff = lazyPage(() => import('./tariff/tariff-page.js'));
const widgetEditor = lazyPage(() => import('./widgets/editor-page.js'));
// One wrapper for the list and its detail: opening a lead keeps the list (and its filters) mounted.
const leads = lazyPage(() => import('./leads/leads-page.js'));
const integrations = lazyPage(() => import('./integrations/integrations-page.js'));
const chats = lazyPage(() => import('./chats/chats-page.js'));

export const ROUTES: Route[] = [
  { pattern: '/', page: home },
  { pattern: '/sites', page: lazyPage(() => import('./sites/sites-page.js')) },
  { pattern: '/sites/:id', page: lazyPage(() => import('./sites/site-page.js')) },
  { pattern: '/sites/:id/integrations', page: integrations },
  { pattern: '/integrations', page: integrations },
  { pattern: '/widgets', page: lazyPage(() => import('./widgets/widgets-page.js')) },
  { pattern: '/widgets/new', page: lazyPage(() => import('./widgets/new-widget-page.js')) },
  { pattern: '/widgets/new/:template', page: widgetEditor },
  { pattern: '/widgets/:id/ab', page: lazyPage(() => import('./widgets/ab-page.js')) },
  { pattern: '/widgets/:id/variants/:variantId', page: widgetEditor },
  { pattern: '/widgets/:id', page: widgetEditor },
  { pattern: '/leads', page: leads, group: 'leads' },
  { pattern: '/leads/:id', page: leads, group: 'leads' },
  { pattern: '/chats', page: chats, group: 'chats' },
  { pattern: '/chats/:id', page: chats, group: 'chats' },
  { pattern: '/stats', page: lazyPage(() => import('./stats/stats-page.js')) },
  { pattern: '/tariff', page: tariff },
  // Payment e-mails link /app/billing; YooKassa returns the payer to /app/billing/return.
  { pattern: '/billing', page: lazyPage(() => import('./billing/billing-page.js')) },
  { pattern: '/billing/return', page: lazyPage(() => import('./billing/return-page.js')) },
  { pattern: '/billing/invoices', page: lazyPage(() => import('./billing/invoices-page.js')) },
  { pattern: '/services', page: lazyPage(() => import('./billing/services-page.js')) },
  { pattern: '/account', page: lazyPage(() => import('./account/account-page.js')) },
  { pattern: '/team', page: lazyPage(() => import('./team/team-page.js')) },
  // The link in the invitation e-mail.
  { pattern: '/team/invitations/:id', page: lazyPage(() => import('./team/invitation-page.js')) },
  { pattern: '/realtime', page: lazyPage(() => import('./realtime/projects-page.js')) },
  { pattern: '/realtime/:id', page: lazyPage(() => import('./realtime/project-page.js')) },
  { pattern: '/notifications', page: lazyPage(() => import('./notifications/notifications-page.js')) },
  // The operator's section (admin/admin-frame.tsx refuses other roles; so does the server).
  { pattern: '/admin', page: lazyPage(() => import('./admin/overview-page.js')) },
  { pattern: '/admin/accounts', page: lazyPage(() => import('./admin/accounts-page.js')) },
  { pattern: '/admin/accounts/:id', page: lazyPage(() => import('./admin/account-page.js')) },
  { pattern: '/admin/prices', page: lazyPage(() => import('./admin/prices-page.js')) },
  { pattern: '/admin/payments', page: lazyPage(() => import('./admin/pending-payments-page.js')) },
  { pattern: '/admin/invoices', page: lazyPage(() => import('./admin/invoices-page.js')) },
  { pattern: '/admin/abuse', page: lazyPage(() => import('./admin/abuse-page.js')) },
  { pattern: '/admin/requests', page: lazyPage(() => import('./admin/requests-page.js')) },
  { pattern: '/admin/notices', page: lazyPage(() => import('./admin/notices-page.js')) },
];

/** Readable without signing in: the sign-up form links them. */
export const PUBLIC_ROUTES: Route[] = [
  { pattern: '/legal/:doc', page: lazyPage(() => import('./legal/legal-page.js')) },
  // Rights holders complain without an account (offer 003 §12.6).
  { pattern: '/abuse', page: lazyPage(() => import('./abuse/abuse-form-page.js')) },
  // The link mailed to an e-mail destination's address, opened by whoever owns that address.
  { pattern: '/confirm-email', page: lazyPage(() => import('./confirm-email/confirm-email-page.js')) },
];

export const NOT_FOUND = lazyPage(() => import('./not-found-page.js'));

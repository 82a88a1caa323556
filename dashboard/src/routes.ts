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

export const ROUTES: Route[] = [
  { pattern: '/', page: home },
  { pattern: '/sites', page: lazyPage(() => import('./sites/sites-page.js')) },
  { pattern: '/sites/:id', page: lazyPage(() => import('./sites/site-page.js')) },
  { pattern: '/widgets', page: lazyPage(() => import('./widgets/widgets-page.js')) },
  { pattern: '/widgets/new', page: lazyPage(() => import('./widgets/new-widget-page.js')) },
  { pattern: '/widgets/new/:template', page: widgetEditor },
  { pattern: '/widgets/:id', page: widgetEditor },
  { pattern: '/leads', page: leads, group: 'leads' },
  { pattern: '/leads/:id', page: leads, group: 'leads' },
  { pattern: '/stats', page: lazyPage(() => import('./stats/stats-page.js')) },
  { pattern: '/tariff', page: tariff },
  // Payment e-mails link /app/billing (server/src/billing); the tariff page is where it lives.
  { pattern: '/billing', page: tariff },
  { pattern: '/billing/return', page: tariff },
  { pattern: '/realtime', page: lazyPage(() => import('./realtime/projects-page.js')) },
  { pattern: '/realtime/:id', page: lazyPage(() => import('./realtime/project-page.js')) },
  { pattern: '/notifications', page: lazyPage(() => import('./notifications/notifications-page.js')) },
];

/** Readable without signing in: the sign-up form links them. */
export const PUBLIC_ROUTES: Route[] = [{ pattern: '/legal/:doc', page: lazyPage(() => import('./legal/legal-page.js')) }];

export const NOT_FOUND = lazyPage(() => import('./not-found-page.js'));

// Licensees made through the API, for specs that start from a working form: one on the host
// pages' origin (127.0.0.1) for browser visits, and one on shop.example.ru on the Start tariff
// whose leads are posted straight to the public endpoint (delivery specs).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { WebhookReceiver } from '../../support/fakes/webhook-receiver.js';
import { apiSignIn, type ApiSession } from './api-session.js';
import { signUp } from './dashboard.js';
import type { Stack } from './stack.js';

/** The form most specs use: a name and a phone, both required. */
export const NAME_AND_PHONE = [
  { key: 'name', kind: 'name', label: 'Имя', required: true },
  { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
];

export interface Licensee {
  session: ApiSession;
  site: { id: string; siteKey: string; snippet: string };
  widgetId: string;
}

export async function licenseeWithFormWidget(stack: Stack, email: string): Promise<Licensee> {
  const session = await apiSignIn(stack.platform.url, email);
  const created = await session.request('POST', '/api/sites', { name: 'Магазин чая', domains: ['127.0.0.1'] });
  expect(created.status).toBe(201);
  const widget = await session.request('POST', '/api/widgets', {
    type: 'form',
    name: 'Заявка',
    siteId: created.body.id,
    active: true,
    content: {
      title: 'Перезвоним за 5 минут',
      fields: NAME_AND_PHONE,
      consentUrl: `${stack.host.origin}/consent`,
      privacyUrl: `${stack.host.origin}/privacy`,
    },
  });
  expect(widget.status).toBe(201);
  return { session, site: created.body, widgetId: widget.body.id as string };
}

/** The shop's origin: its site's domain and where its visitors' leads come from. */
export const SHOP_ORIGIN = 'https://shop.example.ru';

export interface ShopLicensee {
  owner: ApiSession;
  /** The operator's session, for later tariff changes. */
  ops: ApiSession;
  site: { id: string; siteKey: string };
  widgetId: string;
}

export interface ShopOptions {
  /** An address in the platform's OPERATOR_EMAILS: it moves the owner to the Start tariff. */
  operator: string;
  siteName: string;
  widgetName: string;
  fields?: typeof NAME_AND_PHONE;
}

/** A licensee on the Start tariff (webhooks are in it) with a site on shop.example.ru and an active form widget. */
export async function shopOnStartTariff(platformUrl: string, email: string, options: ShopOptions): Promise<ShopLicensee> {
  const owner = await apiSignIn(platformUrl, email);
  const ops = await apiSignIn(platformUrl, options.operator);
  expect((await ops.request('PUT', `/api/admin/accounts/${owner.accountId}/tariff`, { tariffId: 'start' })).status).toBe(200);
  const site = (await owner.request('POST', '/api/sites', { name: options.siteName, domains: ['shop.example.ru'] })).body;
  const widget = await owner.request('POST', '/api/widgets', {
    type: 'form',
    name: options.widgetName,
    siteId: site.id,
    active: true,
    content: { fields: options.fields ?? NAME_AND_PHONE, consentUrl: `${SHOP_ORIGIN}/consent`, privacyUrl: `${SHOP_ORIGIN}/privacy` },
  });
  expect(widget.status).toBe(201);
  return { owner, ops, site, widgetId: widget.body.id };
}

/** The site's leads go to `receiver` alone: the default destination (the sign-in address) is disconnected first. */
export async function deliverToWebhookOnly({ owner, site }: ShopLicensee, receiver: WebhookReceiver): Promise<void> {
  for (const i of (await owner.request('GET', `/api/integrations?siteId=${site.id}`)).body.integrations) expect((await owner.request('DELETE', `/api/integrations/${i.id}`)).status).toBe(204);
  expect((await owner.request('POST', '/api/integrations', { siteId: site.id, kind: 'webhook', url: `${receiver.url}/leads`, secret: receiver.secret })).status).toBe(201);
}

/** A visitor's lead on the shop's page, through the public endpoint the widget runtime posts to; answers 201. */
export async function postShopLead(platformUrl: string, { site, widgetId }: Pick<ShopLicensee, 'site' | 'widgetId'>, fields: Record<string, string>): Promise<void> {
  const res = await fetch(`${platformUrl}/v1/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN },
    body: JSON.stringify({ site: site.siteKey, widget: widgetId, fields, consent: true, elapsedMs: 3000 }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

export interface DashboardLicensee {
  /** The dashboard at 1280 x 900, signed in as the licensee. */
  page: Page;
  owner: ApiSession;
  site: { id: string; siteKey: string; snippet: string };
  widgetId: string;
}

export interface PhoneFormOptions {
  siteName: string;
  domain: string;
  widgetName: string;
  title: string;
}

/** A licensee who signed up in the dashboard, with a site on `domain` and an active form widget asking for a phone. */
export async function signedUpWithPhoneForm(stack: Stack, email: string, o: PhoneFormOptions): Promise<DashboardLicensee> {
  const page = await stack.browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUp(page, stack.platform.url, email);
  const owner = await apiSignIn(stack.platform.url, email);
  const site = (await owner.request('POST', '/api/sites', { name: o.siteName, domains: [o.domain] })).body;
  const widget = await owner.request('POST', '/api/widgets', {
    type: 'form',
    name: o.widgetName,
    siteId: site.id,
    active: true,
    content: {
      title: o.title,
      fields: [{ key: 'phone', kind: 'phone', label: 'Телефон', required: true }],
      consentUrl: `${stack.host.origin}/consent`,
      privacyUrl: `${stack.host.origin}/privacy`,
    },
  });
  expect(widget.status).toBe(201);
  return { page, owner, site, widgetId: widget.body.id };
}

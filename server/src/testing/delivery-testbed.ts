// A licensee with a site and a lead form on a fresh test app, a delivery worker on the same
// manual clock, and helpers to submit leads and let clock time pass.
import { asc, eq } from 'drizzle-orm';
import type { Mailer } from '../platform/mail/mailer.js';
import { createSite, createTestApp, formWidgetInput, setTariff, signIn, type Session, type TestApp } from './harness.js';
import { createDeliveryWorker, type DeliveryWorker } from '../widgets/integrations/worker.js';

export interface Testbed {
  t: TestApp;
  s: Session;
  site: { id: string; siteKey: string };
  widgetId: string;
  worker: DeliveryWorker;
  /** Submits a lead through the public endpoint, as a visitor's browser does; returns its id. */
  submitLead(fields?: Record<string, string>): Promise<string>;
  /** Runs the worker until nothing is due at the current clock time. */
  deliverDue(): Promise<void>;
  /** Moves the clock to `until`, stopping at every due time on the way to deliver what is due. */
  runUntil(until: number): Promise<void>;
  connect(body: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** The site's default destination (e-mail to the sign-in address), made with the site. */
  signInDestinationId(): Promise<string>;
  /** Disconnects the default destination through the API, as an owner may. */
  dropSignInDestination(): Promise<void>;
  /** Opens the newest confirmation link mailed to the address (as its owner clicking it): the answer's status and body. */
  confirmAddress(email: string): Promise<{ status: number; body: any }>;
  deliveriesOf(leadId: string): Promise<any[]>;
  cleanup(): Promise<void>;
}

export interface TestbedOptions {
  env?: Record<string, string>;
  tariff?: string;
  email?: string;
  /** Mail for deliveries (e.g. a real SMTP mailer); the dev outbox otherwise. */
  mailer?: Mailer;
  /**
   * false: the site's default destination (the sign-in address) is disconnected at the start, for
   * tests that watch what one destination they connect does with each lead.
   */
  signInDestination?: boolean;
}

/** The token of the newest confirmation link mailed to the address. */
export function confirmationTokenFor(t: TestApp, email: string): string {
  const mail = t.devOutbox.list().find((m) => m.to === email && m.text.includes('/app/confirm-email?token='));
  const token = mail?.text.match(/confirm-email\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no confirmation link mailed to ${email}`);
  return token;
}

let ipCounter = 1;

export async function createTestbed(options: TestbedOptions = {}): Promise<Testbed> {
  const t = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE: 'on', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000', ...options.env } });
  // Well inside the real present: the webhook verifier compares timestamps with it.
  t.clock.set(Date.UTC(2026, 10, 22, 9, 0, 0));
  const s = await signIn(t, options.email ?? 'owner@example.ru');
  if (options.tariff) await setTariff(t, s.accountId, options.tariff);
  const site = await createSite(s);
  const res = await s.request(
    'POST',
    '/api/widgets',
    formWidgetInput(site.id, {
      content: {
        ...formWidgetInput(site.id).content,
        fields: [
          { key: 'name', kind: 'name', label: 'Имя', required: true },
          { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
          { key: 'email', kind: 'email', label: 'E-mail', required: false },
          { key: 'comment', kind: 'textarea', label: 'Комментарий', required: false },
        ],
      },
    }),
  );
  if (res.status !== 201) throw new Error(`widget: ${res.status} ${await res.text()}`);
  const widgetId = ((await res.json()) as { id: string }).id;
  const signInDestinationId = async () => {
    const list = (await (await s.request('GET', `/api/integrations?siteId=${site.id}`)).json()) as { integrations: { id: string; signInAddress: boolean }[] };
    const found = list.integrations.find((i) => i.signInAddress);
    if (!found) throw new Error('the site has no default destination');
    return found.id;
  };
  const dropSignInDestination = async () => {
    const r = await s.request('DELETE', `/api/integrations/${await signInDestinationId()}`);
    if (r.status !== 204) throw new Error(`disconnect: ${r.status}`);
  };
  if (options.signInDestination === false) await dropSignInDestination();
  const { deliveries, leads } = t.store.tables;
  const leadIds = async () => new Set((await t.store.db.select({ id: leads.id }).from(leads)).map((r) => r.id));
  const worker = createDeliveryWorker({ ...t.deps, ...(options.mailer ? { mailer: options.mailer } : {}) }, { random: () => 0.5 });

  const submitLead = async (fields: Record<string, string> = {}) => {
    // Timestamps tie under a manual clock and ids are random: the new lead is the one not there before.
    const before = await leadIds();
    const body = {
      site: site.siteKey,
      widget: widgetId,
      fields: { name: 'Иван Петров', phone: '+7 900 123-45-67', email: 'ivan@example.ru', ...fields },
      consent: true,
      elapsedMs: 4200,
      page: 'https://shop.example.ru/catalog?utm_source=yandex&utm_medium=cpc&utm_campaign=autumn',
      referrer: 'https://ya.ru/',
    };
    const r = await t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru', 'x-forwarded-for': `10.9.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}` },
      body: JSON.stringify(body),
    });
    if (r.status !== 201) throw new Error(`lead: ${r.status} ${await r.text()}`);
    const added = [...(await leadIds())].filter((id) => !before.has(id));
    if (added.length !== 1) throw new Error(`lead: expected one new row, found ${added.length}`);
    return added[0]!;
  };

  const deliverDue = async () => {
    for (let i = 0; i < 1000 && (await worker.runOnce()) > 0; i++);
  };

  const runUntil = async (until: number) => {
    for (;;) {
      await deliverDue();
      const [next] = await t.store.db.select({ at: deliveries.nextAttemptAt }).from(deliveries).where(eq(deliveries.status, 'pending')).orderBy(asc(deliveries.nextAttemptAt)).limit(1);
      if (!next || next.at > until) break;
      t.clock.set(Math.max(t.clock.now(), next.at));
    }
    t.clock.set(Math.max(t.clock.now(), until));
    await deliverDue();
  };

  return {
    t,
    s,
    site,
    widgetId,
    worker,
    submitLead,
    deliverDue,
    runUntil,
    connect: async (body) => {
      const r = await s.request('POST', '/api/integrations', { siteId: site.id, ...body });
      return { status: r.status, body: await r.json() };
    },
    deliveriesOf: async (leadId) => {
      const r = await s.request('GET', `/api/leads/${leadId}/deliveries`);
      if (r.status !== 200) throw new Error(`deliveries: ${r.status}`);
      return ((await r.json()) as { deliveries: any[] }).deliveries;
    },
    signInDestinationId,
    dropSignInDestination,
    confirmAddress: async (email) => {
      const r = await t.app.request('/api/email-confirmations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: confirmationTokenFor(t, email) }),
      });
      return { status: r.status, body: await r.json() };
    },
    cleanup: () => t.cleanup(),
  };
}

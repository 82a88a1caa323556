// Three server processes on one PostgreSQL database: every guarantee that must hold across
// processes, proven with real processes (the built server), real HTTP and local fakes of the
// internet services. Runs in the postgres vitest project only; realtime CONNECTION counts across
// processes need the shared broker (Redis) and are not tested here.
import { signInOverHttp } from '../e2e/support/api-session.js';
import { waitUntil } from '../../server/src/testing/wait-for.js';
import { and, eq } from 'drizzle-orm';
import PusherServer from 'pusher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDeps } from '../../server/src/compose.js';
import { testEnv } from '../../server/src/env.js';
import { JOBS } from '../../server/src/jobs.js';
import { runBillingCycle } from '../../server/src/platform/billing/renewals.js';
import { createYooKassaClient } from '../../server/src/platform/billing/yookassa-client.js';
import { openPgStore, type PgStore } from '../../server/src/platform/db/pg-store.js';
import { DAY, systemClock } from '../../server/src/platform/lib/clock.js';
import { createLogger } from '../../server/src/platform/lib/logger.js';
import { createDevOutbox } from '../../server/src/platform/mail/mailer.js';
import { REALTIME_TARIFFS } from '../../server/src/platform/tariffs/realtime-catalogue.js';
import { utcDay } from '../../server/src/platform/tariffs/realtime-policy.js';
import { bannerWidgetInput, formWidgetInput } from '../../server/src/testing/harness.js';
import { startFakeYooKassa, type FakeYooKassa } from '../support/fakes/yookassa.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/fakes/webhook-receiver.js';
import { BROWSER_UA, concurrentImpressions, createClusterDatabase, fetchFrom, ORIGIN, seventyBelowTheCap, startNode, type ClusterDatabase, type Node } from './nodes.js';

/** Short, so a killed node's delivery comes back within the test. */
const LEASE_SECONDS = 2;

let db: ClusterDatabase;
let store: PgStore;
let yookassa: FakeYooKassa;
let receiver: WebhookReceiver;
let nodes: Node[];
/** The nodes started first, the one killed mid-test included (their logs stay readable). */
let firstGeneration: Node[];
let nodeEnv: Record<string, string>;

const startNodes = (prefix: string) => Promise.all(['a', 'b', 'c'].map((n) => startNode(`${prefix}${n}`, nodeEnv)));

beforeAll(async () => {
  db = await createClusterDatabase();
  store = await openPgStore(db.url, { poolSize: 4 });
  yookassa = await startFakeYooKassa();
  receiver = await startWebhookReceiver('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  nodeEnv = {
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '5',
    // Every node seals and unseals the same secrets: one key for all of them.
    INTEGRATIONS_KEY: 'a'.repeat(64),
    WEBHOOKS_ALLOW_PRIVATE: 'on',
    DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
    LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000',
    LEAD_MIN_FILL_MS: '1000',
    YOOKASSA_SHOP_ID: yookassa.shopId,
    YOOKASSA_SECRET_KEY: yookassa.secretKey,
    YOOKASSA_API_URL: yookassa.apiUrl,
    // job.started and delivery.attempt lines tell which node did what.
    LOG_LEVEL: 'debug',
  };
  nodes = await startNodes('');
  firstGeneration = nodes;
}, 120_000);

afterAll(async () => {
  await Promise.all((nodes ?? []).map((n) => n.stop()));
  await receiver?.close();
  await yookassa?.stop();
  await store?.close();
  await db?.drop();
}, 60_000);

let ipCounter = 1;
/** A client address of its own (a loopback one: see fetchFrom). */
const freshIp = () => `127.77.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
const node = (i: number) => nodes[i % nodes.length]!;

async function post(n: Node, path: string, body: unknown, ip = freshIp()) {
  return await fetchFrom(ip, `${n.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

interface Session {
  accountId: string;
  cookie: string;
  request(n: Node, method: string, path: string, body?: unknown): Promise<Response>;
}

/** Asks for the code on one node and signs in on another, all from one client address. */
async function signIn(email: string, ask = node(0), verify = node(1)): Promise<Session> {
  const ip = freshIp();
  const session = await signInOverHttp(email, ask.url, { verify: verify.url, fetcher: (url, init) => fetchFrom(ip, url, init) });
  return { ...session, request: (n, method, path, body) => session.send(`${n.url}${path}`, method, body) };
}

async function createSite(s: Session): Promise<{ id: string; siteKey: string }> {
  const res = await s.request(node(2), 'POST', '/api/sites', { name: 'Shop', domains: ['shop.example.ru'] });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; siteKey: string };
}

async function setTariff(accountId: string, tariffId: string) {
  const { accounts } = store.tables;
  await store.db.update(accounts).set({ tariffId }).where(eq(accounts.id, accountId));
}

/** How many responses had each status. */
function statuses(responses: Response[]): Record<number, number> {
  const count: Record<number, number> = {};
  for (const r of responses) count[r.status] = (count[r.status] ?? 0) + 1;
  return count;
}

describe('three server processes on one PostgreSQL database', () => {
  it('share sessions and sign-in codes, and one rate limit per e-mail and per IP', async () => {
    // A code asked for on node A signs in on node B; the session opens every node.
    const s = await signIn('roams@example.ru', node(0), node(1));
    for (const n of nodes) expect((await fetch(`${n.url}/api/me`, { headers: { cookie: s.cookie } })).status).toBe(200);
    // 5 codes per e-mail per hour, counted once across the nodes.
    const perEmail = await Promise.all(Array.from({ length: 9 }, (_, i) => post(node(i), '/api/auth/code', { email: 'limited@example.ru', consent: true })));
    expect(statuses(perEmail)).toEqual({ 200: 5, 429: 4 });
    // 30 codes per IP per hour, whichever node answers.
    const ip = freshIp();
    const perIp = await Promise.all(Array.from({ length: 36 }, (_, i) => post(node(i), '/api/auth/code', { email: `spread${i}@example.ru`, consent: true }, ip)));
    expect(statuses(perIp)).toEqual({ 200: 30, 429: 6 });
  });

  it('ends exactly at the impression cap with 200 concurrent beacons spread over the nodes', async () => {
    const s = await signIn('views@example.ru');
    const site = await createSite(s);
    const widget = (await (await s.request(node(0), 'POST', '/api/widgets', bannerWidgetInput(site.id))).json()) as { id: string };
    const periodImpressions = await seventyBelowTheCap(store, s.accountId);

    const accepted = await concurrentImpressions((i, init) => fetchFrom(freshIp(), `${node(i).url}/v1/events`, init), site.siteKey, widget.id);
    expect(accepted).toBe(70);
    expect(await periodImpressions()).toBe(10_000);
  });

  it('switches on exactly as many widgets as the tariff allows under concurrent requests over the nodes', async () => {
    const s = await signIn('enables@example.ru');
    await setTariff(s.accountId, 'start'); // 5 active widgets
    const site = await createSite(s);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await s.request(node(i), 'POST', '/api/widgets', bannerWidgetInput(site.id, { active: false, name: `Banner ${i}` }));
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const enabled = await Promise.all(ids.map((id, i) => s.request(node(i), 'PATCH', `/api/widgets/${id}`, { active: true })));
    expect(statuses(enabled)).toEqual({ 200: 5, 403: 7 });
    const { widgets } = store.tables;
    const active = await store.db
      .select({ id: widgets.id })
      .from(widgets)
      .where(and(eq(widgets.siteId, site.id), eq(widgets.active, true)));
    expect(active).toHaveLength(5);
  });

  it('accepts exactly the remaining realtime messages of the day from concurrent publishes over the nodes', async () => {
    const s = await signIn('publishes@example.ru');
    const res = await s.request(node(1), 'POST', '/api/realtime/projects', { name: 'Feed' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { project: { id: string; connection: { appId: string; key: string } }; secret: string };
    const { id: projectId, connection } = created.project;
    const limit = REALTIME_TARIFFS.rt_free.limits.messagesPerDay;
    const { realtimeUsageDaily, realtimeMessageLogs } = store.tables;
    const day = utcDay(Date.now());
    await store.db.insert(realtimeUsageDaily).values({ projectId, day, messages: limit - 9, notifiedPercent: 100 });

    const sdks = nodes.map((n) => new PusherServer({ appId: connection.appId, key: connection.key, secret: created.secret, host: '127.0.0.1', port: new URL(n.url).port, useTLS: false }));
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => sdks[i % sdks.length]!.trigger('ticks', 'tick', { i })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(9);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(new Set(refused.map((r) => (r.reason as { status: number }).status))).toEqual(new Set([429]));
    const [usage] = await store.db
      .select()
      .from(realtimeUsageDaily)
      .where(and(eq(realtimeUsageDaily.projectId, projectId), eq(realtimeUsageDaily.day, day)));
    expect(usage).toMatchObject({ messages: limit, rejectedMessages: 51 });
    // Each node writes its message logs in batches, within a second or so; exactly the accepted ones.
    const logged = async () => (await store.db.select({ id: realtimeMessageLogs.id }).from(realtimeMessageLogs).where(eq(realtimeMessageLogs.projectId, projectId))).length;
    await waitUntil(async () => (await logged()) >= 9, 'the message logs');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await logged()).toBe(9);
  });

  it('creates one autopay charge for a period however many processes run the billing cycle at its end', async () => {
    const s = await signIn('payer@example.ru');
    const checkout = await s.request(node(0), 'POST', '/api/billing/checkout', { tariffId: 'start', autopay: true });
    expect(checkout.status).toBe(201);
    const paymentId = ((await checkout.json()) as { id: string }).id;
    const { payments, subscriptions } = store.tables;
    const [first] = await store.db.select().from(payments).where(eq(payments.id, paymentId));
    await yookassa.pay(first!.providerPaymentId!);
    // The return page asks YooKassa (here on another node) and starts the period with the saved card.
    expect(((await (await s.request(node(1), 'GET', `/api/billing/payments/${paymentId}`)).json()) as { status: string }).status).toBe('succeeded');
    // The period ends now: every node's billing job may meet it (each polls it every minute);
    // three more runs, each on a connection pool of its own as a process whose lease overlapped
    // another's would be, start at the same moment.
    const periodEnd = Date.now() - 1000;
    await store.db.update(subscriptions).set({ periodEnd }).where(eq(subscriptions.accountId, s.accountId));
    const runners = await Promise.all(Array.from({ length: 3 }, () => openPgStore(db.url, { poolSize: 2 })));
    try {
      const logger = createLogger('silent');
      await Promise.all(
        runners.map((runner) =>
          runBillingCycle(
            composeDeps({
              store: runner,
              env: testEnv({ INTEGRATIONS_KEY: nodeEnv.INTEGRATIONS_KEY! }),
              clock: systemClock,
              logger,
              mailer: createDevOutbox(logger),
              snippetTemplate: '',
              yookassa: createYooKassaClient({ baseUrl: yookassa.apiUrl, shopId: yookassa.shopId, secretKey: yookassa.secretKey, retryDelayMs: 5 }),
            }),
          ),
        ),
      );
    } finally {
      await Promise.all(runners.map((r) => r.close()));
    }
    const autopay = await store.db
      .select()
      .from(payments)
      .where(and(eq(payments.accountId, s.accountId), eq(payments.purpose, 'autopay')));
    expect(autopay).toHaveLength(1);
    expect(autopay[0]).toMatchObject({ renewsPeriodEnd: periodEnd, status: 'succeeded' });
    const sent = yookassa.createRequests.filter((r) => r.body.payment_method_id);
    expect(new Set(sent.map((r) => r.key))).toEqual(new Set([autopay[0]!.idempotenceKey]));
    expect([...yookassa.payments.values()].filter((p) => p.metadata.paymentId === autopay[0]!.id)).toHaveLength(1);
    const [sub] = await store.db.select().from(subscriptions).where(eq(subscriptions.accountId, s.accountId));
    // The paid period goes on: one renewal of 30 days.
    expect(sub!.status).toBe('active');
    expect(sub!.periodEnd - sub!.periodStart).toBe(30 * DAY);
    expect(sub!.periodStart).toBeGreaterThanOrEqual(periodEnd);
  });

  describe('the lead-delivery outbox', () => {
    let s: Session;
    let site: { id: string; siteKey: string };
    let widgetId: string;
    const deliveredBy = (deliveryId: string) => nodes.filter((n) => n.logs().some((l) => l.msg === 'delivery.attempt' && l.deliveryId === deliveryId && l.outcome === 'delivered'));

    const submitLead = async (n: Node) => {
      const res = await fetchFrom(freshIp(), `${n.url}/v1/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': BROWSER_UA },
        body: JSON.stringify({ site: site.siteKey, widget: widgetId, fields: { name: 'Иван Петров', phone: '+7 900 123-45-67' }, consent: true, elapsedMs: 4200, page: `${ORIGIN}/` }),
      });
      expect(res.status).toBe(201);
    };
    const deliveryRows = () => store.db.select().from(store.tables.deliveries);

    beforeAll(async () => {
      s = await signIn('leads@example.ru');
      await setTariff(s.accountId, 'start');
      site = await createSite(s);
      // The webhook's deliveries alone: the site's default destination (the sign-in address) is disconnected.
      const listed = (await (await s.request(node(0), 'GET', `/api/integrations?siteId=${site.id}`)).json()) as { integrations: { id: string }[] };
      for (const i of listed.integrations) expect((await s.request(node(0), 'DELETE', `/api/integrations/${i.id}`)).status).toBe(204);
      const res = await s.request(node(0), 'POST', '/api/widgets', formWidgetInput(site.id));
      expect(res.status).toBe(201);
      widgetId = ((await res.json()) as { id: string }).id;
      const connected = await s.request(node(1), 'POST', '/api/integrations', { siteId: site.id, kind: 'webhook', url: `${receiver.url}/hooks/leads`, secret: receiver.secret });
      expect(connected.status).toBe(201);
    });

    it('is claimed by the workers of every node and sends each lead once', async () => {
      // A slow destination, so that no single node drains the queue before the others poll.
      receiver.delayMs = 300;
      await Promise.all(Array.from({ length: 24 }, (_, i) => submitLead(node(i))));
      await waitUntil(async () => (await deliveryRows()).filter((d) => d.status === 'delivered').length === 24, '24 deliveries', 30_000);
      receiver.delayMs = 0;
      const rows = await deliveryRows();
      expect(receiver.seen.sort()).toEqual(rows.map((d) => d.id).sort());
      expect([...receiver.acceptedCount.values()].every((n) => n === 1)).toBe(true);
      expect(rows.every((d) => d.attempts === 1)).toBe(true);
      // Every delivery logged as sent by exactly one node, and more than one node did the sending.
      const senders = rows.map((d) => deliveredBy(d.id));
      expect(senders.every((list) => list.length === 1)).toBe(true);
      expect(new Set(senders.map((list) => list[0]!.name)).size).toBeGreaterThan(1);
    }, 60_000);

    it('survives kill -9 of the node sending a lead: another node sends it again once the lease lapses (at least once)', async () => {
      receiver.mode = 'hang';
      const before = new Set((await deliveryRows()).map((d) => d.id));
      await submitLead(node(0));
      await waitUntil(() => receiver.hanging.length === 1, 'the send in flight');
      const [row] = (await deliveryRows()).filter((d) => !before.has(d.id));
      // The worker holding the lease names itself in its node's log at start.
      const holder = nodes.find((n) => n.logs().some((l) => l.msg === 'delivery.worker_started' && l.owner === row!.leaseOwner));
      expect(holder).toBeDefined();
      await holder!.kill9();
      receiver.mode = 'up';
      nodes = nodes.filter((n) => n !== holder);
      await waitUntil(async () => (await deliveryRows()).find((d) => d.id === row!.id)?.status === 'delivered', 'the delivery by a surviving node', 30_000);
      // The receiver saw it twice (the killed send and the repeat) with one webhook-id, and accepted it once.
      expect(receiver.seen.filter((id) => id === row!.id)).toHaveLength(2);
      expect(receiver.acceptedCount.get(row!.id)).toBe(1);
      const [after] = (await deliveryRows()).filter((d) => d.id === row!.id);
      expect(after).toMatchObject({ attempts: 1, leaseOwner: null });
      expect(deliveredBy(row!.id)).toHaveLength(1);
    }, 60_000);
  });

  it('runs each scheduled job once per due time across the nodes', async () => {
    // So far: the nodes started together, and every job ran at most once per its interval.
    const runsOf = (list: Node[], job: string) =>
      list
        .flatMap((n) => n.logs())
        .filter((l) => l.msg === 'job.started' && l.job === job)
        .map((l) => Date.parse(String(l.t)))
        .sort((a, b) => a - b);
    for (const job of JOBS) {
      const runs = runsOf(firstGeneration, job.name);
      expect(runs.length, job.name).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!, job.name).toBeGreaterThan(job.everyMs - 1000);
    }
    // Every job due again, and three fresh nodes starting at once, each polling every job at start.
    await Promise.all(nodes.map((n) => n.stop()));
    await store.db.update(store.tables.jobRuns).set({ nextDueAt: 0, runningUntil: null, runId: null });
    nodes = await startNodes('second-');
    await waitUntil(() => JOBS.every((job) => runsOf(nodes, job.name).length > 0), 'every job to run');
    // Each process polled every job once at start (a minute before the next poll): a second run would show by now.
    await new Promise((r) => setTimeout(r, 1000));
    for (const job of JOBS) expect(runsOf(nodes, job.name), job.name).toHaveLength(1);
  }, 120_000);
});

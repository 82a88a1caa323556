// GET /healthz, /readyz and /metrics on a real app and database (both engines): readiness fails
// when the database cannot be written, lacks a migration, or a background loop has stopped; the
// metrics say what the app did, and are readable only with the token or from this machine.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs.js';
import { createTestApp, signIn, createSite, formWidgetInput, bannerWidgetInput, type TestApp } from '../../testing/harness.js';
import { testDialect } from '../../testing/test-store.js';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';
import { startRealtimeApp, signedInWithProject, rawClient, type RealtimeTestApp } from '../../testing/realtime.js';
import { startJobs } from '../jobs/scheduler.js';
import type { SqliteStore } from '../db/sqlite-store.js';
import type { PgStore } from '../db/pg-store.js';
import { createReadiness } from './readiness.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function app(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await createTestApp({ env: { METRICS_TOKEN: TOKEN, ...env } });
  cleanups.push(() => t.cleanup());
  return t;
}

const readyz = async (t: TestApp) => {
  const res = await t.app.request('/readyz');
  return { status: res.status, body: (await res.json()) as { status: string; checks: { name: string; ok: boolean; error?: string }[] } };
};

const scrape = async (t: TestApp) => {
  const res = await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return await res.text();
};

/** The value of one sample line, e.g. value(text, 'widgetry_leads_stored_total'). */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /healthz', () => {
  it('answers while the process runs, whatever the database', async () => {
    const t = await app();
    await t.store.close();
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    cleanups.pop();
    await t.cleanup().catch(() => undefined);
  });
});

describe('GET /readyz', () => {
  it('is ready on a migrated, writable database, and says which checks ran', async () => {
    const t = await app();
    const { status, body } = await readyz(t);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.checks.map((c) => c.name).sort()).toEqual(['database', 'migrations']);
    expect(body.checks.every((c) => c.ok)).toBe(true);
    // The probe's row was rolled back.
    expect(await t.store.db.select().from(t.store.tables.jobRuns)).toEqual([]);
  });

  it('is not ready when the database refuses writes', async () => {
    const t = await app();
    let release = async () => {};
    if (testDialect() === 'sqlite') {
      (t.store as SqliteStore).connection.pragma('query_only = ON');
      release = async () => void (t.store as SqliteStore).connection.pragma('query_only = OFF');
    } else {
      // Another session holds the table: the write waits, and the check's deadline ends the wait.
      const other = new pg.Client({ connectionString: (t.store as PgStore).pool.options.connectionString });
      await other.connect();
      await other.query('begin; lock table job_runs in access exclusive mode');
      release = async () => {
        await other.query('rollback');
        await other.end();
      };
    }
    try {
      const { status, body } = await readyz(t);
      expect(status).toBe(503);
      expect(body.status).toBe('unready');
      expect(body.checks.find((c) => c.name === 'database')).toMatchObject({ ok: false });
    } finally {
      await release();
    }
    expect((await readyz(t)).status).toBe(200);
  });

  it('is not ready when the database lacks a migration of this build', async () => {
    const t = await app();
    const newest = 'where created_at = (select max(created_at) from __drizzle_migrations)';
    if (testDialect() === 'sqlite') (t.store as SqliteStore).connection.exec(`delete from __drizzle_migrations ${newest}`);
    else await (t.store as PgStore).pool.query(`set search_path to drizzle; delete from __drizzle_migrations ${newest}`);
    const { status, body } = await readyz(t);
    expect(status).toBe(503);
    expect(body.checks.find((c) => c.name === 'migrations')).toMatchObject({ ok: false, error: expect.stringContaining('npm run migrate') });
  });

  it('checks the scheduler once it runs, and is not ready after its loop has stopped', async () => {
    const t = await app();
    const jobs = startJobs(t.deps, JOBS);
    let { status, body } = await readyz(t);
    expect(status).toBe(200);
    expect(body.checks.find((c) => c.name === 'scheduler')).toMatchObject({ ok: true });
    jobs.stop();
    ({ status, body } = await readyz(t));
    expect(status).toBe(503);
    expect(body.checks.find((c) => c.name === 'scheduler')).toMatchObject({ ok: false, error: 'stopped' });
  });

  it('fails a loop that has not turned within its bound, and a check that hangs past the deadline', async () => {
    let now = 0;
    const readiness = createReadiness({ timeoutMs: 50, now: () => now });
    const loop = readiness.loop('deliveries', 30_000);
    expect((await readiness.run()).ready).toBe(true);
    now = 31_000;
    expect((await readiness.run()).checks).toEqual([expect.objectContaining({ name: 'deliveries', ok: false, error: 'no turn for 31 s' })]);
    loop.beat();
    expect((await readiness.run()).ready).toBe(true);
    readiness.add({ name: 'redis', check: () => new Promise(() => {}) });
    const run = await readiness.run();
    expect(run.ready).toBe(false);
    expect(run.checks.find((c) => c.name === 'redis')).toMatchObject({ ok: false, error: 'no answer within 50 ms' });
  });
});

describe('GET /metrics: who may read it', () => {
  it('with METRICS_TOKEN set, needs the bearer token', async () => {
    const t = await app();
    expect((await t.app.request('/metrics')).status).toBe(401);
    expect((await t.app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
    const ok = await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
  });

  it('without a token, only a direct request from this machine: not through a proxy', async () => {
    const t = await createTestApp({ env: { TRUST_PROXY: 'off' } });
    cleanups.push(() => t.cleanup());
    expect((await t.app.request('/metrics')).status).toBe(200);
    for (const h of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host']) {
      expect((await t.app.request('/metrics', { headers: { [h]: '203.0.113.9' } })).status).toBe(403);
    }
    const behindProxy = await createTestApp({ env: { TRUST_PROXY: 'on' } });
    cleanups.push(() => behindProxy.cleanup());
    expect((await behindProxy.app.request('/metrics')).status).toBe(403);
  });
});

describe('GET /metrics: what it says', () => {
  it('process and event-loop metrics; HTTP requests by route template and status, with a latency histogram', async () => {
    const t = await app();
    const s = await signIn(t, 'metrics@example.ru');
    const site = await createSite(s);
    for (let i = 0; i < 3; i++) expect((await s.request('GET', `/api/sites/${site.id}`)).status).toBe(200);
    expect((await s.request('GET', '/api/sites/site_missing')).status).toBe(404);
    expect((await t.app.request('/no/such/page/at/all.json')).status).toBe(404);
    const text = await scrape(t);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(value(text, 'http_requests_total{method="GET",route="/api/sites/:id",status="200"}')).toBe(3);
    expect(value(text, 'http_requests_total{method="GET",route="/api/sites/:id",status="404"}')).toBe(1);
    expect(value(text, 'http_request_duration_seconds_count{method="GET",route="/api/sites/:id",status="200"}')).toBe(3);
    expect(value(text, 'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/sites/:id",status="200"}')).toBe(3);
    // No raw paths: an unknown URL is one series, whatever was asked.
    expect(text).not.toContain('no/such/page');
    expect(text).not.toContain(site.id);
  });

  it('impressions accepted and refused: over the cap, from a bot, over the rate limit', async () => {
    const t = await app({ EVENTS_RATE_PER_IP_PER_MINUTE: '3' });
    const s = await signIn(t, 'counts@example.ru');
    const site = await createSite(s);
    const banner = (await (await s.request('POST', '/api/widgets', bannerWidgetInput(site.id))).json()) as { id: string };
    const beacon = (n: number, ip: string, ua = 'Mozilla/5.0 (Windows NT 10.0) Firefox/130.0') =>
      t.app.request('/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://shop.example.ru', 'x-forwarded-for': ip, 'user-agent': ua },
        body: JSON.stringify({ site: site.siteKey, events: Array.from({ length: n }, () => ({ type: 'impression', widget: banner.id })) }),
      });
    expect((await beacon(2, '198.51.100.1')).status).toBe(202);
    expect((await beacon(4, '198.51.100.2', 'Mozilla/5.0 HeadlessChrome/120.0')).status).toBe(202);
    for (let i = 0; i < 3; i++) await beacon(1, '198.51.100.3');
    expect((await beacon(5, '198.51.100.3')).status).toBe(429);
    // The Free tariff's 10,000 a period, all but two used; a batch of five.
    await t.store.db.update(t.store.tables.impressionPeriods).set({ impressions: 9_998 });
    expect(await (await beacon(5, '198.51.100.4')).json()).toEqual({ accepted: 2, refused: 3 });

    const text = await scrape(t);
    expect(value(text, 'widgetry_impressions_accepted_total')).toBe(7);
    expect(value(text, 'widgetry_impressions_refused_total{reason="bot"}')).toBe(4);
    expect(value(text, 'widgetry_impressions_refused_total{reason="rate"}')).toBe(5);
    expect(value(text, 'widgetry_impressions_refused_total{reason="cap"}')).toBe(3);
  });

  it('leads stored, and refused by reason', async () => {
    const t = await app();
    const s = await signIn(t, 'leads@example.ru');
    const site = await createSite(s);
    const form = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
    const lead = (fields: Record<string, string>, ip: string, elapsedMs = 4000) =>
      t.app.request('/v1/leads', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru', 'x-forwarded-for': ip },
        body: JSON.stringify({ site: site.siteKey, widget: form.id, fields, consent: true, elapsedMs, page: 'https://shop.example.ru/' }),
      });
    const first = await lead({ name: 'Пётр', phone: '+7 900 000-00-01' }, '198.51.100.10');
    expect(first.status, await first.clone().text()).toBe(201);
    expect((await lead({ name: 'Пётр', phone: '+7 900 000-00-02' }, '198.51.100.11')).status).toBe(201);
    expect((await lead({ name: 'Пётр' }, '198.51.100.12')).status).toBe(422);
    expect((await lead({ name: 'Пётр', phone: '+7 900 000-00-03' }, '198.51.100.13', 10)).status).toBe(422);
    const text = await scrape(t);
    expect(value(text, 'widgetry_leads_stored_total')).toBe(2);
    expect(value(text, 'widgetry_leads_refused_total{reason="validation_failed"}')).toBe(1);
    expect(value(text, 'widgetry_leads_refused_total{reason="spam_rejected"}')).toBe(1);
  });

  it('deliveries by kind and outcome, and the age of the oldest delivery still waiting', async () => {
    const bed: Testbed = await createTestbed({ tariff: 'start', env: { METRICS_TOKEN: TOKEN } });
    cleanups.push(() => bed.cleanup());
    expect((await bed.connect({ kind: 'email', emails: ['sales@shop.example.ru'] })).status).toBe(201);
    expect((await bed.connect({ kind: 'webhook', url: 'http://127.0.0.1:9/hooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })).status).toBe(201);
    expect(value(await scrape(bed.t), 'widgetry_outbox_oldest_undelivered_seconds')).toBe(0);
    await bed.submitLead();
    bed.t.clock.advance(90_000);
    expect(value(await scrape(bed.t), 'widgetry_outbox_oldest_undelivered_seconds')).toBe(90);
    await bed.deliverDue();
    const text = await scrape(bed.t);
    expect(value(text, 'widgetry_deliveries_total{kind="email",outcome="delivered"}')).toBe(1);
    // Nothing listens on port 9: the webhook's attempt failed and waits for its retry.
    expect(text).toMatch(/^widgetry_deliveries_total\{kind="webhook",outcome="[a-z_]+"\} 1$/m);
    expect(value(text, 'widgetry_outbox_oldest_undelivered_seconds')).toBe(90);
  });
});

describe('GET /metrics: realtime', () => {
  let rt: RealtimeTestApp;
  afterEach(async () => rt?.close());

  it('open connections, messages accepted and refused, deliveries', async () => {
    rt = await startRealtimeApp({ env: { METRICS_TOKEN: TOKEN } });
    const { project } = await signedInWithProject(rt);
    const a = rawClient(rt, project.key);
    const b = rawClient(rt, project.key);
    await Promise.all([a.next('pusher:connection_established'), b.next('pusher:connection_established')]);
    for (const c of [a, b]) {
      c.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
      await c.next('pusher_internal:subscription_succeeded');
    }
    const { default: PusherServer } = await import('pusher');
    const server = new PusherServer({ appId: project.appId, key: project.key, secret: project.secret, host: '127.0.0.1', port: String(rt.port), useTLS: false });
    await server.trigger('news', 'created', { id: 1 });
    await Promise.all([a.next('created'), b.next('created')]);
    const text = await scrape(rt.t);
    expect(value(text, 'widgetry_realtime_connections{app="projects"}')).toBe(2);
    expect(value(text, 'widgetry_realtime_messages_accepted_total{source="api"}')).toBe(1);
    expect(value(text, 'widgetry_realtime_deliveries_total')).toBe(2);
    expect(text).toContain('widgetry_realtime_slow_consumer_drops_total 0');
    expect(text).toContain('widgetry_realtime_log_rows_unstorable_total 0');
    a.ws.close();
    b.ws.close();
    await Promise.all([a.closed, b.closed]);
  });
});

// The dashboard API for projects: account-scoped, validated, the secret shown once and stored
// sealed, one Free project per account even under parallel requests, statistics.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { PUBLIC_URL: 'https://rt.example.ru' } });
});
afterEach(() => t.cleanup());

const json = async (res: Response) => (await res.json()) as any;

describe('/api/realtime/projects', () => {
  it('creates a Free project: credentials and host settings, the secret once and sealed at rest', async () => {
    const s = await signIn(t, 'dev@example.ru');
    const res = await s.request('POST', '/api/realtime/projects', { name: 'Chat' });
    expect(res.status).toBe(201);
    const { project, secret } = await json(res);
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(project).toMatchObject({
      name: 'Chat',
      status: 'active',
      tariff: { id: 'rt_free', limits: { messagesPerDay: 20_000, connections: 50 } },
      settings: { allowedOrigins: [], clientEvents: false },
      secret: { hint: `…${secret.slice(-4)}` },
      connection: {
        appId: expect.stringMatching(/^\d{9}$/),
        key: expect.stringMatching(/^[0-9a-f]{20}$/),
        host: 'rt.example.ru',
        port: 443,
        useTLS: true,
        websocketUrl: `wss://rt.example.ru/app/${project.connection.key}?protocol=7`,
        httpApiUrl: `https://rt.example.ru/apps/${project.connection.appId}`,
      },
    });
    expect(JSON.stringify(await json(await s.request('GET', `/api/realtime/projects/${project.id}`)))).not.toContain(secret);
    expect(JSON.stringify(await json(await s.request('GET', '/api/realtime/projects')))).not.toContain(secret);
    const { realtimeProjects } = t.store.tables;
    const [row] = await t.store.db.select().from(realtimeProjects).where(eq(realtimeProjects.id, project.id));
    if (!row) throw new Error('project row missing');
    expect(row.secretSealed).not.toContain(secret);
    expect(t.deps.realtime.projectSecret(row)).toBe(secret);
    // Sealed for this row only: copied onto another project it does not open.
    expect(() => t.deps.realtime.projectSecret({ id: 'rtp_other', secretSealed: row.secretSealed })).toThrow();
  });

  it('allows one Free project per account, also for parallel requests; paid ones wait for payment without a secret', async () => {
    const s = await signIn(t, 'dev@example.ru');
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => s.request('POST', '/api/realtime/projects', { name: `P${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403, 403, 403]);
    const refused = await json(results.find((r) => r.status === 403)!);
    expect(refused.error).toMatchObject({ code: 'limit_realtime_projects', details: { limit: 1, upgradeTo: 'rt_start' } });
    const paid = await json(await s.request('POST', '/api/realtime/projects', { name: 'Paid', tariffId: 'rt_business' }));
    expect(paid.secret).toBeNull();
    expect(paid.project.status).toBe('pending_payment');
    expect((await s.request('POST', `/api/realtime/projects/${paid.project.id}/secret`)).status).toBe(409);
  });

  it("answers 404 for another account's project, on every route", async () => {
    const owner = await signIn(t, 'owner@example.ru');
    const other = await signIn(t, 'other@example.ru');
    const { project } = await json(await owner.request('POST', '/api/realtime/projects', { name: 'Mine' }));
    for (const [method, path, body] of [
      ['GET', `/api/realtime/projects/${project.id}`],
      ['PATCH', `/api/realtime/projects/${project.id}`, { name: 'x' }],
      ['DELETE', `/api/realtime/projects/${project.id}`],
      ['POST', `/api/realtime/projects/${project.id}/secret`],
      ['GET', `/api/realtime/projects/${project.id}/stats`],
      ['POST', `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_start', months: 1 }],
      ['POST', `/api/realtime/projects/${project.id}/upgrade`, { tariffId: 'rt_pro' }],
    ] as const) {
      const res = await other.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await json(res)).error.code).toBe('not_found');
    }
    expect((await json(await other.request('GET', '/api/realtime/projects'))).projects).toEqual([]);
    expect((await t.app.request('/api/realtime/projects')).status).toBe(401);
  });

  it('validates input with 4xx in the one error shape', async () => {
    const s = await signIn(t, 'dev@example.ru');
    expect((await s.request('POST', '/api/realtime/projects', { name: '' })).status).toBe(422);
    expect((await s.request('POST', '/api/realtime/projects', { name: 'x', tariffId: 'rt_gold' })).status).toBe(422);
    expect((await s.request('POST', '/api/realtime/projects', 'not json')).status).toBe(400);
    const { project } = await json(await s.request('POST', '/api/realtime/projects', { name: 'App' }));
    const bad = await s.request('PATCH', `/api/realtime/projects/${project.id}`, { allowedOrigins: ['javascript:alert(1)'] });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.code).toBe('validation_failed');
    expect((await s.request('PATCH', `/api/realtime/projects/${project.id}`, {})).status).toBe(422);
    const ok = await json(
      await s.request('PATCH', `/api/realtime/projects/${project.id}`, { name: 'Renamed', allowedOrigins: ['https://Shop.example.ru/', 'https://*.example.org'], clientEvents: true }),
    );
    expect(ok).toMatchObject({ name: 'Renamed', settings: { allowedOrigins: ['https://shop.example.ru', 'https://*.example.org'], clientEvents: true } });
    expect((await s.request('GET', `/api/realtime/projects/${project.id}/stats?days=0`)).status).toBe(422);
  });

  it('lists the tariffs with prices per period', async () => {
    const s = await signIn(t, 'dev@example.ru');
    const body = await json(await s.request('GET', '/api/realtime/tariffs'));
    expect(body.periods).toEqual([1, 3, 9, 12]);
    // No YooKassa in this app: a period is paid by bank transfer, and the dashboard says so before "pay".
    expect(body.paymentMethod).toBe('manual');
    expect(body.tariffs.find((x: any) => x.id === 'rt_start')).toMatchObject({ limits: { messagesPerDay: 500_000, connections: 500 }, prices: { 1: 490_00, 3: 1_470_00, 9: 4_410_00, 12: 5_880_00 } });
    expect(body.tariffs.find((x: any) => x.id === 'rt_free').prices).toBeNull();
  });

  it('switches an unpaid project to Free only while the account has no Free project', async () => {
    const s = await signIn(t, 'dev@example.ru');
    const paid = await json(await s.request('POST', '/api/realtime/projects', { name: 'Paid', tariffId: 'rt_start' }));
    const switched = await s.request('PUT', `/api/realtime/projects/${paid.project.id}/tariff`, { tariffId: 'rt_free' });
    expect((await json(switched)).status).toBe('active');
    const second = await json(await s.request('POST', '/api/realtime/projects', { name: 'Paid 2', tariffId: 'rt_start' }));
    expect((await s.request('PUT', `/api/realtime/projects/${second.project.id}/tariff`, { tariffId: 'rt_free' })).status).toBe(403);
  });
});

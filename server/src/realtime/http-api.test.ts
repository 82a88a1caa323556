// The Pusher HTTP API: request signing (and each way it can be wrong), Pusher's size limits,
// and the refusals a licensee's backend may meet.
import { describe, expect, it } from 'vitest';
import PusherServer from 'pusher';
import { signIn } from '../testing/harness.js';
import { signRequest } from './signatures.js';
import { createProject, realtimeAppPerFile, pusherServer } from '../testing/realtime.js';

const { app, project } = realtimeAppPerFile();

/** A raw signed request, so each part of the signature can be spoiled on purpose. */
async function call(method: 'GET' | 'POST', path: string, body?: unknown, opts: { secret?: string; key?: string; now?: number; params?: Record<string, string>; tamper?: (q: string) => string } = {}) {
  const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const fullPath = `/apps/${project.appId}${path}`;
  let query = signRequest(method, fullPath, opts.params ?? {}, opts.key ?? project.key, opts.secret ?? project.secret, opts.now ?? Date.now(), raw);
  if (opts.tamper) query = opts.tamper(query);
  const res = await fetch(`${app.url}${fullPath}?${query}`, { method, headers: raw ? { 'content-type': 'application/json' } : {}, body: raw || undefined });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const event = (overrides: Record<string, unknown> = {}) => ({ name: 'e', data: '{}', channels: ['c'], ...overrides });

describe('request signing', () => {
  it('accepts a correctly signed request', async () => {
    expect(await call('POST', '/events', event())).toMatchObject({ status: 200, body: {} });
  });

  it.each([
    ['a wrong secret', { secret: 'not-the-secret' }],
    ['another app key', { key: 'ffffffffffffffffffff' }],
    ['a timestamp 11 minutes old', { now: Date.now() - 11 * 60_000 }],
    ['a timestamp 11 minutes ahead', { now: Date.now() + 11 * 60_000 }],
    ['no signature', { tamper: (q: string) => q.replace(/&auth_signature=[0-9a-f]+/, '') }],
    ['a changed body_md5', { tamper: (q: string) => q.replace(/body_md5=[0-9a-f]+/, 'body_md5=00000000000000000000000000000000') }],
    ['auth_version 2.0', { tamper: (q: string) => q.replace('auth_version=1.0', 'auth_version=2.0') }],
  ])('refuses %s with 401', async (_what, opts) => {
    const res = await call('POST', '/events', event(), opts);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('refuses a body changed after signing, and an unknown app id with 404', async () => {
    const fullPath = `/apps/${project.appId}/events`;
    const query = signRequest('POST', fullPath, {}, project.key, project.secret, Date.now(), JSON.stringify(event()));
    const res = await fetch(`${app.url}${fullPath}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event({ name: 'other' })) });
    expect(res.status).toBe(401);
    const unknown = await fetch(`${app.url}/apps/1/events?${query}`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
  });

  it('works with the SDK after the secret is rotated, and no longer with the old secret', async () => {
    const s = await signIn(app.t, 'rotate@example.ru');
    const p = await createProject(s, { name: 'Rotating' });
    const rotated = await s.request('POST', `/api/realtime/projects/${p.id}/secret`);
    const { secret, project: view } = (await rotated.json()) as any;
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(secret).not.toBe(p.secret);
    expect(view.secret.hint).toBe(`…${secret.slice(-4)}`);
    await expect(pusherServer(app, p).trigger('c', 'e', {})).rejects.toMatchObject({ status: 401 });
    expect((await pusherServer(app, { ...p, secret }).trigger('c', 'e', {})).status).toBe(200);
  });
});

describe("Pusher's limits", () => {
  it('takes 100 channels, not 101', async () => {
    const channels = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
    expect((await call('POST', '/events', event({ channels: channels(100) }))).status).toBe(200);
    expect((await call('POST', '/events', event({ channels: channels(101) }))).status).toBe(400);
  });

  it('takes 10 KB of data, not a byte more (413)', async () => {
    expect((await call('POST', '/events', event({ data: 'x'.repeat(10 * 1024) }))).status).toBe(200);
    const big = await call('POST', '/events', event({ data: 'x'.repeat(10 * 1024 + 1) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });

  it('takes batches of up to 10 events', async () => {
    const batch = (n: number) => ({ batch: Array.from({ length: n }, (_, i) => ({ channel: 'c', name: `e${i}`, data: '1' })) });
    expect(await call('POST', '/batch_events', batch(10))).toMatchObject({ status: 200, body: {} });
    expect((await call('POST', '/batch_events', batch(11))).status).toBe(400);
  });

  it('refuses bad JSON, reserved event names, bad channel names and a missing channel with 400', async () => {
    expect((await call('POST', '/events', '{oops')).status).toBe(400);
    expect((await call('POST', '/events', event({ name: 'pusher:connection_established' }))).status).toBe(400);
    expect((await call('POST', '/events', event({ channels: ['has space'] }))).status).toBe(400);
    expect((await call('POST', '/events', { name: 'e', data: '1' })).status).toBe(400);
    expect((await call('GET', '/channels/news/users')).status).toBe(400);
    expect((await call('GET', '/channels', undefined, { params: { info: 'user_count' } })).status).toBe(400);
  });

  it('refuses a NUL in the data, in an event name or in the app id with 400: the message log on PostgreSQL could not hold it', async () => {
    for (const bad of [event({ data: 'a\u0000b' }), event({ name: 'e\u0000' }), { batch: [event({ data: { x: '\u0000' } })] }]) {
      const res = await call('POST', 'batch' in bad ? '/batch_events' : '/events', bad);
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
    expect((await fetch(`${app.url}/apps/%00/channels`)).status).toBe(400);
    expect((await call('POST', '/events', event({ data: 'half an emoji \ud83d' }))).status).toBe(200);
  });

  it('returns channel attributes when info is asked for on trigger', async () => {
    const res = await call('POST', '/events', event({ channels: ['nobody-here'], info: 'subscription_count' }));
    expect(res.body).toEqual({ channels: { 'nobody-here': { subscription_count: 0 } } });
  });

  it('refuses a project that is not active with 403', async () => {
    const s = await signIn(app.t, 'unpaid@example.ru');
    const p = await createProject(s, { name: 'Unpaid', tariffId: 'rt_start' });
    // The secret of a never-activated project is not shown; sign with the stored one to reach the access check.
    const { projectById } = await import('./projects.js');
    const secret = app.t.deps.realtime.projectSecret((await projectById(app.t.store.db, p.id))!);
    const sdk = new PusherServer({ appId: p.appId, key: p.key, secret, host: '127.0.0.1', port: String(app.port), useTLS: false });
    await expect(sdk.trigger('c', 'e', {})).rejects.toMatchObject({ status: 403 });
  });
});

// Every 429 the API answers carries Retry-After and the one error shape: each rate-limited path
// is driven over its limit here. The realtime HTTP API's daily limit (429 with the seconds to
// 00:00 UTC) is checked with the rest of its limits (server/src/realtime/limits.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiErrorSchema } from '#contracts/schemas/errors.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSite, createTestApp, formWidgetInput, freshIp, signIn, type TestApp } from '../../testing/harness.js';
import { abuseComplaint } from '../../testing/fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { LEAD_RATE_PER_IP_PER_MINUTE: '1', EVENTS_RATE_PER_IP_PER_MINUTE: '1', LOGIN_CODES_PER_EMAIL_PER_HOUR: '1' } });
});
afterEach(async () => t.cleanup());

/** Sends `request` until it is refused with 429 (at most `max` times) and returns that answer. */
async function until429(request: () => Response | Promise<Response>, max: number): Promise<Response> {
  for (let i = 0; i < max; i++) {
    const res = await request();
    if (res.status === 429) return res;
  }
  throw new Error(`no 429 after ${max} requests`);
}

async function expectRetryAfter(res: Response, seconds: number, code = 'rate_limited') {
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toBe(String(seconds));
  const body = apiErrorSchema.parse(await res.json());
  expect(body.error.code).toBe(code);
}

const json = (ip: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': ip });
const ORIGIN = 'https://shop.example.ru';

describe('429 answers', () => {
  it('sign-in: codes per e-mail (an hour) and wrong codes (a minute before asking anew)', async () => {
    const ip = freshIp();
    const ask = () => t.app.request('/api/auth/code', { method: 'POST', headers: json(ip), body: JSON.stringify({ email: 'limits@example.ru', consent: true }) });
    await expectRetryAfter(await until429(ask, 5), 3600);
    const guess = () => t.app.request('/api/auth/verify', { method: 'POST', headers: json(freshIp()), body: JSON.stringify({ email: 'limits@example.ru', code: '000000' }) });
    await expectRetryAfter(await until429(guess, 10), 60, 'code_attempts_exceeded');
  });

  it('the abuse form (an hour)', async () => {
    const ip = freshIp();
    await expectRetryAfter(await until429(() => t.app.request('/api/abuse', { method: 'POST', headers: json(ip), body: JSON.stringify(abuseComplaint) }), 20), 3600);
  });

  it('the embed API: leads, events, debug (a minute), and the chat endpoints (a minute)', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    const w = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
    const embed = (path: string, body: unknown, ip: string) =>
      t.app.request(path, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'x-forwarded-for': ip }, body: JSON.stringify(body) });
    const leadIp = freshIp();
    const lead = { site: site.siteKey, widget: w.id, fields: { name: 'Анна', phone: '+79001234567' }, consent: true, elapsedMs: 3000 };
    await expectRetryAfter(await until429(() => embed('/v1/leads', lead, leadIp), 5), 60);
    const eventsIp = freshIp();
    await expectRetryAfter(await until429(() => embed('/v1/events', { site: site.siteKey, events: [{ widget: w.id, type: 'click' }] }, eventsIp), 5), 60);
    const debugIp = freshIp();
    await expectRetryAfter(await until429(() => t.app.request(`/v1/sites/${site.siteKey}/debug`, { headers: { origin: ORIGIN, 'x-forwarded-for': debugIp } }), 100), 60);
    const chatIp = freshIp();
    await expectRetryAfter(await until429(() => embed('/v1/chat/status', { site: site.siteKey, widget: w.id }, chatIp), 300), 60);
  });

  it('no 429 is built without Retry-After: every refusal goes through tooManyRequests()', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    const helper = join(import.meta.dirname, 'rate-limits.ts');
    const bare = sources(join(import.meta.dirname, '../..')).filter((f) => f !== helper && /new AppError\(\s*429/.test(readFileSync(f, 'utf8')));
    expect(bare).toEqual([]);
  });
});

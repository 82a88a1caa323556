import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { composeDeps } from '../../compose.js';
import { MINUTE } from '../lib/clock.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { freshIp, lastCodeFor, signIn, type TestApp } from '../../testing/harness.js';

const t = appPerTest();

const postTo = (app: TestApp['app'], path: string, body: unknown, ip = '10.9.9.9', extra: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...extra }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const post = (path: string, body: unknown, ip = '10.9.9.9', extra: Record<string, string> = {}) => postTo(t.app, path, body, ip, extra);
/** Asks for a sign-in code for `email` (consenting) and returns the code mailed. */
const requestCode = async (email: string, ip?: string) => {
  await post('/api/auth/code', { email, consent: true }, ip);
  return lastCodeFor(t, email);
};
/** A well-formed code that is not `code`. */
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');
const verify = (email: string, code: string) => post('/api/auth/verify', { email, code });
/** The code of a refusal's JSON error. */
const errorCode = async (res: Response) => ((await res.json()) as any).error.code;
const rows = () => ({
  accounts: () => t.store.db.select().from(t.store.tables.accounts),
  loginCodes: () => t.store.db.select().from(t.store.tables.loginCodes),
  sessions: () => t.store.db.select().from(t.store.tables.sessions),
});

describe('e-mail code sign-in', () => {
  it('signs up a new account on Free with the consent recorded, and stores only hashes', async () => {
    const s = await signIn(t, 'Anna@Example.RU');
    const { accounts } = t.store.tables;
    const [account] = await t.store.db.select().from(accounts).where(eq(accounts.id, s.accountId));
    expect(account!.email).toBe('anna@example.ru');
    expect(account!.tariffId).toBe('free');
    expect(account!.consentVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [code] = await rows().loginCodes();
    expect(code!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await rows().loginCodes())).not.toContain(lastCodeFor(t, 'anna@example.ru'));
    const sessionToken = s.cookie.match(/wg_session=([^;]+)/)![1]!;
    const stored = await rows().sessions();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(sessionToken);
    const me = await s.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'anna@example.ru', tariff: { id: 'free' } });
  });

  it('tells the dashboard which widget types the tariff allows, and which tariff has the others', async () => {
    const s = await signIn(t, 'types@example.ru');
    const me = (await (await s.request('GET', '/api/me')).json()) as any;
    expect(me.tariff.widgetTypes.banner).toEqual({ allowed: true, upgradeTo: null });
    expect(me.tariff.widgetTypes.form).toEqual({ allowed: true, upgradeTo: null });
    expect(me.tariff.widgetTypes.quiz).toEqual({ allowed: false, upgradeTo: { id: 'start', name: { ru: 'Старт', en: 'Start' } } });
    expect(Object.keys(me.tariff.widgetTypes).sort()).toEqual(['banner', 'callback', 'chat', 'form', 'messengers', 'popup', 'quiz', 'timer']);
  });

  it('sets an HttpOnly SameSite session cookie', async () => {
    const res = await verify('c@example.ru', await requestCode('c@example.ru'));
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('wg_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
  });

  it('is one account per e-mail, case-insensitively', async () => {
    const a = await signIn(t, 'same@example.ru');
    const b = await signIn(t, 'SAME@example.ru');
    expect(b.accountId).toBe(a.accountId);
    expect(await rows().accounts()).toHaveLength(1);
  });

  it('requires the consent tick', async () => {
    const res = await post('/api/auth/code', { email: 'x@example.ru', consent: false });
    expect(res.status).toBe(422);
    expect(await errorCode(res)).toBe('validation_failed');
    expect(t.devOutbox.list()).toHaveLength(0);
  });

  it('codes are single use', async () => {
    const code = await requestCode('u@example.ru');
    expect((await verify('u@example.ru', code)).status).toBe(200);
    const again = await verify('u@example.ru', code);
    expect(again.status).toBe(400);
    expect(await errorCode(again)).toBe('code_invalid');
  });

  it('codes expire after 10 minutes', async () => {
    const code = await requestCode('e@example.ru');
    t.clock.advance(10 * MINUTE);
    const res = await verify('e@example.ru', code);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('code_expired');
  });

  it('allows 5 wrong tries, then refuses even the right code', async () => {
    const code = await requestCode('w@example.ru');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await errorCode(await verify('w@example.ru', wrongFor(code))));
    expect(codes).toEqual(['code_invalid', 'code_invalid', 'code_invalid', 'code_invalid', 'code_attempts_exceeded']);
    const right = await verify('w@example.ru', code);
    expect(right.status).toBe(429);
    expect(await errorCode(right)).toBe('code_attempts_exceeded');
  });

  it('counts parallel wrong guesses exactly', async () => {
    const code = await requestCode('p@example.ru');
    await Promise.all(Array.from({ length: 20 }, () => verify('p@example.ru', wrongFor(code))));
    expect((await rows().loginCodes())[0]!.attempts).toBe(5);
  });

  it('rate-limits code requests per e-mail and per IP', async () => {
    const answers: Response[] = [];
    for (let i = 0; i < 6; i++) answers.push(await post('/api/auth/code', { email: 'r@example.ru', consent: true }, freshIp()));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(answers[5]!.headers.get('retry-after'))).toBeGreaterThan(0);
    const ip = freshIp();
    const perIp: Response[] = [];
    for (let i = 0; i < 31; i++) perIp.push(await post('/api/auth/code', { email: `ip${i}@example.ru`, consent: true }, ip));
    expect(perIp.filter((r) => r.status === 200)).toHaveLength(30);
    expect(perIp.at(-1)!.status).toBe(429);
    // The hour's window, as the database counts it (no REDIS_URL here): whole seconds, at most an hour.
    expect(Number(perIp.at(-1)!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(perIp.at(-1)!.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
  });

  it('two app processes on one database enforce one limit per e-mail and per IP, and share codes and sessions', async () => {
    // Another app on the same database, with services of its own, as a second process would be.
    const other = createApp(composeDeps({ ...t.deps }));
    const apps = [t.app, other];
    const perEmail = await Promise.all(Array.from({ length: 8 }, (_, i) => postTo(apps[i % 2]!, '/api/auth/code', { email: 'both@example.ru', consent: true }, freshIp())));
    expect(perEmail.filter((r) => r.status === 200)).toHaveLength(5);
    const ip = freshIp();
    const perIp = await Promise.all(Array.from({ length: 34 }, (_, i) => postTo(apps[i % 2]!, '/api/auth/code', { email: `spread${i}@example.ru`, consent: true }, ip)));
    expect(perIp.filter((r) => r.status === 200)).toHaveLength(30);
    expect(perIp.filter((r) => r.status === 429)).toHaveLength(4);
    // A code asked for on one process signs in on the other; the session opens both.
    const roamingCode = await requestCode('roams@example.ru', freshIp());
    const verified = await postTo(other, '/api/auth/verify', { email: 'roams@example.ru', code: roamingCode }, freshIp());
    expect(verified.status).toBe(200);
    const cookie = verified.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    for (const app of apps) expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(200);
  });

  it('logout ends the session; logout-all ends every session', async () => {
    const a = await signIn(t, 'l@example.ru');
    const b = await signIn(t, 'l@example.ru');
    expect((await a.request('POST', '/api/auth/logout')).status).toBe(200);
    expect((await a.request('GET', '/api/me')).status).toBe(401);
    expect((await b.request('GET', '/api/me')).status).toBe(200);
    const c = await signIn(t, 'l@example.ru');
    expect((await c.request('POST', '/api/auth/logout-all')).status).toBe(200);
    expect((await b.request('GET', '/api/me')).status).toBe(401);
  });

  it('refuses mutations without the CSRF token or from another origin', async () => {
    const s = await signIn(t, 'csrf@example.ru');
    const noToken = await s.request('POST', '/api/sites', { name: 'S', domains: ['a.ru'] }, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(await errorCode(noToken)).toBe('csrf_failed');
    const crossSite = await s.request('POST', '/api/sites', { name: 'S', domains: ['a.ru'] }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const loginCsrf = await post('/api/auth/code', { email: 'v@example.ru', consent: true }, freshIp(), { origin: 'https://evil.example' });
    expect(loginCsrf.status).toBe(403);
  });

  it('answers bad input with 4xx JSON errors and stores nothing', async () => {
    const cases: [string, string | object, number, string][] = [
      ['/api/auth/code', '{"email":', 400, 'invalid_json'],
      ['/api/auth/code', { email: 42, consent: true }, 422, 'validation_failed'],
      ['/api/auth/code', { email: 'not-an-email', consent: true }, 422, 'validation_failed'],
      ['/api/auth/code', { email: 'a@b.ru', consent: true, pad: 'x'.repeat(70 * 1024) }, 413, 'payload_too_large'],
      ['/api/auth/verify', { email: 'a@b.ru', code: 'abcdef' }, 422, 'validation_failed'],
      ['/api/auth/verify', { email: 'nobody@b.ru', code: '123456' }, 400, 'code_invalid'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await post(path, body, freshIp());
      expect([path, res.status]).toEqual([path, status]);
      expect(await errorCode(res)).toBe(code);
    }
    const wrongType = await t.app.request('/api/auth/code', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    expect(await rows().loginCodes()).toHaveLength(0);
    expect(await rows().accounts()).toHaveLength(0);
  });

  it('keeps e-mails and codes out of the logs', async () => {
    await signIn(t, 'secret.person@example.ru');
    const logs = t.logLines.join('\n');
    expect(logs).not.toContain('secret.person');
    expect(logs).not.toContain(lastCodeFor(t, 'secret.person@example.ru'));
  });
});

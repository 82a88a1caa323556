// Offer 000 §3.6.1 on a moved clock: 12 months without activity → notice; 30 more days → the
// realtime service blocked; restored only by the operator; 90 days blocked → registration data
// deleted (logs stay for their own terms).
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../platform/lib/clock.js';
import { signIn, type TestApp, createTestApp } from '../testing/harness.js';
import { addCalendarMonths } from '../platform/tariffs/realtime-policy.js';
import { restoreRealtimeAccess, runRealtimeInactivity } from './inactivity.js';
import { signRequest } from './signatures.js';
import { createProject } from '../testing/realtime.js';

let t: TestApp;
let t0: number;
beforeEach(async () => {
  t = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
  t0 = t.clock.now();
});
afterEach(() => t.cleanup());

const run = async () => (await runRealtimeInactivity(t.deps)).map((s) => s.step);
const mailsTo = (email: string) => t.devOutbox.list().filter((m) => m.to === email && !/\b\d{6}\b/.test(m.text));
/**
 * A sign-in, as accounts/ records it. (Signing in through the API more than ~370 days after the
 * real date fails in Hono's setCookie, which refuses cookies expiring over 400 days from the real now.)
 */
const signedInNow = async (accountId: string) => {
  const { accounts } = t.store.tables;
  await t.store.db.update(accounts).set({ lastLoginAt: t.clock.now() }).where(eq(accounts.id, accountId));
};
/** Rows the tests look at, read afresh each time (undefined: gone). */
const rowsOf = {
  account: async (id: string) => (await t.store.db.select().from(t.store.tables.accounts).where(eq(t.store.tables.accounts.id, id)))[0],
  project: async (id: string) => (await t.store.db.select().from(t.store.tables.realtimeProjects).where(eq(t.store.tables.realtimeProjects.id, id)))[0],
  state: async (accountId: string) => (await t.store.db.select().from(t.store.tables.realtimeAccountStates).where(eq(t.store.tables.realtimeAccountStates.accountId, accountId)))[0],
  messageLogs: (projectId: string) => t.store.db.select().from(t.store.tables.realtimeMessageLogs).where(eq(t.store.tables.realtimeMessageLogs.projectId, projectId)),
};

async function publish(p: { appId: string; key: string; secret: string }) {
  const path = `/apps/${p.appId}/events`;
  const body = JSON.stringify({ name: 'e', data: '1', channel: 'c' });
  return t.app.request(`${path}?${signRequest('POST', path, {}, p.key, p.secret, t.clock.now(), body)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

describe('realtime inactivity', () => {
  it('notices after 12 months, blocks 30 days later, and only the operator restores', async () => {
    const s = await signIn(t, 'idle@example.ru');
    const p = await createProject(s);
    t.clock.set(addCalendarMonths(t0, 12) - 1);
    expect(await run()).toEqual([]);
    t.clock.set(addCalendarMonths(t0, 12));
    expect(await run()).toEqual(['noticed']);
    expect(mailsTo('idle@example.ru')[0]!.subject).toContain('нет активности');
    expect(mailsTo('idle@example.ru')[0]!.text).toMatch(/войти в кабинет: http:\/\/localhost:8787\/app\/$/);
    expect(await run()).toEqual([]); // once

    const noticeAt = t.clock.now();
    t.clock.set(noticeAt + 30 * DAY - 1);
    expect(await run()).toEqual([]);
    t.clock.set(noticeAt + 30 * DAY);
    expect(await run()).toEqual(['blocked']);
    expect(mailsTo('idle@example.ru')[0]!.subject).toContain('заблокирован');
    expect((await publish(p)).status).toBe(403);

    // Signing in now does not lift the block (offer: restored on a written request to support)...
    await signedInNow(s.accountId);
    expect(await run()).toEqual([]);
    expect((await publish(p)).status).toBe(403);
    // ...the operator does (the route is tested below, at the real date).
    await restoreRealtimeAccess(t.deps, s.accountId);
    expect((await publish(p)).status).toBe(200);
    expect(await run()).toEqual([]);
  });

  it('writes the notice and the block in English for an account whose dashboard is in English', async () => {
    const s = await signIn(t, 'idle@example.com', 'en');
    await createProject(s);
    t.clock.set(addCalendarMonths(t0, 12));
    expect(await run()).toEqual(['noticed']);
    t.clock.set(t.clock.now() + 30 * DAY);
    expect(await run()).toEqual(['blocked']);
    const mails = mailsTo('idle@example.com');
    expect(mails.map((m) => m.subject)).toEqual(['Widgetry: the realtime service is blocked for inactivity', 'Widgetry: no activity in the realtime service for 12 months']);
    expect(mails[1]!.text).toMatch(/^There has been no activity in your realtime projects for 12 months .* before \d{2}\/\d{2}\/\d{4},/);
    // Its link opens the English dashboard, also on a device that never chose a language.
    expect(mails[1]!.text).toMatch(/ is enough: http:\/\/localhost:8787\/app\/\?lang=en$/);
    expect(mails.map((m) => m.text).join()).not.toMatch(/[а-яё]/i);
  });

  it('a message, a connection or a sign-in after the notice ends the procedure', async () => {
    const s = await signIn(t, 'back@example.ru');
    const p = await createProject(s);
    t.clock.set(addCalendarMonths(t0, 12));
    expect(await run()).toEqual(['noticed']);
    t.clock.advance(10 * DAY);
    expect((await publish(p)).status).toBe(200);
    expect(await run()).toEqual(['resumed']);
    t.clock.advance(25 * DAY);
    expect(await run()).toEqual([]);
    expect(await rowsOf.state(s.accountId)).toMatchObject({ inactivityNoticeAt: null, blockedAt: null });
  });

  it('deletes the registration data 90 days after the block unless restored; the logs stay', async () => {
    const s = await signIn(t, 'gone@example.ru');
    const p = await createProject(s);
    expect((await publish(p)).status).toBe(200);
    t.clock.set(addCalendarMonths(t0, 12));
    await run();
    t.clock.advance(30 * DAY);
    expect(await run()).toEqual(['blocked']);
    t.clock.advance(90 * DAY - 1);
    expect(await run()).toEqual([]);
    t.clock.advance(1);
    expect(await run()).toEqual(['account_deleted']);
    expect(await rowsOf.account(s.accountId)).toBeUndefined();
    expect(await rowsOf.project(p.id)).toBeUndefined();
    expect(await rowsOf.messageLogs(p.id)).toHaveLength(1);
  });

  it('keeps a platform account that signs in after the block, deleting only its realtime projects', async () => {
    const s = await signIn(t, 'widgets-user@example.ru');
    const p = await createProject(s);
    t.clock.set(addCalendarMonths(t0, 12));
    await run();
    t.clock.advance(30 * DAY);
    expect(await run()).toEqual(['blocked']);
    t.clock.advance(DAY);
    await signedInNow(s.accountId);
    t.clock.advance(90 * DAY);
    expect(await run()).toEqual(['projects_deleted']);
    expect(await rowsOf.account(s.accountId)).toBeDefined();
    expect(await rowsOf.project(p.id)).toBeUndefined();
  });

  it('the restore is an operator route', async () => {
    const s = await signIn(t, 'blocked@example.ru');
    const p = await createProject(s);
    await t.store.db.insert(t.store.tables.realtimeAccountStates).values({ accountId: s.accountId, inactivityNoticeAt: t0, blockedAt: t0, updatedAt: t0 });
    expect((await publish(p)).status).toBe(403);
    expect((await s.request('POST', `/api/admin/realtime/accounts/${s.accountId}/restore`)).status).toBe(403);
    const ops = await signIn(t, 'ops@widgetry.test');
    expect((await ops.request('POST', `/api/admin/realtime/accounts/${s.accountId}/restore`)).status).toBe(200);
    expect((await ops.request('POST', '/api/admin/realtime/accounts/acc_nobody/restore')).status).toBe(404);
    expect((await publish(p)).status).toBe(200);
  });
});

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DAY } from '../lib/clock.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { createSite, formWidgetInput, signIn } from '../../testing/harness.js';
import { runInactivityCycle } from './lifecycle.js';

const t = appPerTest();

async function accountWithLead(email: string) {
  const s = await signIn(t, email);
  const site = await createSite(s);
  const w = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
  const res = await t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
    body: JSON.stringify({ site: site.siteKey, widget: w.id, fields: { name: 'Иван', phone: '+79001234567' }, consent: true, elapsedMs: 3000 }),
  });
  expect(res.status).toBe(201);
  return s;
}

describe('inactivity', () => {
  it('warns 30 days ahead, then deletes the account with all its data after 365 days without sign-in', async () => {
    const s = await accountWithLead('sleepy@example.ru');
    const signedInAt = t.clock.now();
    t.clock.set(signedInAt + 334 * DAY);
    await runInactivityCycle(t.deps);
    expect(t.devOutbox.list().filter((m) => m.subject.includes('неактивности'))).toHaveLength(0);
    t.clock.set(signedInAt + 335 * DAY);
    await runInactivityCycle(t.deps);
    await runInactivityCycle(t.deps);
    const warnings = t.devOutbox.list().filter((m) => m.subject.includes('неактивности'));
    expect(warnings).toHaveLength(1);
    // Russian is the dashboard's default: the link asks for no language.
    expect(warnings[0]!.text).toMatch(/войдите: http:\/\/localhost:8787\/app\/$/);
    t.clock.set(signedInAt + 365 * DAY - 1);
    await runInactivityCycle(t.deps);
    expect(await t.store.db.select().from(t.store.tables.accounts).where(eq(t.store.tables.accounts.id, s.accountId))).toHaveLength(1);
    t.clock.set(signedInAt + 365 * DAY);
    await runInactivityCycle(t.deps);
    expect(await t.store.db.select().from(t.store.tables.accounts)).toHaveLength(0);
    expect(await t.store.db.select().from(t.store.tables.sites)).toHaveLength(0);
    expect(await t.store.db.select().from(t.store.tables.widgets)).toHaveLength(0);
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(0);
    expect(await t.store.db.select().from(t.store.tables.loginCodes)).toHaveLength(0);
    expect(await t.store.db.select().from(t.store.tables.destructionRecords)).toMatchObject([{ count: 1, basis: 'account_deleted' }]);
  });

  it('writes the warning in English for an account signed in from the English dashboard', async () => {
    await signIn(t, 'sleepy@example.com', 'en');
    t.clock.set(t.clock.now() + 335 * DAY);
    await runInactivityCycle(t.deps);
    const warnings = t.devOutbox.list().filter((m) => m.to === 'sleepy@example.com' && m.subject.includes('inactivity'));
    expect(warnings.map((m) => m.subject)).toEqual(['Widgetry: your account will be deleted for inactivity']);
    expect(warnings[0]!.text).toMatch(/^You have not signed in to your dashboard for almost a year\. On \d{2}\/\d{2}\/\d{4} the account will be deleted with all its data/);
    expect(warnings[0]!.text).toMatch(/sign in: http:\/\/localhost:8787\/app\/\?lang=en$/);
    expect(warnings[0]!.text).not.toMatch(/[а-яё]/i);
  });

  it('leaves accounts with realtime projects to offer 000: its notice, block and deletion', async () => {
    const s = await accountWithLead('backend@example.ru');
    expect((await s.request('POST', '/api/realtime/projects', { name: 'Orders' })).status).toBe(201);
    const start = t.clock.now();
    t.clock.set(start + 400 * DAY);
    await runInactivityCycle(t.deps);
    expect(t.devOutbox.list().filter((m) => m.subject.includes('неактивности'))).toHaveLength(0);
    expect(await t.store.db.select().from(t.store.tables.accounts)).toHaveLength(1);
    // Offer 000's own job takes over: a notice first (realtime/inactivity.test.ts walks the rest).
    const { runRealtimeInactivity } = await import('../../realtime/inactivity.js');
    expect((await runRealtimeInactivity(t.deps)).map((x) => x.step)).toEqual(['noticed']);
  });

  it('a sign-in after the warning keeps the account', async () => {
    await accountWithLead('back@example.ru');
    const start = t.clock.now();
    t.clock.set(start + 340 * DAY);
    await runInactivityCycle(t.deps);
    await signIn(t, 'back@example.ru');
    t.clock.set(start + 400 * DAY);
    await runInactivityCycle(t.deps);
    expect(await t.store.db.select().from(t.store.tables.accounts)).toHaveLength(1);
  });
});

describe('deleting one’s own account', () => {
  it('needs the e-mail typed as confirmation, then destroys everything and ends the session', async () => {
    const s = await accountWithLead('leaving@example.ru');
    expect((await s.request('DELETE', '/api/me', { confirmEmail: 'other@example.ru' })).status).toBe(422);
    expect((await s.request('DELETE', '/api/me', {})).status).toBe(422);
    expect((await s.request('DELETE', '/api/me', { confirmEmail: 'Leaving@Example.ru' })).status).toBe(204);
    expect((await s.request('GET', '/api/me')).status).toBe(401);
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(0);
    expect(await t.store.db.select().from(t.store.tables.accounts)).toHaveLength(0);
  });
});

// Every path that destroys or deletes personal data journals the ids it removed, in its own
// transaction; replaying the journal onto a database that still holds them (an older backup)
// erases them again, and nothing else.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs.js';
import { createSite, createTestApp, formWidgetInput, setTariff, signIn, type Session, type TestApp } from '../../testing/harness.js';
import { DAY } from '../lib/clock.js';
import { replayErasures } from './replay.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { LEAD_RATE_PER_IP_PER_MINUTE: '1000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000' } });
});
afterEach(async () => t.cleanup());

const journal = async () => (await t.store.db.select().from(t.store.tables.erasures)).map(({ kind, subjectId, basis, erasedAt }) => ({ kind, subjectId, basis, erasedAt }));

async function leadsOf(s: Session, n: number) {
  const site = await createSite(s, [`s${Math.random().toString(36).slice(2, 8)}.example.ru`]);
  const w = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
  for (let i = 0; i < n; i++) {
    const res = await t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `https://${site.domains[0]}` },
      body: JSON.stringify({ site: site.siteKey, widget: w.id, fields: { name: `Клиент ${i}`, phone: `+7900000${String(i).padStart(4, '0')}` }, consent: true, elapsedMs: 3000 }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const { leads } = t.store.tables;
  return (await t.store.db.select().from(leads).where(eq(leads.widgetId, w.id))).map((l) => l.id).sort();
}

async function chatOf(s: Session) {
  await setTariff(t, s.accountId, 'start');
  const site = await createSite(s, ['chat.example.ru']);
  const content = { consentUrl: 'https://chat.example.ru/consent', privacyUrl: 'https://chat.example.ru/privacy', offlineAfterMin: 2 };
  const w = (await (await s.request('POST', '/api/widgets', { type: 'chat', name: 'Chat', siteId: site.id, active: true, content })).json()) as { id: string };
  const res = await t.app.request('/v1/chat/start', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://chat.example.ru', 'x-forwarded-for': '203.0.113.7' },
    body: JSON.stringify({ site: site.siteKey, widget: w.id, consent: true, name: 'Анна', contact: '+79001234567', page: 'https://chat.example.ru/' }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { token } = (await res.json()) as { token: string };
  const sent = await t.app.request('/v1/chat/send', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://chat.example.ru', 'x-forwarded-for': '203.0.113.7' },
    body: JSON.stringify({ token, text: 'Здравствуйте' }),
  });
  expect(sent.status).toBe(201);
  const [conv] = await t.store.db.select().from(t.store.tables.chatConversations).where(eq(t.store.tables.chatConversations.widgetId, w.id));
  return conv!.id;
}

describe('erasure journal', () => {
  it('journals leads deleted on request and destroyed by retention, with their basis and date', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const ids = await leadsOf(s, 3);
    const at = t.clock.now();
    expect((await s.request('DELETE', `/api/leads/${ids[0]}`)).status).toBe(204);
    expect(await journal()).toEqual([{ kind: 'lead', subjectId: ids[0], basis: 'licensee_request', erasedAt: at }]);
    t.clock.advance(365 * DAY + 1);
    await JOBS.find((j) => j.name === 'lead_retention')!.run(t.deps);
    const retained = (await journal()).filter((e) => e.basis === 'retention_365_days');
    expect(retained.map((e) => e.subjectId).sort()).toEqual(ids.slice(1));
    expect(retained.every((e) => e.kind === 'lead' && e.erasedAt === t.clock.now())).toBe(true);
  });

  it('journals a chat deleted by the licensee, chats destroyed by retention, and a deleted account', async () => {
    const s = await signIn(t, 'chat@example.ru');
    const first = await chatOf(s);
    expect((await s.request('DELETE', `/api/chats/${first}`)).status).toBe(204);
    expect(await journal()).toEqual([{ kind: 'chat_conversation', subjectId: first, basis: 'licensee_request', erasedAt: t.clock.now() }]);
    const second = await chatOf(s);
    const [message] = await t.store.db.select().from(t.store.tables.chatMessages).where(eq(t.store.tables.chatMessages.conversationId, second));
    t.clock.advance(365 * DAY + 1);
    await JOBS.find((j) => j.name === 'lead_retention')!.run(t.deps);
    expect((await journal()).filter((e) => e.basis === 'retention_365_days')).toEqual(
      expect.arrayContaining([
        { kind: 'chat_conversation', subjectId: second, basis: 'retention_365_days', erasedAt: t.clock.now() },
        { kind: 'chat_message', subjectId: String(message!.id), basis: 'retention_365_days', erasedAt: t.clock.now() },
      ]),
    );
    const fresh = await signIn(t, 'chat@example.ru');
    expect((await fresh.request('DELETE', '/api/me', { confirmEmail: 'chat@example.ru' })).status).toBe(204);
    expect((await journal()).filter((e) => e.kind === 'account')).toEqual([{ kind: 'account', subjectId: s.accountId, basis: 'licensee_request', erasedAt: t.clock.now() }]);
  });

  it('journals team memberships and invitations (they hold e-mail addresses): revoked, declined, left, and those of a deleted person; a replay deletes them again', async () => {
    const owner = await signIn(t, 'owner@example.ru');
    const { teamMembers } = t.store.tables;
    const invite = async (email: string) => ((await (await owner.request('POST', '/api/team/members', { email, role: 'viewer' })).json()) as { id: string }).id;
    const revoked = await invite('revoked@example.ru');
    const declined = await invite('declined@example.ru');
    const left = await invite('left@example.ru');
    const deleted = await invite('deleted@example.ru');
    const kept = await invite('kept@example.ru');
    const before = await t.store.db.select().from(teamMembers);

    expect((await owner.request('DELETE', `/api/team/members/${revoked}`)).status).toBe(204);
    expect((await (await signIn(t, 'declined@example.ru')).request('DELETE', `/api/team/invitations/${declined}`)).status).toBe(204);
    const leaver = await signIn(t, 'left@example.ru');
    expect((await leaver.request('POST', `/api/team/invitations/${left}/accept`)).status).toBe(200);
    expect((await leaver.request('DELETE', `/api/team/invitations/${left}`)).status).toBe(204);
    // A person who deletes their own account takes their memberships in others' teams with them.
    const gone = await signIn(t, 'deleted@example.ru');
    expect((await gone.request('POST', `/api/team/invitations/${deleted}/accept`)).status).toBe(200);
    expect((await gone.request('POST', '/api/team/switch', { accountId: null })).status).toBe(200);
    expect((await gone.request('DELETE', '/api/me', { confirmEmail: 'deleted@example.ru' })).status).toBe(204);

    const now = t.clock.now();
    const bySubject = (a: { subjectId: string }, b: { subjectId: string }) => a.subjectId.localeCompare(b.subjectId);
    expect((await journal()).filter((e) => e.kind === 'team_member').sort(bySubject)).toEqual(
      [revoked, declined, left, deleted].map((subjectId) => ({ kind: 'team_member', subjectId, basis: 'licensee_request', erasedAt: now })).sort(bySubject),
    );
    expect((await t.store.db.select({ id: teamMembers.id }).from(teamMembers)).map((m) => m.id)).toEqual([kept]);

    // The "restore": the rows are back, the journal replayed onto them deletes them again, and only them.
    const entries = (await t.store.db.select().from(t.store.tables.erasures)).filter((e) => e.kind === 'team_member');
    await t.store.db.delete(teamMembers);
    await t.store.db.insert(teamMembers).values(before);
    await t.store.db.delete(t.store.tables.erasures);
    expect(await replayErasures(t.store, entries)).toBe(4);
    expect((await t.store.db.select({ id: teamMembers.id }).from(teamMembers)).map((m) => m.id)).toEqual([kept]);
    expect(await replayErasures(t.store, entries)).toBe(0);
  });

  it('replayed onto rows that came back (as from an older backup), erases exactly those', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const ids = await leadsOf(s, 3);
    const { leads } = t.store.tables;
    const before = await t.store.db.select().from(leads);
    expect(await (await s.request('POST', '/api/leads/delete', { ids: ids.slice(0, 2) })).json()).toEqual({ deleted: 2 });
    const entries = await t.store.db.select().from(t.store.tables.erasures);
    // The "restore": the deleted rows are back, and the restored journal has not heard of them.
    await t.store.db.delete(t.store.tables.erasures);
    await t.store.db.insert(leads).values(before.filter((l) => ids.slice(0, 2).includes(l.id)));
    expect(await replayErasures(t.store, entries)).toBe(2);
    expect((await t.store.db.select({ id: leads.id }).from(leads)).map((l) => l.id)).toEqual([ids[2]]);
    expect(await t.store.db.select().from(t.store.tables.erasures)).toHaveLength(2);
    // Idempotent.
    expect(await replayErasures(t.store, entries)).toBe(0);
  });
});

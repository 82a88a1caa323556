import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleMayChange, type TeamRole } from '#contracts/core/team.js';
import { createSite, createTestApp, formWidgetInput, setTariff, signIn, type Session, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { LEAD_RATE_PER_IP_PER_MINUTE: '1000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000' } });
});
afterEach(async () => t.cleanup());

const json = async (res: Response) => ({ status: res.status, body: (await res.json().catch(() => null)) as any });

/** An owner with a site, a form and one lead; an editor and a viewer invited, who accepted (which switches them into the owner's account). */
async function team() {
  const owner = await signIn(t, 'owner@shop.example');
  await setTariff(t, owner.accountId, 'start');
  const site = await createSite(owner);
  const widget = (await json(await owner.request('POST', '/api/widgets', formWidgetInput(site.id)))).body.id as string;
  const sent = await t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
    body: JSON.stringify({ site: site.siteKey, widget, fields: { name: 'Анна', phone: '+79031112233' }, consent: true, elapsedMs: 3000 }),
  });
  expect(sent.status).toBe(201);
  const leadId = (await json(await owner.request('GET', '/api/leads'))).body.leads[0].id as string;
  const join = async (email: string, role: 'editor' | 'viewer') => {
    const { id } = (await json(await owner.request('POST', '/api/team/members', { email, role }))).body;
    const person = await signIn(t, email);
    expect((await json(await person.request('POST', `/api/team/invitations/${id}/accept`))).body).toEqual({ accountId: owner.accountId });
    return person;
  };
  const editor = await join('editor@shop.example', 'editor');
  const viewer = await join('viewer@shop.example', 'viewer');
  return { owner, editor, viewer, leadId, site, widget };
}

describe('a team', () => {
  it('invites by e-mail; the invited person signs in, accepts and works in the owner’s account', async () => {
    const { owner, editor, leadId } = await team();
    const mail = t.devOutbox.list().find((m) => m.to === 'editor@shop.example' && m.subject.includes('приглашение'));
    expect(mail?.text).toContain('owner@shop.example');
    expect(mail?.text).toContain('редактор');
    const mine = (await json(await editor.request('GET', '/api/team'))).body;
    expect(mine).toMatchObject({ role: 'editor', person: 'editor@shop.example', ownerEmail: 'owner@shop.example', own: false });
    expect(mine.teams).toEqual([{ id: expect.any(String), accountId: owner.accountId, ownerEmail: 'owner@shop.example', role: 'editor' }]);
    // The owner's leads, as the owner sees them.
    expect((await json(await editor.request('GET', '/api/leads'))).body.leads.map((l: { id: string }) => l.id)).toEqual([leadId]);
    const members = (await json(await owner.request('GET', '/api/team'))).body.members;
    expect(members.map((m: { email: string; role: string; acceptedAt: number }) => [m.email, m.role, m.acceptedAt])).toEqual([
      ['editor@shop.example', 'editor', t.clock.now()],
      ['viewer@shop.example', 'viewer', t.clock.now()],
    ]);
    expect((await owner.request('POST', '/api/team/members', { email: 'EDITOR@shop.example', role: 'viewer' })).status).toBe(409);
    expect((await owner.request('POST', '/api/team/members', { email: 'not-an-email', role: 'viewer' })).status).toBe(422);
    expect((await owner.request('POST', '/api/team/members', { email: 'x@shop.example', role: 'owner' })).status).toBe(422);
  });

  it('writes the invitation in the invited person’s language if they have an account, else in both, the inviter’s first', async () => {
    await signIn(t, 'anna@shop.example', 'en');
    await signIn(t, 'boris@shop.example');
    const invite = async (owner: Session, email: string) => {
      expect((await owner.request('POST', '/api/team/members', { email, role: 'editor' })).status).toBe(201);
      const mail = t.devOutbox.list().find((m) => m.to === email && !/code|код/.test(m.subject));
      const link = /\/app\/team\/invitations\/\S+/.exec(mail!.text)?.[0];
      return { subject: mail!.subject, paragraphs: mail!.text.split('\n\n').map((p) => p.split('\n')[0]!), lang: link && new URL(link, 'http://x').searchParams.get('lang') };
    };
    const ru = await signIn(t, 'owner@shop.example');
    await setTariff(t, ru.accountId, 'start');
    const en = await signIn(t, 'owner@shop.com', 'en');
    await setTariff(t, en.accountId, 'start');
    const CYRILLIC = /[а-яё]/i;
    // Known: the invited person's own language only, whoever invites.
    const toAnna = await invite(ru, 'anna@shop.example');
    // The link opens the dashboard in the letter's leading language (Russian is its default).
    expect(toAnna).toEqual({
      subject: 'Widgetry: invitation to the team of owner@shop.example',
      paragraphs: ['owner@shop.example invites you to their Widgetry account as editor (widgets, leads, chats).'],
      lang: 'en',
    });
    const toBoris = await invite(en, 'boris@shop.example');
    expect(toBoris.subject).toBe('Widgetry: приглашение в команду owner@shop.com');
    expect(toBoris.paragraphs).toEqual(['owner@shop.com приглашает вас в свой аккаунт Widgetry, роль: редактор (виджеты, заявки, чаты).']);
    expect(toBoris.lang).toBeNull();
    // Unknown: both languages, led by the inviter's.
    const fromRussian = await invite(ru, 'new1@shop.example');
    expect(fromRussian.subject).toBe('Widgetry: приглашение в команду owner@shop.example / invitation to the team of owner@shop.example');
    expect(fromRussian.lang).toBeNull();
    const fromEnglish = await invite(en, 'new2@shop.example');
    expect(fromEnglish.subject).toBe('Widgetry: invitation to the team of owner@shop.com / приглашение в команду owner@shop.com');
    expect(fromEnglish.paragraphs.map((p) => CYRILLIC.test(p))).toEqual([false, true]);
    expect(fromEnglish.lang).toBe('en');
  });

  it('the invitation waits for the invited person: the link, signing up with that address, accepting, switching, declining', async () => {
    const owner = await signIn(t, 'owner@shop.example');
    const { id } = (await json(await owner.request('POST', '/api/team/members', { email: 'new.person@shop.example', role: 'viewer' }))).body;
    const mail = t.devOutbox.list().find((m) => m.to === 'new.person@shop.example');
    expect(mail?.text).toContain(`/app/team/invitations/${id}`);
    // Not accepted yet: listed as waiting, and nobody can work in the account on its strength.
    expect((await json(await owner.request('GET', '/api/team'))).body.members).toEqual([{ id, email: 'new.person@shop.example', role: 'viewer', invitedAt: t.clock.now(), acceptedAt: null }]);
    // The address has no account yet: signing in creates one, as any sign-up.
    const person = await signIn(t, 'new.person@shop.example');
    expect((await person.request('POST', '/api/team/switch', { accountId: owner.accountId })).status).toBe(404);
    const own = (await json(await person.request('GET', '/api/team'))).body;
    expect(own).toMatchObject({ own: true, teams: [], invitations: [{ id, ownerEmail: 'owner@shop.example', role: 'viewer' }] });
    // Someone else who got hold of the link is told which address it is for, masked; nothing changes.
    const other = await signIn(t, 'other@shop.example');
    const refused = await json(await other.request('POST', `/api/team/invitations/${id}/accept`));
    expect(refused).toEqual({ status: 403, body: { error: { code: 'invitation_other_email', message: expect.any(String), details: { email: 'n***@shop.example' } } } });
    expect((await other.request('DELETE', `/api/team/invitations/${id}`)).status).toBe(403);
    expect((await json(await other.request('GET', '/api/team'))).body.role).toBe('owner');

    expect((await json(await person.request('GET', `/api/team/invitations/${id}`))).body).toEqual({ id, ownerEmail: 'owner@shop.example', role: 'viewer', invitedAt: t.clock.now(), acceptedAt: null });
    t.clock.advance(60_000);
    expect((await person.request('POST', `/api/team/invitations/${id}/accept`)).status).toBe(200);
    const joined = (await json(await person.request('GET', '/api/team'))).body;
    expect(joined).toMatchObject({ own: false, role: 'viewer', ownerEmail: 'owner@shop.example', invitations: [] });
    expect((await json(await owner.request('GET', '/api/team'))).body.members[0].acceptedAt).toBe(t.clock.now());
    // Back to one's own account and into the team again.
    expect((await json(await person.request('POST', '/api/team/switch', { accountId: null }))).body.accountId).toBe(person.accountId);
    expect((await json(await person.request('GET', '/api/team'))).body.own).toBe(true);
    expect((await person.request('POST', '/api/team/switch', { accountId: owner.accountId })).status).toBe(200);
    // Leaving: the membership goes, and the person is in their own account on the next request.
    expect((await person.request('DELETE', `/api/team/invitations/${id}`)).status).toBe(204);
    expect((await json(await person.request('GET', '/api/team'))).body).toMatchObject({ own: true, teams: [], invitations: [] });
    expect((await json(await owner.request('GET', '/api/team'))).body.members).toEqual([]);
    expect((await json(await person.request('GET', `/api/team/invitations/${id}`))).status).toBe(404);

    // The owner withdraws an invitation before it is answered: the link answers 404.
    const again = (await json(await owner.request('POST', '/api/team/members', { email: 'new.person@shop.example', role: 'editor' }))).body.id as string;
    expect((await owner.request('DELETE', `/api/team/members/${again}`)).status).toBe(204);
    expect((await json(await person.request('POST', `/api/team/invitations/${again}/accept`))).body.error.code).toBe('not_found');
  });

  it('each status change names its author: the team member, not the account', async () => {
    const { editor, viewer, owner, leadId } = await team();
    expect((await editor.request('PATCH', `/api/leads/${leadId}`, { status: 'in_progress' })).status).toBe(200);
    const refused = await json(await viewer.request('PATCH', `/api/leads/${leadId}`, { status: 'done' }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('role_forbidden');
    await owner.request('PATCH', `/api/leads/${leadId}`, { status: 'done' });
    const history = (await json(await viewer.request('GET', `/api/leads/${leadId}`))).body.history;
    expect(history.map((h: { author: string; to: string }) => [h.author, h.to])).toEqual([
      ['editor@shop.example', 'in_progress'],
      ['owner@shop.example', 'done'],
    ]);
  });

  it('a removed member is back in their own account at once; nobody switches into a team they are not in', async () => {
    const { owner, editor } = await team();
    const id = (await json(await owner.request('GET', '/api/team'))).body.members.find((m: { email: string }) => m.email === 'editor@shop.example').id;
    expect((await editor.request('DELETE', `/api/team/members/${id}`)).status).toBe(403);
    expect((await owner.request('DELETE', `/api/team/members/${id}`)).status).toBe(204);
    const after = (await json(await editor.request('GET', '/api/team'))).body;
    expect(after).toMatchObject({ role: 'owner', own: true, teams: [] });
    expect((await json(await editor.request('GET', '/api/leads'))).body.total).toBe(0);
    expect((await editor.request('POST', '/api/team/switch', { accountId: owner.accountId })).status).toBe(404);
    const stranger = await signIn(t, 'stranger@shop.example');
    expect((await stranger.request('POST', '/api/team/switch', { accountId: owner.accountId })).status).toBe(404);
  });

  it('enforces the roles on every registered dashboard route', async () => {
    const { owner, editor, viewer } = await team();
    const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
    const seen = new Set<string>();
    const routes = t.app.routes
      .filter((r) => METHODS.has(r.method) && r.path.startsWith('/api/'))
      .map((r) => ({ method: r.method, path: r.path.replace(/:[^/]+/g, 'x_1') }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
      // Signing out ends the session the rest of the walk uses: last.
      .sort((a, b) => Number(a.path.startsWith('/api/auth/logout')) - Number(b.path.startsWith('/api/auth/logout')));
    // The dashboard's routes are the ones that need a session.
    const dashboard: typeof routes = [];
    for (const r of routes) if ((await t.app.request(r.path, { method: r.method })).status === 401) dashboard.push(r);
    expect(dashboard.length).toBeGreaterThan(80);
    const sessions: [TeamRole, Session][] = [
      ['viewer', viewer],
      ['editor', editor],
      ['owner', owner],
    ];
    const wrong: string[] = [];
    for (const [role, s] of sessions) {
      for (const r of dashboard) {
        const res = await json(await s.request(r.method, r.path, r.method === 'GET' ? undefined : {}));
        const refusedByRole = res.status === 403 && res.body?.error?.code === 'role_forbidden';
        const allowed = r.method === 'GET' || roleMayChange(role, r.path);
        if (refusedByRole === allowed) wrong.push(`${role} ${r.method} ${r.path}: ${res.status} ${res.body?.error?.code ?? ''}`);
        if (res.status >= 500) wrong.push(`${role} ${r.method} ${r.path}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    // The rule itself: a viewer changes nothing of the account, an editor widgets, leads and chats only.
    expect(roleMayChange('viewer', '/api/leads/x')).toBe(false);
    expect(roleMayChange('editor', '/api/leads/x')).toBe(true);
    expect(roleMayChange('editor', '/api/billing/checkout')).toBe(false);
    expect(roleMayChange('editor', '/api/team/members')).toBe(false);
    expect(roleMayChange('editor', '/api/me')).toBe(false);
    expect(roleMayChange('viewer', '/api/team/switch')).toBe(true);
  });
});

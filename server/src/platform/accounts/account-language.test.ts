// GET /api/me tells the dashboard the person's language: the one their mails are written in, which
// a dashboard with no language chosen on its device starts in (dashboard/src/app.tsx).
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { setTariff, signIn, type Session } from '../../testing/harness.js';

const t = appPerTest();

const langOf = async (s: Session) => ((await (await s.request('GET', '/api/me')).json()) as { lang: string }).lang;

describe('the language in GET /api/me', () => {
  it('is Russian by default, the sign-in’s when it names one, and the switch’s after it', async () => {
    expect(await langOf(await signIn(t, 'ru@example.ru'))).toBe('ru');
    const s = await signIn(t, 'en@example.com', 'en');
    expect(await langOf(s)).toBe('en');
    // A sign-in that names no language (a device where none was chosen) leaves the account's as it was.
    expect(await langOf(await signIn(t, 'en@example.com'))).toBe('en');
    expect((await s.request('PATCH', '/api/me/settings', { lang: 'ru' })).status).toBe(200);
    expect(await langOf(s)).toBe('ru');
  });

  it('is the signed-in person’s own in a team’s account, not the owner’s', async () => {
    const owner = await signIn(t, 'owner@shop.example');
    await setTariff(t, owner.accountId, 'start');
    const invited = (await (await owner.request('POST', '/api/team/members', { email: 'editor@shop.example', role: 'editor' })).json()) as { id: string };
    const editor = await signIn(t, 'editor@shop.example', 'en');
    expect((await editor.request('POST', `/api/team/invitations/${invited.id}/accept`)).status).toBe(200);
    const me = (await (await editor.request('GET', '/api/me')).json()) as { id: string; lang: string };
    expect(me).toMatchObject({ id: owner.accountId, lang: 'en' });
    expect(await langOf(owner)).toBe('ru');
  });
});

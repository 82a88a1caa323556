// Inviting a team member while the SMTP server is down: a server that takes the TCP connection and
// never greets. The invitation is kept (it is real, and its link works), the owner hears within the
// injected interactive timeout that the letter was not sent, gets the link to pass on, and can send
// the letter again once the mail server is back.
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { createSmtpMailer, type Mailer } from '../mail/mailer.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { silentSmtpServer } from '../../testing/silent-smtp.js';
import { signIn } from '../../testing/harness.js';

const TIMEOUT_MS = 300;
const silentSmtp = silentSmtpServer();
/** Sign-in codes still reach the dev outbox (the tests sign people in); the invitations meet the silent server while this is on. */
let smtpDown = false;

beforeEach(() => {
  smtpDown = false;
});

const t = appPerTest({
  deps: {
    // Built per app, after beforeAll has the port: a getter keeps the URL lazy.
    get mailer(): Mailer {
      const smtp = createSmtpMailer(silentSmtp.url(), 'Widgetry <no-reply@widgetry.test>', createLogger('silent'), { interactiveTimeoutMs: TIMEOUT_MS });
      return { send: (mail, options) => (smtpDown ? smtp.send(mail, options) : t.devOutbox.send(mail)) };
    },
  },
});

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

async function inviteWhileDown(email = 'irina.sokolova@shop.example') {
  const owner = await signIn(t, 'owner@shop.example');
  smtpDown = true;
  const started = performance.now();
  const answer = await json(await owner.request('POST', '/api/team/members', { email, role: 'editor' }));
  return { owner, answer, ms: performance.now() - started };
}

describe('a team invitation when the mail server does not answer', () => {
  it('keeps the invitation and answers 201 with mail "failed" and the link, within the short timeout', async () => {
    const { owner, answer, ms } = await inviteWhileDown();
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ email: 'irina.sokolova@shop.example', role: 'editor', mail: 'failed' });
    expect(answer.body.link).toContain(`/team/invitations/${answer.body.id}`);
    // The greeting timeout of the interactive pool, not nodemailer's 30 s.
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(5_000);
    const members = (await json(await owner.request('GET', '/api/team'))).body.members;
    expect(members).toEqual([expect.objectContaining({ id: answer.body.id, email: 'irina.sokolova@shop.example', acceptedAt: null })]);
    expect(t.devOutbox.list().some((m) => m.to === 'irina.sokolova@shop.example')).toBe(false);
  });

  it('logs one warning without the address or a stack', async () => {
    const { answer } = await inviteWhileDown();
    const log = t.logLines.join('\n');
    const warnings = t.logLines.filter((l) => l.includes('team.invitation_mail_failed'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 'warn', memberId: answer.body.id, error: 'SMTP send failed: ETIMEDOUT' });
    expect(log).not.toContain('irina.sokolova');
    expect(log).not.toContain('request.failed');
    expect(log).not.toMatch(/\n\s+at /);
  });

  it('the link works without the letter: the invited person signs in and finds the invitation', async () => {
    const { owner, answer } = await inviteWhileDown();
    smtpDown = false;
    const irina = await signIn(t, 'irina.sokolova@shop.example');
    const path = new URL(answer.body.link).pathname;
    expect(path.endsWith(`/team/invitations/${answer.body.id}`)).toBe(true);
    expect((await json(await irina.request('GET', `/api/team/invitations/${answer.body.id}`))).body).toMatchObject({ id: answer.body.id, ownerEmail: 'owner@shop.example' });
    expect((await irina.request('POST', `/api/team/invitations/${answer.body.id}/accept`)).status).toBe(200);
    expect((await json(await owner.request('GET', '/api/team'))).body.members[0].acceptedAt).not.toBeNull();
  });

  it('sends the letter again: 503 mail_unavailable while the server is down, then delivered; only the owner, only while unanswered', async () => {
    const { owner, answer } = await inviteWhileDown();
    const again = `/api/team/members/${answer.body.id}/invitation`;
    const failed = await owner.request('POST', again);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('60');
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('mail_unavailable');

    smtpDown = false;
    expect(await json(await owner.request('POST', again))).toEqual({ status: 200, body: { mail: expect.any(String) } });
    const letter = t.devOutbox.list().find((m) => m.to === 'irina.sokolova@shop.example');
    expect(letter?.text).toContain(`/team/invitations/${answer.body.id}`);

    const irina = await signIn(t, 'irina.sokolova@shop.example');
    // Not the owner (the invited person, in their own account): refused as anyone else's member.
    expect((await irina.request('POST', again)).status).toBe(404);
    await irina.request('POST', `/api/team/invitations/${answer.body.id}/accept`);
    // In the owner's account now, as an editor: a change to the team is the owner's alone.
    expect((await irina.request('POST', again)).status).toBe(403);
    // Answered: nothing to send again.
    expect((await owner.request('POST', again)).status).toBe(404);
    expect((await owner.request('POST', '/api/team/members/mem_unknown/invitation')).status).toBe(404);
  });

  it('sends the letter again at most 10 times an hour per invitation, then 429 with Retry-After', async () => {
    const { owner, answer } = await inviteWhileDown();
    smtpDown = false;
    const again = `/api/team/members/${answer.body.id}/invitation`;
    for (let i = 0; i < 10; i++) expect((await owner.request('POST', again)).status).toBe(200);
    const refused = await owner.request('POST', again);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(t.devOutbox.list().filter((m) => m.to === 'irina.sokolova@shop.example')).toHaveLength(10);
  });
});

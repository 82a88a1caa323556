// Platform mail survives an SMTP outage: a real SMTP server on loopback (smtp-server) refuses
// every mail for a while, then accepts; each notice written meanwhile arrives once, afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs.js';
import { createTestApp, freshIp, type TestApp } from '../../testing/harness.js';
import { onMessage, startSmtpServer } from '../../testing/smtp.js';
import { DAY, MINUTE } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { createSmtpMailer } from './mailer.js';
import { MAIL_GIVE_UP_MS } from './outbox.js';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let refusing = true;
const received: { to: string[]; raw: string }[] = [];
let t: TestApp;

beforeEach(async () => {
  refusing = true;
  received.length = 0;
  smtp = await startSmtpServer({
    onMailFrom(_address, _session, cb) {
      // 451: a temporary refusal, what a server under maintenance or over quota answers.
      if (refusing) cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      else cb();
    },
    onData: onMessage((raw, session) => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
    }),
  });
  t = await createTestApp({
    env: { OPERATOR_EMAILS: 'ops@widgetry.test,duty@widgetry.test' },
    deps: { mailer: createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Widgetry <no-reply@widgetry.test>', createLogger('silent')) },
  });
});
afterEach(async () => {
  await t.cleanup();
  await smtp.close();
});

const complain = () =>
  t.app.request('/api/abuse', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() },
    body: JSON.stringify({ pageUrl: 'https://shop.example.ru/p', rightInfringed: 'Авторское право', proof: 'Оригинал у меня', purpose: 'Удалить', contacts: 'author@photo.example' }),
  });
const queued = () => t.store.db.select().from(t.store.tables.mailOutbox);
const drainJob = () => JOBS.find((j) => j.name === 'mail_outbox')!.run(t.deps);

describe('platform mail outbox', () => {
  it('keeps the notices an SMTP outage refused and sends each once when the server takes mail again', async () => {
    // Two complaints during the outage: each mails both operators.
    expect((await complain()).status).toBe(201);
    expect((await complain()).status).toBe(201);
    expect(received).toHaveLength(0);
    const waiting = await queued();
    expect(waiting.map((m) => m.to).sort()).toEqual(['duty@widgetry.test', 'duty@widgetry.test', 'ops@widgetry.test', 'ops@widgetry.test']);
    expect(waiting.every((m) => m.attempts === 1 && m.leaseOwner === null && m.lastError?.includes('451'))).toBe(true);

    // Not due yet: nothing is tried.
    await drainJob();
    expect(received).toHaveLength(0);
    // Still down a minute later: tried again, refused again, the wait grows.
    t.clock.advance(MINUTE);
    await drainJob();
    expect((await queued()).every((m) => m.attempts === 2 && m.nextAttemptAt === t.clock.now() + 5 * MINUTE)).toBe(true);

    refusing = false;
    t.clock.advance(5 * MINUTE);
    await drainJob();
    expect(received.map((m) => m.to[0]).sort()).toEqual(['duty@widgetry.test', 'duty@widgetry.test', 'ops@widgetry.test', 'ops@widgetry.test']);
    // The body as the mailer sends text: base64.
    const body = (raw: string) => Buffer.from(raw.split('\r\n\r\n').slice(1).join('').replace(/\s/g, ''), 'base64').toString('utf8');
    expect(received.every((m) => body(m.raw).startsWith('Поступила жалоба abuse_'))).toBe(true);
    // Sent rows are gone (recipient and text are not kept), and nothing is sent twice.
    expect(await queued()).toHaveLength(0);
    t.clock.advance(DAY);
    await drainJob();
    expect(received).toHaveLength(4);
  });

  it('sends at once when the server is up, storing nothing', async () => {
    refusing = false;
    expect((await complain()).status).toBe(201);
    expect(received).toHaveLength(2);
    expect(await queued()).toHaveLength(0);
  });

  it('gives a mail up after a week of refusals', async () => {
    expect((await complain()).status).toBe(201);
    t.clock.advance(MAIL_GIVE_UP_MS);
    await drainJob();
    expect(await queued()).toHaveLength(0);
    expect(received).toHaveLength(0);
  });
});

// The SMTP path against a real SMTP server on loopback (the smtp-server package).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { createSmtpMailer } from './mailer.js';
import { onMessage, startSmtpServer } from '../../testing/smtp.js';
import { waitUntil } from '../../testing/wait-for.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

const received: Received[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let port: number;

beforeAll(async () => {
  smtp = await startSmtpServer({
    authOptional: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'mailer' && auth.password === 's3cret') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData: onMessage((raw, session) => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
        user: session.user as string | undefined,
      });
    }),
  });
  port = smtp.port;
});

afterAll(() => smtp.close());

describe('SMTP mailer', () => {
  it('delivers through an authenticated SMTP server', async () => {
    const mailer = createSmtpMailer(`smtp://mailer:s3cret@127.0.0.1:${port}`, 'Widgetry <no-reply@widgetry.test>', createLogger('silent'));
    await mailer.send({ to: 'anna@example.ru', subject: 'Widgetry: код для входа', text: 'Ваш код: 123456' });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.user).toBe('mailer');
    expect(mail.from).toBe('no-reply@widgetry.test');
    expect(mail.to).toEqual(['anna@example.ru']);
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const body = mail.raw.split('\r\n\r\n').slice(1).join('').replace(/\s/g, '');
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe('Ваш код: 123456');
  });

  it('fails loudly on wrong credentials', async () => {
    const mailer = createSmtpMailer(`smtp://mailer:wrong@127.0.0.1:${port}`, 'no-reply@widgetry.test', createLogger('silent'));
    await expect(mailer.send({ to: 'a@example.ru', subject: 's', text: 't' })).rejects.toThrow();
  });
});

describe('SMTP mailer connections', () => {
  it('sends a burst over one connection and closes it once idle', async () => {
    const events: string[] = [];
    const server = await startSmtpServer({
      onConnect: (_session, cb) => {
        events.push('connect');
        cb();
      },
      onClose: () => events.push('close'),
      onData: onMessage(() => {
        events.push('mail');
      }),
    });
    try {
      const mailer = createSmtpMailer(`smtp://127.0.0.1:${server.port}`, 'no-reply@widgetry.test', createLogger('silent'), { idleCloseMs: 200 });
      for (let i = 0; i < 3; i++) await mailer.send({ to: 'anna@example.ru', subject: `Заявка ${i}`, text: 'Мария, +7 916 555-12-34' });
      expect(events).toEqual(['connect', 'mail', 'mail', 'mail']);
      await waitUntil(() => events.includes('close'), 'the idle connection to be closed', 5_000);
      // After the idle close the next mail opens a new connection.
      await mailer.send({ to: 'anna@example.ru', subject: 'Заявка 3', text: 'Мария' });
      expect(events).toEqual(['connect', 'mail', 'mail', 'mail', 'close', 'connect', 'mail']);
    } finally {
      await server.close();
    }
  });
});

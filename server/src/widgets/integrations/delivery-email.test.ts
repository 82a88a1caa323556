// E-mail delivery through a real SMTP server on loopback (smtp-server), as in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/lib/logger.js';
import { createSmtpMailer } from '../../platform/mail/mailer.js';
import { createTestbed } from '../../testing/delivery-testbed.js';
import { onMessage, startSmtpServer } from '../../testing/smtp.js';

interface Received {
  to: string[];
  raw: string;
}

const received: Received[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let port: number;
let refuseNext = 0;

beforeAll(async () => {
  smtp = await startSmtpServer({
    onData: onMessage((raw, session) => {
      if (refuseNext > 0) {
        refuseNext--;
        return Object.assign(new Error('mailbox unavailable'), { responseCode: 451 });
      }
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
    }),
  });
  port = smtp.port;
});

afterAll(() => smtp.close());

/** The decoded text of a MIME part of the given type. */
function part(raw: string, type: 'text/plain' | 'text/html'): string {
  const m = new RegExp(`Content-Type: ${type}[^]*?\\r\\n\\r\\n([^]*?)\\r\\n--`, 'i').exec(raw);
  if (!m) throw new Error(`no ${type} part`);
  const encoded = m[1]!;
  return /Content-Transfer-Encoding: base64/i.test(raw.slice(m.index, m.index + 200))
    ? Buffer.from(encoded.replace(/\s/g, ''), 'base64').toString('utf8')
    : Buffer.from(
        encoded.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
}

describe('e-mail delivery', () => {
  it('sends HTML and text to every address, with no personal data in the subject, on the Free tariff', async () => {
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, 'Widgetry <leads@widgetry.test>', createLogger('silent'));
    // Only this destination: the default one (the sign-in address) has its own tests.
    const bed = await createTestbed({ mailer, signInDestination: false });
    try {
      const res = await bed.connect({ kind: 'email', emails: ['Sales@Shop.example.ru', 'boss@shop.example.ru'] });
      expect(res.status).toBe(201);
      expect(res.body.integration).toMatchObject({ kind: 'email', label: 'sales@shop.example.ru, boss@shop.example.ru', crossBorder: false, status: 'pending' });
      // Both owners confirm their address (default-destination.test.ts: what happens before that).
      for (const address of ['sales@shop.example.ru', 'boss@shop.example.ru']) expect((await bed.confirmAddress(address)).status).toBe(200);
      expect(await (await bed.s.request('GET', `/api/integrations/${res.body.integration.id}`)).json()).toMatchObject({ status: 'active' });
      // The site had no working destination, so the sign-in address stood in until now: drop it again.
      await bed.dropSignInDestination();

      refuseNext = 1;
      const leadId = await bed.submitLead({ comment: 'Привезите <завтра>' });
      await bed.deliverDue();
      let [d] = await bed.deliveriesOf(leadId);
      expect(d).toMatchObject({ status: 'pending', lastStatusCode: 451, lastError: 'SMTP 451' });
      await bed.runUntil(bed.t.clock.now() + 10_000);
      [d] = await bed.deliveriesOf(leadId);
      expect(d).toMatchObject({ status: 'delivered', attempts: 2 });

      expect(received).toHaveLength(1);
      const mail = received[0]!;
      expect(mail.to).toEqual(['sales@shop.example.ru', 'boss@shop.example.ru']);
      const subject = /^Subject: (.*(?:\r\n .*)*)/m.exec(mail.raw)![1]!;
      const decodedSubject = subject.replace(/=\?UTF-8\?B\?([^?]+)\?=/gi, (_, b: string) => Buffer.from(b, 'base64').toString('utf8')).replace(/\r\n /g, '');
      expect(decodedSubject).toBe('Widgetry: новая заявка с сайта «Shop»');
      const text = part(mail.raw, 'text/plain');
      const html = part(mail.raw, 'text/html');
      for (const body of [text, html]) expect(body).toContain('Иван Петров');
      expect(text).toContain('Комментарий: Привезите <завтра>');
      // The time on the site's clock (Moscow by default: the test clock's 09:00 UTC), not UTC.
      expect(text).toMatch(/Получена: \d\d\.11\.2026, 12:00 \(Europe\/Moscow\)/);
      expect(html).toContain('Привезите &#60;завтра&#62;');
      expect(html).not.toContain('<завтра>');
    } finally {
      await bed.cleanup();
    }
  });
});

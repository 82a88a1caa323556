// A backlog of lead mails drains through a real SMTP server on loopback with a bounded number of
// messages handed to the mailer at once: the worker claims only what it has free slots for, so
// a long outbox is never turned into thousands of messages queued in memory (nodemailer's pool
// queues whatever it is given). Overlapping runs stand for the timer's ticks during a drain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/lib/logger.js';
import { createSmtpMailer, type Mailer } from '../../platform/mail/mailer.js';
import { createTestbed } from '../../testing/delivery-testbed.js';
import { onMessage, startSmtpServer } from '../../testing/smtp.js';

const LEADS = 12;
/** The worker's default number of sends in flight. */
const CONCURRENCY = 4;

let received = 0;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer({
    // Each message is answered a little later, so sends overlap as they do against a real server.
    onData: (stream, session, cb) => onMessage(() => void received++)(stream, session, (err) => setTimeout(() => cb(err), 20)),
  });
});

afterAll(() => smtp.close());

describe('a backlog of lead mails', () => {
  it('is sent with at most the worker’s concurrency of messages handed to the mailer at once', async () => {
    const smtpMailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Widgetry <leads@widgetry.test>', createLogger('silent'));
    let handed = 0;
    let mostHanded = 0;
    const mailer: Mailer = {
      async send(mail) {
        mostHanded = Math.max(mostHanded, ++handed);
        try {
          await smtpMailer.send(mail);
        } finally {
          handed--;
        }
      },
    };
    // More destinations than the worker's slots, one mail each per lead: the default one (the
    // sign-in address) and five more. One destination's rows are sent one after another, so
    // sends overlap across destinations only, and could reach six without the bound.
    const bed = await createTestbed({ mailer });
    try {
      const addresses = ['sales', 'boss', 'office', 'orders', 'night'].map((box) => `${box}@shop.example.ru`);
      for (const address of addresses) {
        expect((await bed.connect({ kind: 'email', emails: [address] })).status).toBe(201);
        expect((await bed.confirmAddress(address)).status).toBe(200);
      }
      for (let i = 0; i < LEADS; i++) await bed.submitLead({ comment: `Заявка ${i}` });
      for (let round = 0; round < 100; round++) {
        const taken = await Promise.all(Array.from({ length: 6 }, () => bed.worker.runOnce()));
        if (taken.every((n) => n === 0)) break;
      }
      expect(received).toBe((1 + addresses.length) * LEADS);
      expect(mostHanded).toBeLessThanOrEqual(CONCURRENCY);
      // The runs did overlap: more than one message was in flight at some point.
      expect(mostHanded).toBeGreaterThan(1);
    } finally {
      await bed.cleanup();
    }
  });
});

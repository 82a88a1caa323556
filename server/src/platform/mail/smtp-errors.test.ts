// A refused SMTP send must not carry the recipient's address into our logs: nodemailer's error
// text quotes the server's reply, and servers echo the address ("550 <anna@…>: no such user").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { createSmtpMailer } from './mailer.js';
import { startSmtpServer } from '../../testing/smtp.js';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let port: number;

beforeAll(async () => {
  smtp = await startSmtpServer({
    onRcptTo(address, _session, cb) {
      const err = new Error(`<${address.address}>: Recipient address rejected: no such user`) as Error & { responseCode: number };
      err.responseCode = 550;
      cb(err);
    },
  });
  port = smtp.port;
});

afterAll(() => smtp.close());

describe('SMTP mailer failures', () => {
  it('rejects with an error that names the SMTP status, never the recipient', async () => {
    const lines: string[] = [];
    const mailer = createSmtpMailer(
      `smtp://127.0.0.1:${port}`,
      'Widgetry <no-reply@widgetry.test>',
      createLogger('debug', (l) => lines.push(l)),
    );
    const err = await mailer.send({ to: 'anna.petrova@example.ru', subject: 'Widgetry: код для входа', text: 'Ваш код: 123456' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    // What the callers log: String(err) and the stack.
    const logged = `${String(err)}\n${(err as Error).stack}\n${JSON.stringify(err)}`;
    expect(logged).not.toContain('anna.petrova');
    expect(logged).toContain('550');
    expect(lines.join('\n')).not.toContain('anna.petrova');
  });
});

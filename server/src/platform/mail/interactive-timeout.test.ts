// An interactive send (a sign-in code, an invitation) gives up within its timeout however the
// mail server fails: silent from the start, or greeting and then answering nothing more.
import { describe, expect, it } from 'vitest';
import { silentSmtpServer } from '../../testing/silent-smtp.js';
import { createLogger } from '../lib/logger.js';
import { createSmtpMailer, MailSendError } from './mailer.js';

const TIMEOUT_MS = 300;
const neverGreets = silentSmtpServer();
const stallsAfterGreeting = silentSmtpServer('220 mail.example.test ESMTP\r\n');
const mail = { to: 'anna.petrova@example.ru', subject: 'Код входа', text: '123456' };

async function sendThrough(url: string): Promise<{ error: unknown; ms: number }> {
  const mailer = createSmtpMailer(url, 'Widgetry <no-reply@widgetry.test>', createLogger('silent'), { interactiveTimeoutMs: TIMEOUT_MS, idleCloseMs: 10 });
  const started = performance.now();
  const error = await mailer.send(mail, { interactive: true }).then(
    () => null,
    (err: unknown) => err,
  );
  return { error, ms: performance.now() - started };
}

describe('interactive mail when the SMTP server fails', () => {
  it('gives up within the timeout on a server that never greets', async () => {
    const { error, ms } = await sendThrough(neverGreets.url());
    expect(error).toBeInstanceOf(MailSendError);
    expect(ms).toBeLessThan(5_000);
  });

  it('gives up within the timeout on a server that greets and then answers nothing (not after 10 minutes)', async () => {
    const { error, ms } = await sendThrough(stallsAfterGreeting.url());
    expect(error).toBeInstanceOf(MailSendError);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(5_000);
  });
});

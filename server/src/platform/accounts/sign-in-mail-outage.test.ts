// Sign-in while the SMTP server is down: a server that takes the TCP connection and never greets
// (a hung mail server, a firewall that answers SYN). The code's mail fails within the injected
// timeout, the person hears 503 mail_unavailable, and the code is neither kept nor counted.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { createSmtpMailer } from '../mail/mailer.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { silentSmtpServer } from '../../testing/silent-smtp.js';
import { freshIp } from '../../testing/harness.js';

const TIMEOUT_MS = 300;
const silentSmtp = silentSmtpServer();

const t = appPerTest({
  deps: {
    // Built per app, after beforeAll has the port: a getter keeps the URL lazy.
    get mailer() {
      return createSmtpMailer(silentSmtp.url(), 'Widgetry <no-reply@widgetry.test>', createLogger('silent'), { interactiveTimeoutMs: TIMEOUT_MS });
    },
  },
});

const askCode = (email: string) =>
  t.app.request('/api/auth/code', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() }, body: JSON.stringify({ email, consent: true }) });

describe('sign-in code when the mail server does not answer', () => {
  it('answers 503 mail_unavailable with Retry-After within the short timeout, and keeps no code', async () => {
    const started = performance.now();
    const res = await askCode('anna.petrova@example.ru');
    const ms = performance.now() - started;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('mail_unavailable');
    // The greeting timeout, not nodemailer's 30 s.
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(5_000);
    expect(await t.store.db.select().from(t.store.tables.loginCodes)).toHaveLength(0);
  });

  it('logs one warning without the address or a stack', async () => {
    await askCode('anna.petrova@example.ru');
    const log = t.logLines.join('\n');
    const warning = t.logLines.find((l) => l.includes('auth.code_mail_failed'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 'warn', error: 'SMTP send failed: ETIMEDOUT' });
    expect(log).not.toContain('anna.petrova');
    expect(log).not.toContain('request.failed');
    expect(log).not.toMatch(/\n\s+at /);
  });

  it('does not count failed codes against the address: more failures than the hourly limit all answer 503', async () => {
    const limit = t.env.LOGIN_CODES_PER_EMAIL_PER_HOUR;
    const answers: Response[] = [];
    // One after another: a code counts while its mail is being sent, as it must (it may yet arrive).
    for (let i = 0; i <= limit; i++) answers.push(await askCode('boris@example.ru'));
    expect(answers.map((r) => r.status)).toEqual(Array.from({ length: limit + 1 }, () => 503));
  });
});

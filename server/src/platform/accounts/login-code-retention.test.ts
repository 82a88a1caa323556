// Sign-in codes hold the e-mail of whoever asked for one, account or not: personal data that
// must not outlive its use (the code's 10 minutes and the per-e-mail hourly limit).
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../lib/clock.js';
import { JOBS } from '../../jobs.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { freshIp, signIn } from '../../testing/harness.js';

const t = appPerTest();

const askCode = (email: string) =>
  t.app.request('/api/auth/code', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() },
    body: JSON.stringify({ email, consent: true }),
  });

const cleanup = () => JOBS.find((j) => j.name === 'sign_in_cleanup')!.run(t.deps);

describe('sign-in data retention', () => {
  it('destroys codes once they can matter no more, keeping the hourly per-e-mail limit intact', async () => {
    for (let i = 0; i < 5; i++) expect((await askCode('never.verified@example.ru')).status).toBe(200);
    t.clock.advance(30 * MINUTE);
    await cleanup();
    // Still inside the hour: the rows that count towards the limit stay, and it holds.
    expect((await askCode('never.verified@example.ru')).status).toBe(429);
    t.clock.advance(HOUR);
    await cleanup();
    expect(JSON.stringify(await t.store.db.select().from(t.store.tables.loginCodes))).not.toContain('never.verified');
    // The per-IP windows of those requests are over too, and gone.
    expect(await t.store.db.select().from(t.store.tables.rateLimits)).toHaveLength(0);
  });

  it('drops expired sessions', async () => {
    await signIn(t, 'owner@example.ru');
    expect(await t.store.db.select().from(t.store.tables.sessions)).toHaveLength(1);
    t.clock.advance(31 * DAY);
    await cleanup();
    expect(await t.store.db.select().from(t.store.tables.sessions)).toHaveLength(0);
  });
});

// The operators' mail about a new complaint is written in the language of each operator's own
// account, Russian for an address that has none.
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { freshIp, signIn } from '../../testing/harness.js';
import { abuseComplaint } from '../../testing/fixtures.js';

const t = appPerTest({ env: { OPERATOR_EMAILS: 'ops-en@widgetry.test,ops-ru@widgetry.test,ops-new@widgetry.test' } });

describe('the new-complaint mail', () => {
  it('is in each operator’s account language, Russian without an account', async () => {
    await signIn(t, 'ops-en@widgetry.test', 'en');
    await signIn(t, 'ops-ru@widgetry.test');
    const res = await t.app.request('/api/abuse', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() }, body: JSON.stringify(abuseComplaint) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const mailTo = (to: string) => t.devOutbox.list().find((m) => m.to === to && m.subject.includes(id))!;
    expect(mailTo('ops-en@widgetry.test').subject).toBe(`Widgetry: new complaint ${id}`);
    expect(mailTo('ops-en@widgetry.test').text).toMatch(new RegExp(`^Complaint ${id} received\\. Answer by 01/12/2026\\. http`));
    expect(mailTo('ops-en@widgetry.test').text).toMatch(/ http:\/\/localhost:8787\/app\/admin\/abuse\?lang=en$/);
    expect(mailTo('ops-en@widgetry.test').text).not.toMatch(/[а-яё]/i);
    for (const to of ['ops-ru@widgetry.test', 'ops-new@widgetry.test']) {
      expect(mailTo(to).subject).toBe(`Widgetry: новая жалоба ${id}`);
      expect(mailTo(to).text).toMatch(new RegExp(`^Поступила жалоба ${id}\\. Срок ответа: 01\\.12\\.2026\\. http://localhost:8787/app/admin/abuse$`));
    }
  });
});

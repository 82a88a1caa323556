import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.js';

let t: TestApp | undefined;
afterEach(() => t?.cleanup());

describe('dev outbox page', () => {
  it('lists sent mails (text escaped)', async () => {
    t = createTestApp({ env: { DEV_OUTBOX: 'on' } });
    await t.devOutbox.send({ to: 'a@example.ru', subject: 'Код <b>', text: 'Ваш код: 123456' });
    const page = await t.app.request('/dev/outbox');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('123456');
    expect(html).toContain('Код &lt;b&gt;');
    expect(((await (await t.app.request('/dev/outbox.json')).json()) as any).mails).toHaveLength(1);
  });

  it('is off when DEV_OUTBOX is off and always in production', async () => {
    t = createTestApp({ env: { DEV_OUTBOX: 'off' } });
    expect((await t.app.request('/dev/outbox')).status).toBe(404);
    t.cleanup();
    t = createTestApp({ env: { NODE_ENV: 'production', DEV_OUTBOX: 'on' } });
    expect((await t.app.request('/dev/outbox.json')).status).toBe(404);
  });
});

import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv } from '../../env.js';
import { createTestApp, type TestApp } from '../../testing/harness.js';

let t: TestApp | undefined;
afterEach(() => t?.cleanup());

describe('dev outbox page', () => {
  it('lists sent mails (text escaped)', async () => {
    t = await createTestApp({ env: { DEV_OUTBOX: 'on', TRUST_PROXY: 'off' } });
    await t.devOutbox.send({ to: 'a@example.ru', subject: 'Код <b>', text: 'Ваш код: 123456' });
    const page = await t.app.request('/dev/outbox');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('123456');
    expect(html).toContain('Код &lt;b&gt;');
    expect(((await (await t.app.request('/dev/outbox.json')).json()) as any).mails).toHaveLength(1);
  });

  it('speaks English for ?lang=en, where the English dashboard sends a person for their code', async () => {
    t = await createTestApp({ env: { DEV_OUTBOX: 'on', TRUST_PROXY: 'off' } });
    await t.devOutbox.send({ to: 'a@example.com', subject: 'Sign-in code', text: 'Your code: 123456' });
    const html = await (await t.app.request('/dev/outbox?lang=en')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Outgoing mail (development mode)</h1>');
    expect(html).toContain('<b>To:</b> a@example.com');
    // Only the letters could carry another language: the page's own words are English.
    expect(html).not.toMatch(/[\u0400-\u04ff]/);
    expect(await (await t.app.request('/dev/outbox')).text()).toContain('<html lang="ru">');
  });

  it('is off unless DEV_OUTBOX is on, and always in production', async () => {
    t = await createTestApp({ env: { TRUST_PROXY: 'off' } });
    expect((await t.app.request('/dev/outbox')).status).toBe(404);
    await t.cleanup();
    // Production's environment refuses DEV_OUTBOX (env.test.ts); the page refuses it too.
    t = await createTestApp({ deps: { env: { ...testEnv({ DEV_OUTBOX: 'on', TRUST_PROXY: 'off' }), NODE_ENV: 'production' } } });
    expect((await t.app.request('/dev/outbox.json')).status).toBe(404);
  });

  it('refuses any request that came through a proxy: forwarding headers, or TRUST_PROXY on', async () => {
    t = await createTestApp({ env: { DEV_OUTBOX: 'on', TRUST_PROXY: 'off' } });
    expect((await t.app.request('/dev/outbox.json')).status).toBe(200);
    for (const [name, value] of [
      ['x-forwarded-for', '203.0.113.5'],
      ['forwarded', 'for=203.0.113.5;proto=https'],
      ['x-forwarded-proto', 'https'],
      ['x-forwarded-host', 'widgets.example.ru'],
      ['x-real-ip', '203.0.113.5'],
      ['via', '1.1 nginx'],
    ]) {
      expect((await t.app.request('/dev/outbox.json', { headers: { [name!]: value! } })).status, name).toBe(404);
    }
    await t.cleanup();
    t = await createTestApp({ env: { DEV_OUTBOX: 'on', TRUST_PROXY: 'on' } });
    expect((await t.app.request('/dev/outbox')).status).toBe(404);
  });

  // It holds every sign-in code: a development server listening on a public interface must not
  // hand it to the network. Needs a non-loopback address on this machine to connect from.
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!lanAddress)('answers this machine only, over a real socket', async () => {
    t = await createTestApp({ env: { DEV_OUTBOX: 'on', TRUST_PROXY: 'off' } });
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '0.0.0.0' });
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as AddressInfo).port;
      expect((await fetch(`http://127.0.0.1:${port}/dev/outbox.json`)).status).toBe(200);
      expect((await fetch(`http://${lanAddress}:${port}/dev/outbox.json`)).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

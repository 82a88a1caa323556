import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.js';

let t: TestApp | undefined;
afterEach(() => t?.cleanup());

describe('dev outbox page', () => {
  it('lists sent mails (text escaped)', async () => {
    t = await createTestApp({ env: { DEV_OUTBOX: 'on' } });
    await t.devOutbox.send({ to: 'a@example.ru', subject: 'Код <b>', text: 'Ваш код: 123456' });
    const page = await t.app.request('/dev/outbox');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('123456');
    expect(html).toContain('Код &lt;b&gt;');
    expect(((await (await t.app.request('/dev/outbox.json')).json()) as any).mails).toHaveLength(1);
  });

  it('is off when DEV_OUTBOX is off and always in production', async () => {
    t = await createTestApp({ env: { DEV_OUTBOX: 'off' } });
    expect((await t.app.request('/dev/outbox')).status).toBe(404);
    await t.cleanup();
    t = await createTestApp({ env: { NODE_ENV: 'production', DEV_OUTBOX: 'on' } });
    expect((await t.app.request('/dev/outbox.json')).status).toBe(404);
  });

  // It holds every sign-in code: a development server listening on a public interface must not
  // hand it to the network. Needs a non-loopback address on this machine to connect from.
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!lanAddress)('answers this machine only, over a real socket', async () => {
    t = await createTestApp({ env: { DEV_OUTBOX: 'on' } });
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

// The realtime service as a licensee meets it: the built server runs as its own process (what
// `npm start` runs); a licensee signs in, creates a project, and points the stock clients at our
// host — pusher-js (Node build) subscribes, the official `pusher` server SDK publishes.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { launchBrowser } from './support/browser.js';
import { pusherClient, subscribed } from '../support/pusher.js';
import { freePort, startPlatform, type Platform } from './support/platform.js';

let platform: Platform;
let project: { id: string; connection: { appId: string; key: string; host: string; port: number; useTLS: boolean } };
let secret: string;
let owner: ApiSession;
const clients: Pusher[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  owner = await apiSignIn(platform.url, 'realtime-dev@example.ru');
  const created = await owner.request('POST', '/api/realtime/projects', { name: 'Orders feed' });
  expect(created.status).toBe(201);
  ({ project, secret } = created.body);
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await platform?.stop();
});

/** Exactly the settings the dashboard shows for the project. */
const server = () => {
  const { appId, key, host, port, useTLS } = project.connection;
  return new PusherServer({ appId, key, secret, host, port: String(port), useTLS });
};

function client(presence?: { user_id: string }) {
  const c = pusherClient(project.connection, server(), presence);
  clients.push(c);
  return c;
}

const received = (c: Pusher, channel: string, event: string) => new Promise<unknown>((resolve) => c.channel(channel).bind(event, resolve));

describe('a fresh project with stock Pusher clients', () => {
  it('delivers SDK triggers to pusher-js on public, private and presence channels', async () => {
    const c = client({ user_id: 'u1' });
    for (const name of ['orders', 'private-orders', 'presence-staff']) await subscribed(c, name);
    const got = ['orders', 'private-orders', 'presence-staff'].map((ch) => received(c, ch, 'order-created'));
    const res = await server().trigger(['orders', 'private-orders', 'presence-staff'], 'order-created', { id: 1 });
    expect(res.status).toBe(200);
    expect(await Promise.all(got)).toEqual([{ id: 1 }, { id: 1 }, { id: 1 }]);
  });

  it('refuses a wrong secret (401) and an unknown key (4001)', async () => {
    const { appId, key, host, port } = project.connection;
    await expect(new PusherServer({ appId, key, secret: 'f'.repeat(32), host, port: String(port), useTLS: false }).trigger('orders', 'e', {})).rejects.toMatchObject({ status: 401 });
    const stranger = new Pusher('00000000000000000000', { cluster: 'mt1', wsHost: host, wsPort: port, forceTLS: false, enabledTransports: ['ws'] });
    clients.push(stranger);
    // pusher-js reports the refusal as a WebSocketError wrapping the server's PusherError, and does not retry.
    const code = await new Promise((resolve) => stranger.connection.bind('error', (e: { error?: { data?: { code?: number } } }) => resolve(e.error?.data?.code)));
    expect(code).toBe(4001);
    await new Promise((r) => setTimeout(r, 200));
    expect(stranger.connection.state).toBe('disconnected');
  });
});

describe('in a browser', () => {
  /** A licensee's page on another origin, loading pusher-js's web build as sites do. */
  async function startSite(): Promise<{ origin: string; server: Server }> {
    const pusherJs = readFileSync(createRequire(import.meta.url).resolve('pusher-js/dist/web/pusher.min.js'), 'utf8');
    const { key, host, port } = project.connection;
    const page = `<!doctype html><meta charset="utf-8"><title>shop</title><script src="/pusher.min.js"></script><script>
      window.got = []; window.errors = [];
      const p = new Pusher(${JSON.stringify(key)}, { cluster: 'mt1', wsHost: ${JSON.stringify(host)}, wsPort: ${port}, forceTLS: false, enabledTransports: ['ws'] });
      p.connection.bind('error', (e) => window.errors.push(e.error && e.error.data ? e.error.data.code : e.type));
      p.subscribe('orders').bind('order-created', (d) => window.got.push(d));
      window.pusher = p;
    </script>`;
    const server = createServer((req, res) => {
      if (req.url === '/pusher.min.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(pusherJs);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    const sitePort = await freePort();
    await new Promise<void>((r) => server.listen(sitePort, '127.0.0.1', r));
    return { origin: `http://127.0.0.1:${sitePort}`, server };
  }

  it('a page on an allowed origin receives events; a page on another origin is refused with 4009', async () => {
    const site = await startSite();
    const browser = await launchBrowser();
    try {
      const allow = (origins: string[]) => owner.request('PATCH', `/api/realtime/projects/${project.id}`, { allowedOrigins: origins });
      expect((await allow([site.origin])).status).toBe(200);
      const page = await browser.newPage();
      await page.goto(`${site.origin}/`);
      await page.waitForFunction(() => (window as unknown as { pusher: Pusher }).pusher.channel('orders')?.subscribed === true);
      await server().trigger('orders', 'order-created', { id: 2 });
      await page.waitForFunction(() => (window as unknown as { got: unknown[] }).got.length === 1);
      expect(await page.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual([{ id: 2 }]);

      expect((await allow(['https://other-shop.example.ru'])).status).toBe(200);
      const refused = await browser.newPage();
      await refused.goto(`${site.origin}/`);
      await refused.waitForFunction(() => (window as unknown as { errors: unknown[] }).errors.length > 0);
      expect(await refused.evaluate(() => (window as unknown as { errors: unknown[] }).errors)).toEqual([4009]);
    } finally {
      await owner.request('PATCH', `/api/realtime/projects/${project.id}`, { allowedOrigins: [] });
      await browser.close();
      await new Promise((r) => site.server.close(r));
    }
  });
});

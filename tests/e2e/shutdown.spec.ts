// SIGTERM on the real, built server: a request whose body is still arriving completes, a
// delivery attempt in flight finishes and is recorded, WebSocket clients are told to reconnect
// (4200, which pusher-js answers by reconnecting at once), new connections are refused, and the
// process exits 0 within SHUTDOWN_TIMEOUT; a request that never completes cannot hold it past
// the deadline (exit 1). A bug that escapes every handler is logged and stops the server the same
// way, with exit code 1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../support/fakes/webhook-receiver.js';
import { newWebhookSecret } from '../../server/src/widgets/integrations/webhook-signature.js';
import { deliverToWebhookOnly, postShopLead, shopOnStartTariff } from './support/licensee.js';
import { freePort } from './support/platform.js';
import { run, waitFor, type RunningProcess } from './support/server-process.js';

const OPERATOR = 'ops@widgetry.test';
const dir = mkdtempSync(join(tmpdir(), 'widgetry-stop-'));
let receiver: WebhookReceiver;
let server: RunningProcess | undefined;

beforeAll(async () => {
  receiver = await startWebhookReceiver(newWebhookSecret());
});
afterEach(async () => {
  if (server && server.child.exitCode === null) {
    server.kill('SIGKILL');
    await server.exited;
  }
});
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(name: string, env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dbPath = join(dir, `${name}.db`);
  server = run(process.execPath, [...nodeArgs, 'dist/server/index.js'], {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_PATH: dbPath,
    DEMO_SEED: 'off',
    DEV_OUTBOX: 'on',
    OPERATOR_EMAILS: OPERATOR,
    LEAD_MIN_FILL_MS: '0',
    WEBHOOKS_ALLOW_PRIVATE: 'on',
    SHUTDOWN_TIMEOUT: '8',
    ...env,
  });
  await waitFor(server, `${url}/healthz`);
  return { port, url, dbPath, server };
}

/** A request whose headers and the first half of its body are sent; `finish()` sends the rest and reads the answer. */
function slowRequest(port: number, path: string, body: string) {
  const socket: Socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => (answer += d));
  const ended = new Promise<void>((r) => socket.once('close', () => r()));
  const half = Math.floor(body.length / 2);
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
  return {
    async finish(): Promise<string> {
      socket.end(body.slice(half));
      await ended;
      return answer;
    },
    socket,
    ended,
  };
}

describe('SIGTERM', () => {
  it('drains: the slow request completes, the delivery attempt is recorded, WebSockets get 4200, exit 0', async () => {
    const { port, url, dbPath, server: p } = await start('drain');
    // A licensee whose leads go to a slow webhook: the attempt takes 2 s.
    const shop = await shopOnStartTariff(url, 'owner@shop.example.ru', {
      operator: OPERATOR,
      siteName: 'Shop',
      widgetName: 'Callback',
      fields: [{ key: 'phone', kind: 'phone', label: 'Телефон', required: true }],
    });
    await deliverToWebhookOnly(shop, receiver);
    receiver.delayMs = 2000;

    // A client of the platform's realtime app (the dashboard's live channel).
    const ws = new WebSocket(`ws://127.0.0.1:${port}/app/platform?protocol=7`);
    const wsClosed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    await new Promise<void>((r) => ws.once('message', () => r()));

    await postShopLead(url, shop, { phone: '+7 900 000-00-01' });
    const deadline = Date.now() + 10_000;
    while (receiver.seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(receiver.seen).toHaveLength(1); // the attempt is in flight

    const slow = slowRequest(port, '/api/auth/code', JSON.stringify({ email: 'late@shop.example.ru', consent: true }));
    await new Promise((r) => setTimeout(r, 200));
    const stoppedAt = Date.now();
    p.kill('SIGTERM');

    expect(await wsClosed).toBe(4200);
    // No new connections.
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    // The request that was in flight completes.
    const answer = await slow.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    const { code } = await p.exited;
    expect(code, p.output()).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(8000);
    expect(
      p.logLines().map((l) => l.msg),
      p.output().slice(-3000),
    ).toEqual(expect.arrayContaining(['server.stopping', 'server.stopped']));

    // The delivery finished during the stop, and its outcome was written before the database closed.
    expect(receiver.accepted.size).toBe(1);
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('select status, attempts from deliveries').all()).toEqual([{ status: 'delivered', attempts: 1 }]);
    } finally {
      db.close();
    }
    receiver.delayMs = 0;
  });

  it('exits at the deadline (code 1) when a request never completes', async () => {
    const { port, server: p } = await start('deadline', { SHUTDOWN_TIMEOUT: '2' });
    const stuck = slowRequest(port, '/api/auth/code', JSON.stringify({ email: 'never@shop.example.ru', consent: true }));
    await new Promise((r) => setTimeout(r, 200));
    const stoppedAt = Date.now();
    p.kill('SIGTERM');
    const { code } = await p.exited;
    const took = Date.now() - stoppedAt;
    expect(code).toBe(1);
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(5000);
    expect(p.logLines().some((l) => l.msg === 'server.stop_deadline')).toBe(true);
    stuck.socket.destroy();
  });
});

describe('a bug no handler caught', () => {
  // Loaded before the server: on SIGUSR2 it throws from a timer, or rejects a promise nobody
  // awaits — what a bug in a callback or a forgotten `await` does in production.
  const bug = join(dir, 'bug.mjs');
  beforeAll(() => {
    writeFileSync(
      bug,
      "process.on('SIGUSR2', () => setTimeout(() => { if (process.env.BUG === 'reject') Promise.reject(new Error('forgotten await')); else throw new Error('bug in a callback'); }, 0));\n",
    );
  });

  it.each([
    ['throw', 'process.uncaught_exception'],
    ['reject', 'process.unhandled_rejection'],
  ])('%s: logged once, then the server stops as on SIGTERM, with exit code 1', async (kind, logged) => {
    const { server: p } = await start(`bug-${kind}`, { BUG: kind }, ['--import', pathToFileURL(bug).href]);
    p.kill('SIGUSR2');
    const { code } = await p.exited;
    expect(code).toBe(1);
    const lines = p.logLines();
    expect(lines.filter((l) => l.msg === logged)).toHaveLength(1);
    expect(lines.some((l) => l.msg === 'server.stopped')).toBe(true);
  });
});

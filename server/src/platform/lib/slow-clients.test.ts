// Clients that send badly or slowly, over raw sockets against the app on a real node server with
// the production server options: a malformed chunked body gets a 400 (no stack trace in the
// log), a 413 closes the connection, and headers or a body that trickle in are cut off.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { SERVER_TIMEOUTS } from './http-timeouts.js';

let t: TestApp | undefined;
let server: ServerType | undefined;
afterEach(async () => {
  // Only what this test started (the options check starts nothing; closing twice would throw).
  if (server) await new Promise((r) => server!.close(r));
  await t?.cleanup();
  server = undefined;
  t = undefined;
});

async function start(options = SERVER_TIMEOUTS): Promise<number> {
  const app = await createTestApp();
  t = app;
  server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: options });
  const started = server;
  await new Promise((r) => started.once('listening', r));
  return (started.address() as AddressInfo).port;
}

/** Writes `parts` with a pause between them; resolves with what came back and whether the server closed the socket. */
function exchange(port: number, parts: string[], settleMs = 1000): Promise<{ text: string; closed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const s = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      resolve({ text, closed, ms: Date.now() - started });
      s.destroy();
    };
    s.on('data', (d) => (text += d));
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
    void (async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 150));
        if (!s.destroyed) s.write(part);
      }
      setTimeout(() => finish(false), settleMs);
    })();
  });
}

const HEAD = 'POST /api/auth/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';

describe('slow and broken clients', () => {
  it('a malformed chunked body answers 400 and closes, with no error in the log', async () => {
    const port = await start();
    // The first chunk is read by the handler; the next one's size is not hexadecimal.
    const res = await exchange(port, [`${HEAD}Transfer-Encoding: chunked\r\n\r\n5\r\n{"ema\r\n`, 'zz\r\nil":1}\r\n0\r\n\r\n']);
    expect(res.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(res.closed).toBe(true);
    expect(t!.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it('a 413 says Connection: close and closes, so no next request is sent into a dropped socket', async () => {
    const port = await start();
    const res = await exchange(port, [`${HEAD}Content-Length: 200000\r\n\r\n${'a'.repeat(70_000)}`]);
    expect(res.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(res.text.toLowerCase()).toContain('connection: close');
    expect(res.text.toLowerCase()).not.toContain('keep-alive');
    expect(res.closed).toBe(true);
  });

  it('the server has a 10 s headers timeout and a 30 s request timeout, checked every second', () => {
    expect(SERVER_TIMEOUTS).toMatchObject({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 });
  });

  it('headers that trickle in past the headers timeout get 408 and the socket closed', async () => {
    // The production options with the limits scaled down, so the test takes a second.
    const port = await start({ ...SERVER_TIMEOUTS, headersTimeout: 400, requestTimeout: 800, connectionsCheckingInterval: 100 });
    const res = await exchange(port, ['POST /api/auth/code HTTP/1.1\r\n', 'Host: 127.0.0.1\r\n'], 2000);
    expect(res.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(res.closed).toBe(true);
    expect(res.ms).toBeLessThan(1500);
  });

  it('a body that trickles in past the request timeout is cut off', async () => {
    const port = await start({ ...SERVER_TIMEOUTS, headersTimeout: 400, requestTimeout: 800, connectionsCheckingInterval: 100 });
    const res = await exchange(port, [`${HEAD}Content-Length: 100\r\n\r\n{"email":`, ...Array.from({ length: 12 }, () => ' ')], 3000);
    expect(res.closed).toBe(true);
    expect(res.ms).toBeLessThan(2500);
    expect(res.text).not.toMatch(/^HTTP\/1\.1 200 /);
  });
});

// deploy/nginx/widgetry.conf in front of two server processes (one PostgreSQL database, one
// Redis): nginx started with that file, its upstream servers and listen address replaced, a
// prefix in a temporary directory; pusher-js connects through it (the WebSocket upgrade) and a
// publish through it reaches clients on both nodes. Skips, saying so, without nginx or Redis.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRedisPrefix, testRedisPrefix, testRedisUrl } from '../../server/src/testing/redis.js';
import { freePort } from '../e2e/support/platform.js';
import { createClusterDatabase, startNode, type ClusterDatabase, type Node } from './nodes.js';

const NGINX = ['/usr/sbin/nginx', 'nginx'].find((bin) => {
  try {
    execFileSync(bin, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const REDIS = testRedisUrl();
if (!NGINX) console.warn('\n  ⚠ nginx is not installed (apt-get install nginx): the nginx deployment test is SKIPPED.\n');
const CONFIG = resolve(import.meta.dirname, '../../deploy/nginx/widgetry.conf');

/**
 * The shipped file with this test's nodes as the upstream servers, and plain HTTP on a local
 * port instead of TLS on 443 (no certificate here): the redirect server goes, the TLS lines go.
 */
export function localConfig(nodePorts: number[], listenPort: number): string {
  const shipped = readFileSync(CONFIG, 'utf8');
  const servers = nodePorts.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n');
  const local = shipped
    .replace(/(upstream widgetry \{\n(?:\s*#[^\n]*\n)*\s+least_conn;\n)(?:\s+server [^\n]+\n)+/, `$1${servers}\n`)
    .replace(/server \{\n\s+listen 80;[\s\S]*?return 301[^\n]*\n\}\n/, '')
    .replace(/ {4}listen 443 ssl http2;\n/, `    listen 127.0.0.1:${listenPort};\n`)
    .replace(/ {4}listen \[::\]:443 ssl http2;\n/, '')
    .replace(/ {4}ssl_certificate(_key)? [^\n]+\n/g, '');
  if (!local.includes(servers) || !local.includes(`listen 127.0.0.1:${listenPort};`) || local.includes('ssl') || local.includes('return 301')) {
    throw new Error(`deploy/nginx/widgetry.conf changed shape: update this test\n${local}`);
  }
  return local;
}

describe.skipIf(!NGINX || !REDIS)('nginx in front of two nodes', () => {
  const prefix = testRedisPrefix();
  let dir: string;
  let db: ClusterDatabase;
  let nodes: Node[];
  let nginx: ChildProcess | undefined;
  let url: string;
  const clients: Pusher[] = [];

  beforeAll(async () => {
    db = await createClusterDatabase();
    const env = { DATABASE_URL: db.url, DATABASE_POOL_SIZE: '3', REDIS_URL: REDIS!, REDIS_PREFIX: prefix, INTEGRATIONS_KEY: 'c'.repeat(64), LOG_LEVEL: 'warn' };
    // TRUST_PROXY stays off here, unlike production: with it on, the dev outbox (the sign-in codes) and
    // /metrics refuse every request, and this test reads both from the nodes directly.
    nodes = await Promise.all(['x', 'y'].map((n) => startNode(`nginx-${n}`, env)));
    dir = mkdtempSync(join(tmpdir(), 'widgetry-nginx-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'widgetry.conf'),
      localConfig(
        nodes.map((n) => Number(new URL(n.url).port)),
        port,
      ),
    );
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  fastcgi_temp_path ${dir}/fastcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;\n  include ${dir}/widgetry.conf;\n}\n`,
    );
    execFileSync(NGINX!, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
    nginx = spawn(NGINX!, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`nginx did not answer:\n${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await Promise.all((nodes ?? []).map((n) => n.stop()));
    await db?.drop();
    await dropRedisPrefix(REDIS!, prefix);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('upgrades WebSockets for pusher-js and passes publishes and the API through to both nodes', async () => {
    // A project, created through nginx like everything else.
    const ip = '10.99.0.1';
    const json = { 'content-type': 'application/json', 'x-forwarded-for': ip };
    expect((await fetch(`${url}/api/auth/code`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'proxy@example.ru', consent: true }) })).status).toBe(200);
    // The dev outbox of whichever node sent the code (mail leaves through a queue: wait for it).
    const mailed = async () =>
      (await Promise.all(nodes.map(async (n) => ((await (await fetch(`${n.url}/dev/outbox.json`)).json()) as { mails: { to: string; text: string }[] }).mails)))
        .flat()
        .find((m) => m.to === 'proxy@example.ru');
    await expect.poll(mailed, { timeout: 10_000 }).toBeTruthy();
    const code = (await mailed())!.text.match(/\b(\d{6})\b/)![1];
    const verified = await fetch(`${url}/api/auth/verify`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'proxy@example.ru', code }) });
    expect(verified.status).toBe(200);
    const { csrfToken } = (await verified.json()) as { csrfToken: string };
    const cookie = verified.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const created = await fetch(`${url}/api/realtime/projects`, { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'Proxied' }) });
    expect(created.status).toBe(201);
    const { project, secret } = (await created.json()) as { project: { connection: { appId: string; key: string } }; secret: string };
    const { appId, key } = project.connection;
    const port = Number(new URL(url).port);

    // Four clients through nginx: least_conn spreads them over both nodes.
    const heard: number[] = [];
    for (let i = 0; i < 4; i++) {
      const client = new Pusher(key, { cluster: 'mt1', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'] });
      clients.push(client);
      await new Promise<void>((ok, fail) => {
        const ch = client.subscribe('news');
        ch.bind('pusher:subscription_succeeded', () => ok());
        ch.bind('pusher:subscription_error', () => fail(new Error('subscription_error')));
      });
      client.channel('news').bind('flash', (d: { n: number }) => heard.push(d.n));
    }
    const perNode = await Promise.all(nodes.map(async (n) => (await (await fetch(`${n.url}/metrics`)).text()).match(/widgetry_realtime_connections\{app="projects"\} (\d+)/)?.[1]));
    expect(perNode.map(Number).reduce((a, b) => a + b, 0)).toBe(4);

    const sdk = new PusherServer({ appId, key, secret, host: '127.0.0.1', port: String(port), useTLS: false });
    await sdk.trigger('news', 'flash', { n: 7 });
    await expect.poll(() => heard, { timeout: 5000 }).toEqual([7, 7, 7, 7]);
    const channel = (await (await sdk.get({ path: '/channels/news', params: { info: 'subscription_count' } })).json()) as Record<string, unknown>;
    expect(channel).toEqual({ occupied: true, subscription_count: 4 });
  }, 60_000);
});

// Real server processes (the built dist/server/index.js, what `npm start` runs) on one PostgreSQL
// database: a fresh database per test file copied from the run's migrated template, nodes on
// free loopback ports, their JSON log lines kept for the assertions, and kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import type { PgStore } from '../../server/src/platform/db/pg-store.js';
import { periodStartAt } from '../../server/src/platform/tariffs/policy.js';
import { databaseUrl } from '../../server/src/testing/test-store.js';
import { freePort } from '../e2e/support/platform.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER_ENTRY = join(ROOT, 'dist/server/index.js');

export interface ClusterDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of this file's own, copied from the run's migrated template (tests/setup/databases.ts). */
export async function createClusterDatabase(): Promise<ClusterDatabase> {
  const serverUrl = inject('postgresUrl');
  const template = inject('postgresTemplate');
  if (!serverUrl || !template) throw new Error('the cluster test runs in the postgres project only (vitest.config.ts)');
  const name = `widgetry_cluster_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name} template ${template}`);
  return { url: databaseUrl(serverUrl, name), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export interface Node {
  name: string;
  url: string;
  /** Parsed JSON log lines so far. */
  logs(): Record<string, unknown>[];
  /** Everything printed, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown handler runs, leases and sends in flight are left as they are. */
  kill9(): Promise<void>;
  /** SIGSTOP: the process stays, its sockets stay open, but it answers nothing and misses its heartbeats. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  stop(): Promise<void>;
}

export async function startNode(name: string, env: Record<string, string>): Promise<Node> {
  if (!existsSync(SERVER_ENTRY)) throw new Error('dist/server/index.js is missing: run `npm run build` first (npm test does)');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url, DEMO_SEED: 'off', DEV_OUTBOX: 'on', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone()) throw new Error(`node ${name} exited:\n${out}`);
    try {
      if ((await fetch(`${url}/api/me`)).status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`node ${name} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name,
    url,
    logs: () =>
      out
        .split('\n')
        .slice(0, -1) // the last piece may be a line still being written
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    output: () => out,
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
    async stop() {
      // A paused process would not act on SIGTERM until continued.
      if (!gone()) child.kill('SIGCONT');
      if (!gone()) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * fetch() from a given loopback address (127.x.y.z: all of 127/8 is this machine on Linux), so
 * each simulated client has its own IP without forwarding headers — which would need TRUST_PROXY,
 * and the dev outbox (where sign-in codes are read) refuses any request that came through a proxy.
 */
export function fetchFrom(ip: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, localAddress: ip }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
        const status = res.statusCode ?? 0;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

export const ORIGIN = 'https://shop.example.ru';
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

type Post = (i: number, init: { method: string; headers: Record<string, string>; body: string }) => Promise<Response>;

/**
 * `count` single-impression beacons of a desktop browser at once, beacon i sent by `post(i, …)`
 * (each file spreads them over its nodes and client addresses its own way); resolves to the
 * impressions the nodes said they accepted, in all.
 */
export async function concurrentImpressions(post: Post, siteKey: string, widgetId: string, count = 200): Promise<number> {
  const body = JSON.stringify({ site: siteKey, events: [{ widget: widgetId, type: 'impression' }] });
  const headers = { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA };
  const answers = await Promise.all(Array.from({ length: count }, async (_, i) => ((await (await post(i, { method: 'POST', headers, body })).json()) as { accepted: number }).accepted));
  return answers.reduce((n, a) => n + a, 0);
}

/**
 * Puts the account's current period 70 impressions below the Free tariff's cap of 10,000 (rather
 * than send 9,930 beacons) and returns a reader of the period's count, as stored.
 */
export async function seventyBelowTheCap(store: PgStore, accountId: string): Promise<() => Promise<number>> {
  const { accounts, impressionPeriods } = store.tables;
  const [account] = await store.db.select().from(accounts).where(eq(accounts.id, accountId));
  const periodStart = periodStartAt(account!, Date.now());
  await store.db.insert(impressionPeriods).values({ accountId, periodStart, impressions: 9_930 });
  return async () => {
    const [period] = await store.db
      .select()
      .from(impressionPeriods)
      .where(and(eq(impressionPeriods.accountId, accountId), eq(impressionPeriods.periodStart, periodStart)));
    return period!.impressions;
  };
}

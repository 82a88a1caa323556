// Realtime tests' tools: the test app served on a loopback port with the WebSocket endpoint
// attached, the real clients (pusher-js's Node build, the official `pusher` SDK) pointed at it,
// and a raw protocol client for what the SDKs hide (close codes, error frames).
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import WebSocket from 'ws';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../app.js';
import { composeDeps } from '../compose.js';
import { handleTo } from './app-per-test.js';
import { createTestApp, signIn, type Session, type TestApp, type TestAppOptions } from './harness.js';
import { attachRealtime, type RealtimeServer, type RealtimeServerOptions } from '../realtime/attach.js';

export interface RealtimeTestApp {
  t: TestApp;
  port: number;
  url: string;
  server: ServerType;
  realtime: RealtimeServer;
  close(): Promise<void>;
}

export async function startRealtimeApp(options: TestAppOptions & { realtime?: RealtimeServerOptions } = {}): Promise<RealtimeTestApp> {
  // Every test client comes from 127.0.0.1: the per-address caps are tested on their own (ip-caps.test.ts).
  const t = await createTestApp({ ...options, env: { REALTIME_SOCKETS_PER_IP: '100000', REALTIME_CONNECTS_PER_IP_PER_MINUTE: '100000', ...options.env } });
  // The SDKs sign with the real time; business time starts there and tests move it from there.
  t.clock.set(Date.now());
  const { stop, ...served } = await serveWithRealtime(t.app, t.deps, options.realtime);
  return {
    t,
    ...served,
    async close() {
      await stop();
      await t.cleanup();
    },
  };
}

/**
 * Another node of the same deployment: its own app, services and broker (so with REDIS_URL in the
 * first's env, its own Redis connections) on the first node's database. Close it before the first.
 */
export async function startAnotherNode(first: RealtimeTestApp, options: { realtime?: RealtimeServerOptions } = {}): Promise<RealtimeTestApp> {
  const deps = composeDeps({ ...first.t.deps });
  const app = createApp(deps);
  const { stop, ...served } = await serveWithRealtime(app, deps, options.realtime);
  return { t: { ...first.t, app, deps }, ...served, close: stop };
}

/** `app` on a free loopback port with the realtime server on it; `stop` closes both and the node's shared services. */
async function serveWithRealtime(app: { fetch: Parameters<typeof serve>[0]['fetch'] }, deps: RealtimeTestApp['t']['deps'], options?: RealtimeServerOptions) {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  const realtime = attachRealtime(server, deps, options);
  const stop = async () => {
    await realtime.close();
    await deps.closeShared();
    await new Promise((r) => server.close(r));
  };
  return { port, url: `http://127.0.0.1:${port}`, server, realtime, stop };
}

export interface CreatedProject {
  id: string;
  appId: string;
  key: string;
  secret: string;
}

export async function createProject(s: Session, body: Record<string, unknown> = { name: 'My app' }): Promise<CreatedProject & { json: any }> {
  const res = await s.request('POST', '/api/realtime/projects', body);
  if (res.status !== 201) throw new Error(`project create failed: ${res.status} ${await res.text()}`);
  const json = (await res.json()) as any;
  return { id: json.project.id, appId: json.project.connection.appId, key: json.project.connection.key, secret: json.secret, json };
}

export async function signedInWithProject(app: RealtimeTestApp, email = 'dev@example.ru', body?: Record<string, unknown>) {
  const s = await signIn(app.t, email);
  return { s, project: await createProject(s, body) };
}

/** One realtime app for all the tests of a file, with a signed-in licensee's project on it. */
export function realtimeAppPerFile(): { app: RealtimeTestApp; project: CreatedProject } {
  let app: RealtimeTestApp | undefined;
  let project: CreatedProject | undefined;
  beforeAll(async () => {
    app = await startRealtimeApp();
    ({ project } = await signedInWithProject(app));
  });
  afterAll(() => app?.close());
  const why = 'the realtime app of the file exists only while its tests run';
  return { app: handleTo(() => app, why), project: handleTo(() => project, why) };
}

/** The official server SDK, configured as our README tells licensees to. */
export function pusherServer(app: RealtimeTestApp, p: CreatedProject) {
  return new PusherServer({ appId: p.appId, key: p.key, secret: p.secret, host: '127.0.0.1', port: String(app.port), useTLS: false });
}

/** pusher-js (Node build) against our host; private and presence channels are signed by the official SDK, as a licensee's backend would. */
export function pusherClient(app: RealtimeTestApp, p: CreatedProject, presence?: { user_id: string; user_info?: Record<string, unknown> }) {
  const signer = pusherServer(app, p);
  return new Pusher(p.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: app.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      endpoint: '/unused',
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) => callback(null, signer.authorizeChannel(socketId, channelName, presence)),
    },
  });
}

export const connected = (client: Pusher) =>
  new Promise<void>((resolve, reject) => {
    if (client.connection.state === 'connected') return resolve();
    client.connection.bind('connected', () => resolve());
    client.connection.bind('failed', () => reject(new Error('pusher-js connection failed')));
  });

export const subscribed = (client: Pusher, channel: string) =>
  new Promise<any>((resolve, reject) => {
    const ch = client.subscribe(channel);
    ch.bind('pusher:subscription_succeeded', (data: unknown) => resolve(data));
    ch.bind('pusher:subscription_error', (err: unknown) => reject(Object.assign(new Error('subscription_error'), { detail: err })));
  });

export const nextEvent = (client: Pusher, channel: string, event: string, timeoutMs = 3000) =>
  new Promise<{ data: any; metadata: any }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} on ${channel}`)), timeoutMs);
    client.channel(channel).bind(event, (data: unknown, metadata: unknown) => {
      clearTimeout(timer);
      resolve({ data, metadata });
    });
  });

/** A bare protocol client: every frame it receives, and how it was closed. */
export interface RawClient {
  ws: WebSocket;
  frames: any[];
  closed: Promise<{ code: number; reason: string }>;
  next(event: string, timeoutMs?: number): Promise<any>;
  send(msg: unknown): void;
}

export function rawClient(app: RealtimeTestApp, key: string, query = 'protocol=7', headers: Record<string, string> = {}): RawClient {
  const ws = new WebSocket(`ws://127.0.0.1:${app.port}/app/${key}?${query}`, { headers });
  const frames: any[] = [];
  const waiters: { event: string; resolve: (f: any) => void }[] = [];
  ws.on('message', (raw) => {
    const f = JSON.parse(raw.toString());
    if (typeof f.data === 'string') {
      try {
        f.data = JSON.parse(f.data);
      } catch {
        // a client event's string payload stays a string
      }
    }
    frames.push(f);
    for (const w of waiters.filter((x) => x.event === f.event)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(f);
    }
  });
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return {
    ws,
    frames,
    closed,
    send: (msg) => ws.send(JSON.stringify(msg)),
    next(event, timeoutMs = 3000) {
      const seen = frames.find((f) => f.event === event && !f.__taken);
      if (seen) {
        seen.__taken = true;
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} frame`)), timeoutMs);
        waiters.push({
          event,
          resolve: (f) => {
            clearTimeout(timer);
            f.__taken = true;
            resolve(f);
          },
        });
      });
    },
  };
}

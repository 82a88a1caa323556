// Part 6, realtime: fan-out of the Pusher-compatible service beside a bare `ws` broadcast server
// (bench/src/bare-ws.mjs) measured in the same run, and memory per idle connection.
//
// Both servers get the same work: S raw `ws` clients in this process (ours: subscribed to one
// channel over protocol 7), publishes as HTTP POSTs with the same JSON body (ours: signed, to
// /apps/{id}/events, so every publish is counted, logged and fanned out as in production). A
// delivery is one frame received by one client; its latency is from just before the POST was
// written to the frame's arrival (one clock: both ends live in this process).
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { signRequest } from '../../server/src/realtime/signatures.js';
import { inRoundOrder } from './interleaving.js';
import { measureForeignLoad } from './machine.js';
import { procStatus, productionAllocatorEnv, type ServerUnderTest } from './server.js';
import { must, type BenchSession } from './session.js';
import { sleep, summarize, type Summary } from './stats.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CHANNEL = 'bench';
/** A typical small event: an order id and a few fields (the data is a JSON string, as Pusher's). */
const PAD = 'x'.repeat(120);

export interface RealtimeSettings {
  /** Subscribed clients that every publish goes to. */
  subscribers: number;
  rounds: number;
  durationSec: number;
  /** HTTP publishes in flight in the as-fast-as-possible runs. */
  concurrency: number;
  /** Deliveries per second of the fixed-rate runs (publishes/s = this / subscribers). */
  fixedRate: number;
  /** Idle sockets opened for the memory figure. */
  idleConnections: number;
  beforeRun?: () => Promise<void>;
}

/** What one timed run needs to know. */
export type RunSettings = Pick<RealtimeSettings, 'subscribers' | 'durationSec' | 'concurrency' | 'fixedRate'> & {
  /** How long to wait after a run for the deliveries still on their way (default 3 s); what is missing then counts as lost. */
  drainMs?: number;
};

export interface RtRun {
  deliveriesPerSec: number;
  publishesPerSec: number;
  p50: number;
  p99: number;
  /** Deliveries expected (accepted publishes × subscribers) but not received after a drain. */
  lost: number;
  /** Publishes not answered 200. */
  refused: number;
  foreignLoad: number;
}

export interface RtSide {
  runs: RtRun[];
  deliveriesPerSec: Summary;
  publishesPerSec: Summary;
  p50: Summary;
  p99: Summary;
  lost: number;
  refused: number;
  foreignLoad: Summary;
}

export interface IdleRun {
  rssBefore: number;
  /** 2 s after the last connect (samples 2.0-2.9 s). */
  rssAfter: number;
  perConnection: number;
  /** The same sockets 10 s after the last connect (samples 10.0-10.9 s): see SETTLED_AFTER_MS. */
  rssSettled: number;
  perConnectionSettled: number;
  /** Handshakes completed per second while opening them, `CONNECT_IN_FLIGHT` at a time (ours: up to connection_established). */
  connectsPerSec: number;
  rssSubscribed?: number;
  perSubscription?: number;
}

/** Each run on a fresh server process (a heap grown by earlier work absorbs new sockets); medians of the runs. */
export interface IdleMemory {
  connections: number;
  runs: IdleRun[];
  rssBefore: number;
  rssAfter: number;
  perConnection: number;
  perConnectionSpread: Summary;
  rssSettled: number;
  perConnectionSettled: number;
  perConnectionSettledSpread: Summary;
  connectsPerSec: Summary;
  /** Ours only: the same sockets then each subscribed to a channel of its own, and the growth per subscription. */
  rssSubscribed?: number;
  perSubscription?: number;
}

/** Publishes/s of our server with its message log written, and of a second server with the log write skipped. */
export interface LogCost {
  concurrency: number;
  logged: Summary;
  skipped: Summary;
  /** Per round: logged / skipped. */
  ratio: Summary;
}

export interface RealtimeResults {
  settings: Omit<RealtimeSettings, 'beforeRun'>;
  max: { ours: RtSide; bare: RtSide };
  fixed: { ours: RtSide; bare: RtSide };
  idle: { ours: IdleMemory; bare: IdleMemory };
  logCost: LogCost | null;
}

/** Handshakes in flight while opening the idle connections (the connect-rate figure). */
const CONNECT_IN_FLIGHT = 50;
/** Publishers in flight for the log-cost figure. */
const LOG_COST_CONCURRENCY = 50;

/** A server (or a cluster of them) the runs publish to and take sockets from. */
export interface Target {
  label: string;
  /** The processes serving it: what the machine's CPU is not "foreign" to. */
  pids: number[];
  rss(): number;
  connectUrl: string;
  /** Pusher protocol: wait for connection_established (and subscribe); bare: open is enough. */
  pusher: boolean;
  publish(body: string): Promise<number>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

export function post(url: string, body: string, retried = false): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode ?? 0));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed (its keep-alive timeout, 5 s) while the bench paused
      // between runs: Node's documented case for sending once more on a fresh one.
      if (req.reusedSocket && err.code === 'ECONNRESET' && !retried) ok(post(url, body, true));
      else fail(err);
    });
    req.end(body);
  });
}

/** Receives frames: counts deliveries and keeps their latencies (ms). */
class Recorder {
  count = 0;
  inWindow = 0;
  windowEnd = Infinity;
  latencies: number[] = [];
  // `"t":` inside the frame's data string, where quotes are escaped: \"t\":
  private static readonly MARK = Buffer.from('\\"t\\":');
  /** False for a protocol frame (a ping, a subscription reply). */
  onFrame(buf: Buffer): boolean {
    const i = buf.indexOf(Recorder.MARK);
    if (i < 0) return false;
    const now = performance.now();
    const t = parseFloat(buf.toString('latin1', i + Recorder.MARK.length, i + Recorder.MARK.length + 24));
    this.count++;
    if (now <= this.windowEnd) this.inWindow++;
    this.latencies.push(now - t);
    return true;
  }
}

let recorder = new Recorder();
const PING = Buffer.from('"pusher:ping"');
const PONG = JSON.stringify({ event: 'pusher:pong', data: {} });

const eventBody = () => JSON.stringify({ name: 'order-created', channel: CHANNEL, data: `{"t":${performance.now().toFixed(3)},"order":"${PAD}"}` });

async function openOne(t: Target, subscribe: boolean): Promise<WebSocket> {
  const ws = new WebSocket(t.connectUrl, { perMessageDeflate: false });
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${t.label}: a connection was not ready in 15 s`)), 15_000);
    const done = () => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ok();
    };
    const onMessage = (raw: Buffer) => {
      const s = raw.toString();
      if (s.includes('pusher:error')) return fail(new Error(`${t.label}: ${s}`));
      if (s.includes('pusher:connection_established')) {
        if (!subscribe) return done();
        ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: CHANNEL } }));
      }
      if (s.includes('pusher_internal:subscription_succeeded')) done();
    };
    ws.on('error', fail);
    ws.on('message', onMessage);
    if (!t.pusher) ws.once('open', done);
  });
  // Answered like an SDK does: after activity_timeout (120 s) of client silence the server pings,
  // and closes a socket that does not answer (4201), which longer parts would outlive.
  ws.on('message', (raw: Buffer) => {
    if (!recorder.onFrame(raw) && raw.includes(PING)) ws.send(PONG);
  });
  return ws;
}

/**
 * A secret for the project issued by the server that will check it: the seeding instance sealed
 * its own under an INTEGRATIONS_KEY the server under test does not have.
 */
export async function rotateSecret(project: { session: BenchSession; projectId: string }, serverUrl: string): Promise<string> {
  const { secret } = await must<{ secret: string }>(project.session, serverUrl, 'POST', `/api/realtime/projects/${project.projectId}/secret`, undefined, 200);
  return secret;
}

/** The project's events path with a Pusher signature of `body` (valid for ±600 s; Pusher's API has no nonce). */
export function signedEventsPath(project: { appId: string; key: string }, secret: string, body: string): string {
  const eventsPath = `/apps/${project.appId}/events`;
  return `${eventsPath}?${signRequest('POST', eventsPath, {}, project.key, secret, Date.now(), body)}`;
}

/** Publishes to the server at `serverUrl` as a Pusher server library does: every request signed. */
export function signedPublisher(serverUrl: string, project: { appId: string; key: string }, secret: string): (body: string) => Promise<number> {
  return (body) => post(`${serverUrl}${signedEventsPath(project, secret, body)}`, body);
}

export async function openMany(t: Target, n: number, subscribe: boolean): Promise<WebSocket[]> {
  const out: WebSocket[] = [];
  // A few dozen handshakes at a time: a burst of thousands measures the accept queue, not fan-out.
  // A pool: a new handshake starts as soon as one finishes.
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      out.push(await openOne(t, subscribe));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_IN_FLIGHT, n) }, worker));
  return out;
}

export async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((ok) => {
          if (ws.readyState === ws.CLOSED) return ok();
          ws.once('close', () => ok());
          ws.close();
        }),
    ),
  );
}

const percentile = (sorted: Float64Array, q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

async function finishRun(s: RunSettings, started: number, ended: number, published: number, refused: number, foreign: { stop(): number }): Promise<RtRun> {
  // Let queued frames arrive before counting what was lost.
  const expected = published * s.subscribers;
  for (let waited = 0; recorder.count < expected && waited < (s.drainMs ?? 3000); waited += 50) await sleep(50);
  const foreignLoad = foreign.stop();
  const seconds = (ended - started) / 1000;
  const sorted = Float64Array.from(recorder.latencies).sort();
  const run: RtRun = {
    deliveriesPerSec: recorder.inWindow / seconds,
    publishesPerSec: published / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    lost: Math.max(0, expected - recorder.count),
    refused,
    foreignLoad,
  };
  await sleep(300);
  return run;
}

/** As fast as `concurrency` publishers in flight allow. */
export async function runMax(t: Target, s: RunSettings): Promise<RtRun> {
  recorder = new Recorder();
  const foreign = measureForeignLoad(['self', ...t.pids]);
  const started = performance.now();
  const stopAt = started + s.durationSec * 1000;
  recorder.windowEnd = stopAt;
  let published = 0;
  let refused = 0;
  const worker = async () => {
    while (performance.now() < stopAt) {
      if ((await t.publish(eventBody())) === 200) published++;
      else refused++;
    }
  };
  await Promise.all(Array.from({ length: s.concurrency }, worker));
  return finishRun(s, started, stopAt, published, refused, foreign);
}

/**
 * Publishes `perSec` times a second until `stopAt` (a performance.now() time), at most `maxInFlight`
 * awaiting their answer (a publish held back then goes with the next tick); `body` makes each one.
 */
export async function publishAtRate(publish: (body: string) => Promise<number>, o: { started: number; stopAt: number; perSec: number; maxInFlight?: number; body: () => string }) {
  const { started, stopAt, perSec, maxInFlight = Number.POSITIVE_INFINITY } = o;
  let sent = 0;
  let published = 0;
  let refused = 0;
  const inFlight = new Set<Promise<void>>();
  for (let now = started; now < stopAt; now = performance.now()) {
    const due = Math.floor(((now - started) / 1000) * perSec);
    for (; sent < due && inFlight.size < maxInFlight; sent++) {
      const p = publish(o.body()).then((status) => {
        if (status === 200) published++;
        else refused++;
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  return { published, refused };
}

/** Publishes paced to `fixedRate` deliveries per second. */
export async function runFixed(t: Target, s: RunSettings): Promise<RtRun> {
  recorder = new Recorder();
  const foreign = measureForeignLoad(['self', ...t.pids]);
  const started = performance.now();
  const stopAt = started + s.durationSec * 1000;
  recorder.windowEnd = stopAt;
  const { published, refused } = await publishAtRate((body) => t.publish(body), { started, stopAt, perSec: s.fixedRate / s.subscribers, body: eventBody });
  return finishRun(s, started, stopAt, published, refused, foreign);
}

export function side(runs: RtRun[]): RtSide {
  return {
    runs,
    deliveriesPerSec: summarize(runs.map((r) => r.deliveriesPerSec)),
    publishesPerSec: summarize(runs.map((r) => r.publishesPerSec)),
    p50: summarize(runs.map((r) => r.p50)),
    p99: summarize(runs.map((r) => r.p99)),
    lost: runs.reduce((a, r) => a + r.lost, 0),
    refused: runs.reduce((a, r) => a + r.refused, 0),
    foreignLoad: summarize(runs.map((r) => r.foreignLoad).filter((x) => Number.isFinite(x))),
  };
}

async function medianRss(t: Target): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++, await sleep(100)) samples.push(t.rss());
  return summarize(samples).median;
}

/**
 * When the second figure of idle memory is taken, after the last connect. At 2 s our server's
 * young generation still holds the connects' garbage (and the semi-space pages it grew into);
 * its idle collection (server/src/platform/lib/idle-gc.ts, after 3 s without requests) frees
 * them within a few seconds (bench/src/idle-memory.ts follows both servers second by second).
 * 10 s leaves a margin. Bare ws collects by the same rule (bare-ws.mjs): at 10 s both figures
 * are the sockets' memory, at 2 s both still hold garbage of the connects.
 */
const SETTLED_AFTER_MS = 10_000;

async function idleRun(t: Target, n: number): Promise<IdleRun> {
  await sleep(1000);
  const rssBefore = await medianRss(t);
  const started = performance.now();
  const sockets = await openMany(t, n, false);
  const connected = performance.now();
  const connectsPerSec = n / ((connected - started) / 1000);
  await sleep(2000);
  const rssAfter = await medianRss(t);
  await sleep(SETTLED_AFTER_MS - (performance.now() - connected));
  const rssSettled = await medianRss(t);
  const out: IdleRun = {
    rssBefore,
    rssAfter,
    perConnection: (rssAfter - rssBefore) / n,
    rssSettled,
    perConnectionSettled: (rssSettled - rssBefore) / n,
    connectsPerSec,
  };
  if (t.pusher) {
    // A real client is rarely without a channel: what one subscription adds, on the same sockets.
    await Promise.all(
      sockets.map(
        (ws, i) =>
          new Promise<void>((ok) => {
            const onMessage = (raw: Buffer) => {
              if (!raw.toString().includes('subscription_succeeded')) return;
              ws.off('message', onMessage);
              ok();
            };
            ws.on('message', onMessage);
            ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: `idle-${i}` } }));
          }),
      ),
    );
    await sleep(2000);
    out.rssSubscribed = await medianRss(t);
    // From the settled figure: the one taken last, before the subscriptions (until 2026-12-07
    // from the 2 s one, taken just before them).
    out.perSubscription = (out.rssSubscribed - rssSettled) / n;
  }
  await closeAll(sockets);
  return out;
}

function idleSummary(n: number, runs: IdleRun[]): IdleMemory {
  const per = summarize(runs.map((r) => r.perConnection));
  const settled = summarize(runs.map((r) => r.perConnectionSettled));
  // The run whose figure is the median gives the absolute RSS values shown beside it.
  const mid = [...runs].sort((a, b) => a.perConnection - b.perConnection)[Math.floor((runs.length - 1) / 2)]!;
  const subs = runs.filter((r) => r.perSubscription !== undefined);
  return {
    connections: n,
    runs,
    rssBefore: mid.rssBefore,
    rssAfter: mid.rssAfter,
    perConnection: per.median,
    perConnectionSpread: per,
    rssSettled: mid.rssSettled,
    perConnectionSettled: settled.median,
    perConnectionSettledSpread: settled,
    connectsPerSec: summarize(runs.map((r) => r.connectsPerSec)),
    ...(subs.length ? { rssSubscribed: mid.rssSubscribed, perSubscription: summarize(subs.map((r) => r.perSubscription!)).median } : {}),
  };
}

/**
 * `env`: added to the bare server's environment (bench/src/idle-memory.ts preloads its heap probe
 * so); `nodeArgs`: node flags (bench/src/connect-cost.ts). output(): its stdout (the tail of 4 MB).
 */
export async function startBareWs(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<{ url: string; pid: number; output(): string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, resolve(ROOT, 'bench/src/bare-ws.mjs')], {
    cwd: ROOT,
    // The same allocator as ours, so the memory ratios compare the code, not the malloc.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...productionAllocatorEnv(), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const port = await new Promise<number>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out = (out + d).slice(-4_000_000);
      const m = /PORT (\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.once('exit', (code) => fail(new Error(`bare ws server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The WebSocket address of `path` on the server at `httpUrl`, by IP address as bare ws is reached:
 * `localhost` cost our clients a name lookup per connect (part 6's connect rate). Built with URL so
 * any host or scheme the server is started with comes out as ws://127.0.0.1, never left as http://.
 */
function byAddress(httpUrl: string, path: string): string {
  const u = new URL(path, httpUrl);
  u.protocol = 'ws:';
  u.hostname = '127.0.0.1';
  return u.href;
}

export async function measureRealtime(
  server: ServerUnderTest,
  project: { session: BenchSession; projectId: string; appId: string; key: string },
  s: RealtimeSettings,
  log: (s: string) => void,
  /** Another production server on the same database and sealing key (fresh processes for memory, the log-skipped variant). */
  startServer: (env: Record<string, string>) => Promise<ServerUnderTest>,
): Promise<RealtimeResults> {
  const secret = await rotateSecret(project, server.url);
  const oursOn = (srv: ServerUnderTest): Target => ({
    label: 'ours',
    pids: [srv.pid],
    rss: () => srv.rss(),
    connectUrl: byAddress(srv.url, `/app/${project.key}?protocol=7`),
    pusher: true,
    publish: signedPublisher(srv.url, project, secret),
  });
  const ours = oursOn(server);
  const bareServer = await startBareWs();
  const bare: Target = {
    label: 'bare ws',
    pids: [bareServer.pid],
    rss: () => procStatus(bareServer.pid, 'VmRSS'),
    connectUrl: `${bareServer.url.replace(/^http/, 'ws')}/`,
    pusher: false,
    publish: (body) => post(`${bareServer.url}/publish`, body),
  };
  try {
    // Memory and connect rate on fresh processes, one per run (a heap grown by earlier work
    // absorbs new sockets), ours and bare ws alternating which goes first.
    const idleRuns = { ours: [] as IdleRun[], bare: [] as IdleRun[] };
    for (let round = 1; round <= s.rounds; round++) {
      for (const side of inRoundOrder(['ours', 'bare'] as const, round)) {
        await s.beforeRun?.();
        if (side === 'ours') {
          const fresh = await startServer({});
          try {
            idleRuns.ours.push(await idleRun(oursOn(fresh), s.idleConnections));
          } finally {
            await fresh.stop();
          }
        } else {
          const fresh = await startBareWs();
          try {
            idleRuns.bare.push(
              await idleRun(
                {
                  label: 'bare ws',
                  pids: [fresh.pid],
                  rss: () => procStatus(fresh.pid, 'VmRSS'),
                  connectUrl: `${fresh.url.replace(/^http/, 'ws')}/`,
                  pusher: false,
                  publish: () => Promise.resolve(0),
                },
                s.idleConnections,
              ),
            );
          } finally {
            await fresh.stop();
          }
        }
      }
      log(`  realtime: ${s.idleConnections} idle connections on fresh processes, round ${round}/${s.rounds} done`);
    }
    const idle = { ours: idleSummary(s.idleConnections, idleRuns.ours), bare: idleSummary(s.idleConnections, idleRuns.bare) };

    // The cost of the message log: two fresh servers, one with the log write skipped, no
    // subscribers on either (the publish path alone), runs alternating.
    log(`  realtime: publishes/s with the message log written and skipped (${LOG_COST_CONCURRENCY} in flight)…`);
    const logged = await startServer({});
    const skipped = await startServer({ BENCH_SKIP_MESSAGE_LOG: 'on' });
    const cost = { logged: [] as number[], skipped: [] as number[] };
    try {
      const noSubs = { ...s, subscribers: 0, concurrency: LOG_COST_CONCURRENCY };
      for (const srv of [logged, skipped]) await runMax(oursOn(srv), { ...noSubs, durationSec: 1 });
      for (let round = 1; round <= s.rounds; round++) {
        for (const which of inRoundOrder(['logged', 'skipped'] as const, round)) {
          await s.beforeRun?.();
          cost[which].push((await runMax(oursOn(which === 'logged' ? logged : skipped), noSubs)).publishesPerSec);
        }
      }
    } finally {
      await logged.stop();
      await skipped.stop();
    }
    const logCost: LogCost = {
      concurrency: LOG_COST_CONCURRENCY,
      logged: summarize(cost.logged),
      skipped: summarize(cost.skipped),
      ratio: summarize(cost.logged.map((v, i) => v / cost.skipped[i]!)),
    };

    const runs = { max: { ours: [] as RtRun[], bare: [] as RtRun[] }, fixed: { ours: [] as RtRun[], bare: [] as RtRun[] } };
    const targets = [
      ['ours', ours],
      ['bare', bare],
    ] as const;
    const clients = [...(await openMany(ours, s.subscribers, true)), ...(await openMany(bare, s.subscribers, false))];
    // Warm-up: JIT, connection pools, SQLite pages.
    for (const [, t] of targets) await runMax(t, { ...s, durationSec: 1 });
    // Interleaved, as in part 4: both sides of each ratio see the same machine state.
    for (let round = 1; round <= s.rounds; round++) {
      for (const [name, t] of targets) {
        await s.beforeRun?.();
        runs.max[name].push(await runMax(t, s));
      }
      for (const [name, t] of targets) {
        await s.beforeRun?.();
        runs.fixed[name].push(await runFixed(t, s));
      }
      log(`  realtime: round ${round}/${s.rounds} done`);
    }
    await closeAll(clients);
    return {
      settings: { subscribers: s.subscribers, rounds: s.rounds, durationSec: s.durationSec, concurrency: s.concurrency, fixedRate: s.fixedRate, idleConnections: s.idleConnections },
      max: { ours: side(runs.max.ours), bare: side(runs.max.bare) },
      fixed: { ours: side(runs.fixed.ours), bare: side(runs.fixed.bare) },
      idle,
      logCost,
    };
  } finally {
    await bareServer.stop();
    agent.destroy();
  }
}

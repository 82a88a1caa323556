// Part 9, realtime across nodes: part 6's fan-out with its subscribers split over two production
// servers that share a Redis (REDIS_URL) beside the same number of subscribers on one server without
// Redis (the in-process broker), all three on one PostgreSQL database, in one run. The two variants
// alternate run by run (and which goes first alternates by round), so each ratio compares runs back
// to back. Publishes to the pair alternate between its nodes, as a load balancer would spread them.
// The Redis is one of this part's own (a redis-server on a free port), so its INFO counters are
// the pair's traffic alone: commands and bytes per publish are read from Redis, not estimated.
// Writes its own section of bench/RESULTS.md (between markers, bench/src/sections.ts), whichever way it runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { encodeDelivery } from '../../server/src/realtime/redis-broker.js';
import { startOwnRedis, type OwnRedis } from '../../server/src/testing/redis.js';
import { postgresAnswers, TEST_DATABASE_URL } from '../../tests/setup/services.js';
import { createDatabase, install, SEALING_KEY } from './engines.js';
import { inRoundOrder } from './interleaving.js';
import { closeAll, openMany, rotateSecret, runFixed, runMax, side, signedPublisher, type RtRun, type RtSide, type Target } from './realtime.js';
import { paddedTable, writeSection } from './sections.js';
import { startProductionServer, type ServerUnderTest } from './server.js';
import { num, sum, summarize, type Summary } from './stats.js';

export interface ClusterSettings {
  /** Subscribers in all (the pair: half on each node). */
  subscribers: number;
  rounds: number;
  durationSec: number;
  /** Publishes in flight in the as-fast-as-possible runs. */
  concurrency: number;
  /** Deliveries per second of the fixed-rate runs at most (less when the machine sustains less: see measureCluster). */
  fixedRate: number;
  beforeRun?: () => Promise<void>;
}

/** What Redis did per accepted publish during the pair's as-fast-as-possible runs (INFO stats deltas). */
export interface RedisHop {
  commands: Summary;
  bytesIn: Summary;
  bytesOut: Summary;
  /** The bus message of one bench publish (encodeDelivery), bytes. */
  message: number;
}

export type ClusterResults =
  | { skipped: string }
  | {
      settings: Omit<ClusterSettings, 'beforeRun'>;
      postgresVersion: string;
      redisVersion: string;
      max: { single: RtSide; pair: RtSide; deliveries: Summary; p99: Summary };
      fixed: { single: RtSide; pair: RtSide; p99: Summary };
      hop: RedisHop;
      loadAverage: { atStart: number[]; atEnd: number[] };
      foreignLoad: Summary;
      generatedAt: Date;
    };

/** Many sockets from one loopback address, and no limit on publishes. */
const NO_ADDRESS_LIMITS = { REALTIME_SOCKETS_PER_IP: '100000000', REALTIME_CONNECTS_PER_IP_PER_MINUTE: '100000000' };
const CHANNEL = 'bench';
const DRAIN_MS = 30_000;

async function redisStats(redis: Redis): Promise<{ commands: number; bytesIn: number; bytesOut: number }> {
  const info = await redis.info('stats');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return { commands: field('total_commands_processed'), bytesIn: field('total_net_input_bytes'), bytesOut: field('total_net_output_bytes') };
}

export async function measureCluster(s: ClusterSettings, log: (line: string) => void): Promise<ClusterResults> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? TEST_DATABASE_URL;
  if (!(await postgresAnswers(serverUrl))) return { skipped: `PostgreSQL does not answer at ${serverUrl} (BENCH_DATABASE_URL)` };
  let redis: OwnRedis;
  try {
    redis = await startOwnRedis();
  } catch (e) {
    return { skipped: e instanceof Error ? e.message : String(e) };
  }
  const loadAtStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-bench-cluster-'));
  const database = await createDatabase(serverUrl);
  const stats = new Redis(redis.url);
  const servers: ServerUnderTest[] = [];
  const sockets: Awaited<ReturnType<typeof openMany>> = [];
  try {
    log('  cluster: a paid realtime project through the dashboard API…');
    const dbEnv = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '10', DATABASE_PATH: join(dir, 'unused.db') };
    const data = await install(dbEnv);
    const start = async (env: Record<string, string>) => {
      const srv = await startProductionServer(dbEnv.DATABASE_PATH, { ...dbEnv, ...NO_ADDRESS_LIMITS, INTEGRATIONS_KEY: SEALING_KEY, ...env });
      servers.push(srv);
      return srv;
    };
    const single = await start({});
    const pairEnv = { REDIS_URL: redis.url, REDIS_PREFIX: 'bench:' };
    const pair = [await start(pairEnv), await start(pairEnv)] as const;
    // Rotated before any node has read the project: every node reads the new secret from the database.
    const secret = await rotateSecret(data, single.url);
    const publishTo = (srv: ServerUnderTest) => signedPublisher(srv.url, data, secret);
    const wsUrl = (srv: ServerUnderTest) => `${srv.url.replace(/^http/, 'ws')}/app/${data.key}?protocol=7`;

    const oneNode: Target = { label: '1 node', pids: [single.pid], rss: () => single.rss(), connectUrl: wsUrl(single), pusher: true, publish: publishTo(single) };
    let turn = 0;
    const viaPair = pair.map(publishTo);
    const twoNodes: Target = {
      label: '2 nodes + Redis',
      pids: [pair[0].pid, pair[1].pid, redis.pid!],
      rss: () => pair[0].rss() + pair[1].rss(),
      connectUrl: wsUrl(pair[0]),
      pusher: true,
      publish: (body) => viaPair[turn++ % 2]!(body),
    };
    const half = Math.floor(s.subscribers / 2);
    sockets.push(...(await openMany(oneNode, s.subscribers, true)));
    sockets.push(...(await openMany({ ...twoNodes, connectUrl: wsUrl(pair[0]) }, half, true)));
    sockets.push(...(await openMany({ ...twoNodes, connectUrl: wsUrl(pair[1]) }, s.subscribers - half, true)));

    // Warm-up: JIT, connection pools, Redis scripts loaded.
    for (const t of [oneNode, twoNodes]) await runMax(t, { ...s, durationSec: 1 });
    const runs = { max: { single: [] as RtRun[], pair: [] as RtRun[] }, fixed: { single: [] as RtRun[], pair: [] as RtRun[] } };
    const hop = { commands: [] as number[], bytesIn: [] as number[], bytesOut: [] as number[] };
    // Every delivery of a run arrives before the next run starts (a backlog left behind would land
    // in the next run's figures); what has not arrived after this long counts as lost.
    const timed = { ...s, drainMs: DRAIN_MS };
    for (let round = 1; round <= s.rounds; round++) {
      for (const which of inRoundOrder(['single', 'pair'] as const, round)) {
        await s.beforeRun?.();
        const before = await redisStats(stats);
        const run = await runMax(which === 'single' ? oneNode : twoNodes, timed);
        const after = await redisStats(stats);
        runs.max[which].push(run);
        if (which === 'pair') {
          const n = Math.max(1, run.publishesPerSec * s.durationSec);
          hop.commands.push((after.commands - before.commands) / n);
          hop.bytesIn.push((after.bytesIn - before.bytesIn) / n);
          hop.bytesOut.push((after.bytesOut - before.bytesOut) / n);
        }
      }
      log(`  cluster: as fast as possible, round ${round}/${s.rounds} done`);
    }
    // Latency at a rate both variants sustain on this machine now (a rate beyond one of them
    // measures its queue, not its latency): half the slower one's median, at most the configured rate.
    const capacity = Math.min(...(['single', 'pair'] as const).map((w) => summarize(runs.max[w].map((r) => r.deliveriesPerSec)).median));
    const fixedRate = Math.max(s.subscribers, Math.min(s.fixedRate, Math.floor(capacity / 2 / s.subscribers) * s.subscribers));
    for (let round = 1; round <= s.rounds; round++) {
      for (const which of inRoundOrder(['single', 'pair'] as const, round)) {
        await s.beforeRun?.();
        runs.fixed[which].push(await runFixed(which === 'single' ? oneNode : twoNodes, { ...timed, fixedRate }));
      }
      log(`  cluster: at ${fixedRate} deliveries/s, round ${round}/${s.rounds} done`);
    }
    // The bench's publish as it travels on the bus (the real ones carry a timestamp a few digits longer).
    const sample = JSON.stringify({ t: 0, order: 'x'.repeat(120) });
    const message = Buffer.byteLength(
      encodeDelivery({ kind: 'frame', projectId: data.projectId, channel: CHANNEL, frame: JSON.stringify({ event: 'order-created', channel: CHANNEL, data: sample }) }),
    );
    const perRound = (a: RtRun[], b: RtRun[], f: (r: RtRun) => number) => summarize(a.map((r, i) => f(r) / f(b[i]!)));
    const foreign = [...runs.max.single, ...runs.max.pair, ...runs.fixed.single, ...runs.fixed.pair].map((r) => r.foreignLoad).filter((v) => Number.isFinite(v));
    return {
      settings: { subscribers: s.subscribers, rounds: s.rounds, durationSec: s.durationSec, concurrency: s.concurrency, fixedRate },
      postgresVersion: database.version,
      redisVersion: /^redis_version:(\S+)/m.exec(await stats.info('server'))?.[1] ?? '?',
      max: {
        single: side(runs.max.single),
        pair: side(runs.max.pair),
        deliveries: perRound(runs.max.pair, runs.max.single, (r) => r.deliveriesPerSec),
        p99: perRound(runs.max.pair, runs.max.single, (r) => r.p99),
      },
      fixed: { single: side(runs.fixed.single), pair: side(runs.fixed.pair), p99: perRound(runs.fixed.pair, runs.fixed.single, (r) => r.p99) },
      hop: { commands: summarize(hop.commands), bytesIn: summarize(hop.bytesIn), bytesOut: summarize(hop.bytesOut), message },
      loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
      foreignLoad: summarize(foreign),
      generatedAt: new Date(),
    };
  } finally {
    await closeAll(sockets);
    for (const srv of servers) await srv.stop();
    stats.disconnect();
    await redis.stop();
    await database.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

const PART = 'part 9 (realtime across nodes)';

export function renderCluster(r: ClusterResults): { console: string; markdown: string } {
  if ('skipped' in r) {
    const line = `Part 9 (realtime on two nodes with Redis beside one node) was skipped: ${r.skipped}.`;
    return { console: line, markdown: `## 9. Realtime across nodes (Redis)\n\n${line}\n` };
  }
  const row = (label: string, x: RtSide) => [label, sum(x.deliveriesPerSec), sum(x.publishesPerSec), `${num(x.p50.median, 1)} / ${sum(x.p99, 1)}`, String(x.lost), String(x.refused)];
  const head = ['variant', 'deliveries/s', 'publishes/s', 'p50 / p99 ms', 'lost', 'refused'];
  const maxTable = paddedTable(head, [row('1 node, no Redis', r.max.single), row('2 nodes + Redis', r.max.pair)]);
  const fixedTable = paddedTable(head, [row('1 node, no Redis', r.fixed.single), row('2 nodes + Redis', r.fixed.pair)]);
  const h = r.hop;
  const markdown = `## 9. Realtime across nodes (Redis)

Measured ${r.generatedAt.toISOString()}: ${r.settings.subscribers} raw \`ws\` subscribers of one channel of a paid (Pro)
project, either all on one production server without \`REDIS_URL\` (the in-process broker) or half on
each of two production servers sharing one Redis ${r.redisVersion} (a redis-server of the bench's own), all three servers on
one PostgreSQL ${r.postgresVersion} database on this machine. Publishes are signed \`POST /apps/{id}/events\` (the
same body as part 6: a ~170-byte event), to the single node or alternately to each node of the pair. A
delivery is one frame received by one subscriber; latency is from just before the POST is written to the
frame's arrival (one clock: the bench process). ${r.settings.rounds} rounds × ${r.settings.durationSec} s per variant; the variants
alternate run by run and which goes first alternates by round. Figures are median (min–max) of the
rounds; the ratios are taken per round between two runs back to back. After each run the bench
waits up to ${DRAIN_MS / 1000} s for every delivery still on its way before the next run starts; "lost" counts what had not
arrived by then.
Machine load: load average ${r.loadAverage.atStart.map((v) => num(v, 2)).join(' / ')} at the start and
${r.loadAverage.atEnd.map((v) => num(v, 2)).join(' / ')} at the end (1 / 5 / 15 min, 2 cores); other processes used ${sum(r.foreignLoad, 2)}
of the machine's CPU during the runs (share of all cores; the bench, the servers and the bench's Redis excluded,
PostgreSQL's backends counted as foreign). Everything — bench client, three Node servers, Redis,
PostgreSQL — shares the same 2 cores, so the pair does not get twice the CPU of the single node: this
measures what the hop costs, not what a second machine adds.

As fast as ${r.settings.concurrency} publishes in flight allow:

${maxTable}

Two nodes ÷ one node, per round: deliveries/s **${sum(r.max.deliveries, 2)}**, p99 ${sum(r.max.p99, 2)}.

At a fixed ${num(r.settings.fixedRate)} deliveries/s (${num(r.settings.fixedRate / r.settings.subscribers)} publishes/s: half of what the slower variant delivered as fast as it could
above, so that both keep up and the p99 is latency, not a queue):

${fixedTable}

Two nodes ÷ one node, per round: p99 **${sum(r.fixed.p99, 2)}**.

**What the Redis hop costs.** On one node a publish is handed to the hub by a function call and the
message log's recipient count is read from a \`Map\`. With \`REDIS_URL\`, after the same day-counter
UPDATE in the database (which decides whether the publish is accepted), the node that took the POST
makes two Redis calls on its command connection: \`HMGET {prefix}subs:{project}\` for the recipients the
log row records (awaited: one loopback round trip before the frame leaves), then
\`PUBLISH {prefix}bus\` (not awaited: the HTTP answer does not wait for Redis). The bus message is the
frame as it will be sent to the sockets, serialized once, behind a four-line header (project id,
channel, the socket to spare): ${num(h.message)} bytes for this bench's event. Redis copies it to every
node's bus connection (the publishing node's too, so every subscriber everywhere sees one order), and
each node decodes the header and fans the frame out to its own subscribers exactly as the single node
does. So per publish: two commands, one awaited round trip, the message in once and out once per node,
and one more loopback hop (node → Redis → node) in every delivery's latency, also for subscribers on
the node that took the publish. Measured from Redis's INFO counters during the pair's timed runs, per
accepted publish: ${sum(h.commands, 2)} commands, ${sum(h.bytesIn)} bytes in and ${sum(h.bytesOut)} bytes out (the
nodes' heartbeats and the INFO calls themselves included) — with two nodes, the message once in and
twice out plus RESP framing and the HMGET. Connection counting, subscriptions and presence go through
Lua scripts (one awaited round trip each) at connect and subscribe time, not per publish; this part
opens its sockets before the timed runs. On this machine the cost is mostly CPU and scheduling: Redis
and a second Node process compete with the servers' fan-out and the bench for the same 2 cores, and
each delivery waits for two more processes to be scheduled; on separate machines the hop is a network
round trip and the fan-out's CPU doubles.
`;
  const consoleText = `Part 9, realtime across nodes (median of ${r.settings.rounds}):
  1 node, no Redis   ${num(r.max.single.deliveriesPerSec.median).padStart(9)} deliveries/s, p99 ${num(r.max.single.p99.median, 1)} ms; at ${num(r.settings.fixedRate)}/s p99 ${num(r.fixed.single.p99.median, 1)} ms
  2 nodes + Redis    ${num(r.max.pair.deliveriesPerSec.median).padStart(9)} deliveries/s, p99 ${num(r.max.pair.p99.median, 1)} ms; at ${num(r.settings.fixedRate)}/s p99 ${num(r.fixed.pair.p99.median, 1)} ms
  ratio (2 ÷ 1)      deliveries/s ${sum(r.max.deliveries, 2)}, fixed-rate p99 ${sum(r.fixed.p99, 2)}
  Redis per publish  ${sum(h.commands, 2)} commands, ${num(h.bytesIn.median)} B in, ${num(h.bytesOut.median)} B out (bus message ${h.message} B)`;
  return { console: consoleText, markdown };
}

export const writeClusterSection = (file: string, markdown: string) => writeSection(file, PART, markdown);

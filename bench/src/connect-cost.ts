// Paired measurement of the connect path (part 6's connect rate) for one or more builds beside a
// bare `ws` server: each round opens CONNECT_COST_N sockets (default 5,000), 50 handshakes in
// flight, on a FRESH process of each build (ours on a copy of one seeded database, up to
// connection_established over protocol 7; bare ws up to 'open'), then closes them. Builds and
// bare ws are interleaved, their order turned each round. Reports connects/s and the server's CPU
// per connect and per close, whole process and event-loop thread (/proc/PID/stat utime+stime),
// which a busy machine disturbs less than the rates, and the client's (this process's) CPU per
// connect: the rate ratio follows the CPU of both ends, which share the machine.
//
//   npx tsx bench/src/connect-cost.ts ROUNDS LABEL=/path/to/checkout[,ENV=VALUE...] [LABEL=/path ...]
// A LABEL ending in `@localhost` has its clients connect to the name `localhost` instead of 127.0.0.1.
// CONNECT_COST_N=n: connects per run (default 5,000).
// CONNECT_COST_PROF_DIR=dir: every server writes a V8 CPU profile there when it stops.
// CONNECT_COST_NODE_FLAGS="--trace-gc-nvp ...": extra node flags for every server; with
// --trace-gc-nvp the bytes V8 allocated during the connects are reported per connect. Their
// output is kept in CONNECT_COST_OUT_DIR/<label>-<round>.log when that is set.
// CONNECT_COST_THREADS=1: CPU per connect of each thread. CONNECT_COST_SIGNAL=1: SIGUSR2 to the
// server just before and after the connects (for a profiler preloaded with --require).
// Both servers start as part 6 starts them (startProductionServer, startBareWs): the production
// environment and allocator (jemalloc when installed; glibc's malloc before 2026-12-07 here).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeAll, openMany, startBareWs, type Target } from './realtime.js';
import { seed } from './seed.js';
import { startProductionServer } from './server.js';
import { type Build, inRoundOrder, parseBuild } from './interleaving.js';
import { sleep, summarize } from './stats.js';

const [roundsArg, ...buildArgs] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const N = Number(process.env.CONNECT_COST_N ?? 5000);
const builds = buildArgs.map(parseBuild);
const KEY = randomBytes(32).toString('hex');
const PROF = process.env.CONNECT_COST_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.CONNECT_COST_PROF_DIR)] : [];
const FLAGS = (process.env.CONNECT_COST_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const OUT_DIR = process.env.CONNECT_COST_OUT_DIR;
/**
 * The host the clients connect to: 127.0.0.1, or for a label ending in `@localhost` the name
 * `localhost` (part 6 reached ours that way until 2026-12-07: a name lookup per connect in the client).
 */
const HOST = '127.0.0.1';

/** Clock ticks of user + system time: the process (/proc/PID/stat) or one thread (/proc/PID/task/TID/stat). */
function ticks(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

interface Proc {
  url: string;
  pid: number;
  stop(): Promise<string>;
}

/** Node flags for every server: CONNECT_COST_PROF_DIR's CPU profile, then CONNECT_COST_NODE_FLAGS. */
const NODE_ARGS = [...PROF, ...FLAGS];
/** GC traces of a whole run fit (a --trace-gc-nvp line is ~1.5 KB). */
const OUTPUT_CHARS = 4_000_000;

async function startOurs(build: Build, dbTemplate: string): Promise<Proc> {
  const db = join(mkdtempSync(join(tmpdir(), 'connectcost-')), 'bench.db');
  copyFileSync(dbTemplate, db);
  const env = {
    INTEGRATIONS_KEY: KEY,
    LOG_LEVEL: 'warn',
    // As part 6: thousands of sockets from one loopback address.
    REALTIME_SOCKETS_PER_IP: '100000000',
    REALTIME_CONNECTS_PER_IP_PER_MINUTE: '100000000',
    ...build.env,
  };
  const srv = await startProductionServer(db, env, build.root, { nodeArgs: NODE_ARGS, outputChars: OUTPUT_CHARS });
  return {
    // Reached by address, as part 6's clients reach both servers.
    url: srv.url.replace('localhost', '127.0.0.1'),
    pid: srv.pid,
    stop: async () => {
      await srv.stop();
      return srv.output();
    },
  };
}

async function startBare(): Promise<Proc> {
  const srv = await startBareWs({}, NODE_ARGS);
  return {
    url: srv.url,
    pid: srv.pid,
    stop: async () => {
      await srv.stop();
      return srv.output();
    },
  };
}

type Row = { label: string; round: number; perSec: number; connectUs: number; connectMainUs: number; closeUs: number; clientUs: number; load: number; allocatedKb?: number };

/** CPU ticks per thread name (/proc/PID/task/TID/comm): which threads beyond the event loop do the work. */
function threadTicks(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() + (tid === String(pid) ? ' (main)' : '');
      out.set(name, (out.get(name) ?? 0) + ticks(`/proc/${pid}/task/${tid}/stat`));
    } catch {}
  }
  return out;
}

/** Milliseconds since the process started (/proc/uptime against its start time): the clock of V8's GC trace lines. */
function processMs(pid: number): number {
  const startTicks = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]);
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000 - startTicks * 10;
}

/** Bytes V8 allocated between two process times, from --trace-gc-nvp lines (`... 1234 ms: ... allocated=N ...`). */
function allocatedBetween(out: string, fromMs: number, toMs: number): number {
  let sum = 0;
  for (const m of out.matchAll(/\s(\d+) ms: .*?\ballocated=(\d+)/g)) if (Number(m[1]) > fromMs && Number(m[1]) <= toMs) sum += Number(m[2]);
  return sum;
}

async function measure(label: string, round: number, proc: Proc, connectUrl: string, pusher: boolean): Promise<{ row: Row; window: readonly [number, number] }> {
  const cpu = () => ({ all: ticks(`/proc/${proc.pid}/stat`), main: ticks(`/proc/${proc.pid}/task/${proc.pid}/stat`) });
  const t: Target = { label, pids: [proc.pid], rss: () => 0, connectUrl, pusher, publish: () => Promise.resolve(0) };
  await sleep(1000);
  // CONNECT_COST_SIGNAL=1: SIGUSR2 to the server just before and after the connects (a preloaded profiler's start and stop).
  if (process.env.CONNECT_COST_SIGNAL) process.kill(proc.pid, 'SIGUSR2');
  const before = cpu();
  const threadsBefore = threadTicks(proc.pid);
  const fromMs = processMs(proc.pid);
  const client = process.cpuUsage();
  const started = performance.now();
  const sockets = await openMany(t, N, false);
  const seconds = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(client);
  if (process.env.CONNECT_COST_SIGNAL) process.kill(proc.pid, 'SIGUSR2');
  // What the server still does for these connects (GC, a queued log batch) counts too.
  await sleep(500);
  const opened = cpu();
  const toMs = processMs(proc.pid);
  if (process.env.CONNECT_COST_THREADS) {
    const parts = [...threadTicks(proc.pid)].map(([name, t]) => [name, ((t - (threadsBefore.get(name) ?? 0)) * 10_000) / N] as const).filter(([, us]) => us > 0);
    console.log(`  ${label} threads, µs/connect: ${parts.map(([name, us]) => `${name} ${us.toFixed(1)}`).join(', ')}`);
  }
  await closeAll(sockets);
  await sleep(500);
  const closed = cpu();
  const row: Row = {
    label,
    round,
    perSec: N / seconds,
    connectUs: ((opened.all - before.all) * 10_000) / N,
    connectMainUs: ((opened.main - before.main) * 10_000) / N,
    closeUs: ((closed.all - opened.all) * 10_000) / N,
    clientUs: (clientCpu.user + clientCpu.system) / N,
    load: loadavg()[0]!,
  };
  return { row, window: [fromMs, toMs] as const };
}

function show(row: Row): void {
  console.log(
    `round ${row.round} ${row.label}: ${row.perSec.toFixed(0)} connects/s, CPU ${row.connectUs.toFixed(0)} µs/connect (event loop ${row.connectMainUs.toFixed(0)}), ${row.closeUs.toFixed(0)} µs/close, client ${row.clientUs.toFixed(0)} µs/connect${row.allocatedKb === undefined ? '' : `, ${row.allocatedKb.toFixed(1)} KB allocated/connect`}, load ${row.load.toFixed(2)}`,
  );
}

async function main() {
  const template = join(mkdtempSync(join(tmpdir(), 'connectcost-seed-')), 'seed.db');
  console.log('seeding…');
  const { key } = (await seed(template, [5000])).realtime;
  const rows: Row[] = [];
  // CONNECT_COST_BARE_LOCALHOST=1: bare ws a second time, reached as `localhost` (the name lookup's cost to the client).
  const sides = [...builds.map((b) => b.label), 'bare', ...(process.env.CONNECT_COST_BARE_LOCALHOST ? ['bare@localhost'] : [])];
  for (let round = 1; round <= ROUNDS; round++) {
    const order = inRoundOrder(sides, round);
    for (const label of order) {
      const build = builds.find((b) => b.label === label);
      const proc = build ? await startOurs(build, template) : await startBare();
      let measured: Awaited<ReturnType<typeof measure>> | undefined;
      try {
        const ws = proc.url.replace(/^http/, 'ws').replace('127.0.0.1', label.endsWith('@localhost') ? 'localhost' : HOST);
        const url = build ? `${ws}/app/${key}?protocol=7` : `${ws}/`;
        measured = await measure(label, round, proc, url, Boolean(build));
      } finally {
        const out = await proc.stop();
        if (OUT_DIR) writeFileSync(join(OUT_DIR, `${label}-${round}.log`), out);
        if (measured) {
          // Only with --trace-gc-nvp among the node flags: the GC lines say what was allocated.
          if (FLAGS.includes('--trace-gc-nvp')) measured.row.allocatedKb = allocatedBetween(out, ...measured.window) / 1024 / N;
          rows.push(measured.row);
          show(measured.row);
        }
      }
    }
  }
  const fmt = (xs: number[], d = 0) => {
    const s = summarize(xs);
    return `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
  };
  const loads = rows.map((r) => r.load);
  console.log(`\n${N} connects, 50 in flight, ${ROUNDS} rounds; load average (1 min) ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`);
  const bare = rows.filter((r) => r.label === 'bare');
  for (const label of sides) {
    const of = rows.filter((r) => r.label === label);
    const ratio = label.startsWith('bare')
      ? ''
      : `, of bare (per round) ${fmt(
          of.map((r, i) => r.perSec / bare[i]!.perSec),
          3,
        )}`;
    const alloc = of.every((r) => r.allocatedKb !== undefined)
      ? `; KB allocated/connect ${fmt(
          of.map((r) => r.allocatedKb!),
          1,
        )}`
      : '';
    console.log(
      `${label}: ${fmt(of.map((r) => r.perSec))} connects/s${ratio}; CPU µs/connect ${fmt(of.map((r) => r.connectUs))} (event loop ${fmt(of.map((r) => r.connectMainUs))}); µs/close ${fmt(of.map((r) => r.closeUs))}; client µs/connect ${fmt(of.map((r) => r.clientUs))}${alloc}`,
    );
  }
  process.exit(0);
}

await main();

// Where part 6's idle memory per connection goes, over time: each round opens CONNECT_COST_N
// sockets (default 5,000, 50 handshakes in flight; ours up to connection_established) on a FRESH
// process of each build and of bare `ws`, interleaved, order turned each round, as part 6 does.
// Then it reads the server's RSS every 250 ms for 10 s and, at 0.5, 1, 2, 3, 5 and 10 s, V8's heap
// spaces through a preloaded probe (bench/src/heap-probe.cjs, SIGUSR2): RSS splits into V8's heap
// (physical pages of each space) and the rest (native: malloc, ws/net buffers, code). "part 6" is
// part 6's own figure on this run: the median of the RSS samples 2.0-2.9 s after the last connect.
//
//   npx tsx bench/src/idle-memory.ts ROUNDS LABEL=/path/to/checkout[,ENV=VALUE...] [LABEL=/path ...]
// The checkouts must be built (dist/server/index.js). CONNECT_COST_N=n: sockets per run.
import { mkdtempSync, copyFileSync, readFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeAll, openMany, startBareWs, type Target } from './realtime.js';
import { seed } from './seed.js';
import { procStatus, startProductionServer } from './server.js';
import { inRoundOrder, parseBuild } from './interleaving.js';
import { sleep, summarize } from './stats.js';

const [roundsArg, ...buildArgs] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const N = Number(process.env.CONNECT_COST_N ?? 5000);
const builds = buildArgs.map(parseBuild);
const PROBE = resolve(import.meta.dirname, 'heap-probe.cjs');
const MARKS_S = [0.5, 1, 2, 3, 5, 10];
const MB = 2 ** 20;

interface HeapStat {
  rss: number;
  physical: number;
  malloced: number;
  external: number;
  gcs: { minor: number; major: number };
  spaces: Record<string, { size: number; used: number; phys: number }>;
}

interface Mark {
  at: number;
  rss: number;
  heap: HeapStat;
}

interface Run {
  label: string;
  round: number;
  before: HeapStat;
  marks: Mark[];
  /** Part 6's figure: median RSS 2.0-2.9 s after the connects. */
  part6: number;
  rssBefore: number;
  idleGcAt: string | null;
  load: number;
}

function lastStat(file: string, count: number): Promise<HeapStat> {
  return (async () => {
    for (let i = 0; i < 100; i++) {
      const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
      if (lines.length >= count) return JSON.parse(lines[count - 1]!.slice('HEAPSTAT '.length)) as HeapStat;
      await sleep(10);
    }
    throw new Error(`no heap statistics in ${file}`);
  })();
}

async function medianRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++, await sleep(100)) samples.push(procStatus(pid, 'VmRSS'));
  return summarize(samples).median;
}

async function run(label: string, round: number, pid: number, connectUrl: string, pusher: boolean, probeFile: string, output: () => string): Promise<Run> {
  let stats = 0;
  const stat = () => {
    process.kill(pid, 'SIGUSR2');
    return lastStat(probeFile, ++stats);
  };
  const t: Target = { label, pids: [pid], rss: () => procStatus(pid, 'VmRSS'), connectUrl, pusher, publish: () => Promise.resolve(0) };
  await sleep(1000);
  const rssBefore = await medianRss(pid);
  const before = await stat();
  const sockets = await openMany(t, N, false);
  const end = performance.now();
  const samples: { at: number; rss: number }[] = [];
  const marks: Mark[] = [];
  for (const mark of MARKS_S) {
    while ((performance.now() - end) / 1000 < mark) {
      samples.push({ at: (performance.now() - end) / 1000, rss: procStatus(pid, 'VmRSS') });
      await sleep(Math.min(100, Math.max(1, mark * 1000 - (performance.now() - end))));
    }
    const rss = procStatus(pid, 'VmRSS');
    marks.push({ at: mark, rss, heap: await stat() });
  }
  const part6 = summarize(samples.filter((s) => s.at >= 2 && s.at < 3).map((s) => s.rss)).median;
  await closeAll(sockets);
  const gc = /"msg":"memory\.idle_gc"[^\n]*/.exec(output())?.[0] ?? null;
  return { label, round, before, marks, part6, rssBefore, idleGcAt: gc, load: loadavg()[0]! };
}

const heapPhys = (h: HeapStat) => Object.values(h.spaces).reduce((a, s) => a + s.phys, 0);
const fmt = (bytes: number) => (bytes / MB).toFixed(1);

function show(r: Run): void {
  const perConn = (rss: number) => ((rss - r.rssBefore) / N / 1024).toFixed(2);
  console.log(
    `\nround ${r.round} ${r.label} (load ${r.load.toFixed(2)}): RSS before ${fmt(r.rssBefore)} MB, heap ${fmt(heapPhys(r.before))} (new ${fmt(r.before.spaces.new!.phys)}, old ${fmt(r.before.spaces.old!.phys)}), native ${fmt(r.before.rss - heapPhys(r.before))}; part 6 figure ${perConn(r.part6)} KB/conn`,
  );
  for (const m of r.marks) {
    const h = m.heap;
    const sp = h.spaces;
    console.log(
      `  ${String(m.at).padStart(4)} s: RSS ${fmt(m.rss)} (${perConn(m.rss)} KB/conn) = heap ${fmt(heapPhys(h))} [new ${fmt(sp.new!.phys)} (used ${fmt(sp.new!.used)}), old ${fmt(sp.old!.phys)} (used ${fmt(sp.old!.used)}), code ${fmt(sp.code!.phys)}, lo ${fmt(sp.large_object!.phys)}] + native ${fmt(h.rss - heapPhys(h))}; scavenges ${h.gcs.minor - r.before.gcs.minor}, mark-compacts ${h.gcs.major - r.before.gcs.major}`,
    );
  }
  if (r.idleGcAt) console.log(`  idle collection: ${r.idleGcAt.slice(0, 200)}`);
}

async function main() {
  const template = join(mkdtempSync(join(tmpdir(), 'idlemem-seed-')), 'seed.db');
  console.log('seeding…');
  const { key } = (await seed(template, [5000])).realtime;
  const runs: Run[] = [];
  const sides = [...builds.map((b) => b.label), 'bare'];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const label of inRoundOrder(sides, round)) {
      const dir = mkdtempSync(join(tmpdir(), 'idlemem-'));
      const probeFile = join(dir, 'heap.log');
      const probeEnv = { NODE_OPTIONS: `--require ${PROBE}`, HEAP_PROBE_FILE: probeFile };
      const build = builds.find((b) => b.label === label);
      if (build) {
        const db = join(dir, 'bench.db');
        copyFileSync(template, db);
        const srv = await startProductionServer(
          db,
          { ...probeEnv, LOG_LEVEL: 'info', REALTIME_SOCKETS_PER_IP: '100000000', REALTIME_CONNECTS_PER_IP_PER_MINUTE: '100000000', ...build.env },
          build.root,
        );
        try {
          const ws = `${srv.url.replace(/^http/, 'ws').replace('localhost', '127.0.0.1')}/app/${key}?protocol=7`;
          runs.push(await run(label, round, srv.pid, ws, true, probeFile, srv.output));
        } finally {
          await srv.stop();
        }
      } else {
        const srv = await startBareWs(probeEnv);
        try {
          runs.push(await run(label, round, srv.pid, `${srv.url.replace(/^http/, 'ws')}/`, false, probeFile, () => ''));
        } finally {
          await srv.stop();
        }
      }
      show(runs[runs.length - 1]!);
    }
  }
  console.log(`\n${N} sockets, ${ROUNDS} rounds; KB per connection (median, min–max) at each mark:`);
  for (const label of sides) {
    const of = runs.filter((r) => r.label === label);
    const per = (pick: (r: Run) => number) => {
      const s = summarize(of.map((r) => (pick(r) - r.rssBefore) / N / 1024));
      return `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
    };
    console.log(`${label}: part 6 ${per((r) => r.part6)}; ${MARKS_S.map((m, i) => `${m} s ${per((r) => r.marks[i]!.rss)}`).join('; ')}`);
  }
  process.exit(0);
}

await main();

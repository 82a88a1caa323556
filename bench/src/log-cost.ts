// Paired measurement of the message log's cost per publish: for each build (a checkout with its
// own dist/), two fresh production servers on copies of one seeded database, one with
// BENCH_SKIP_MESSAGE_LOG; no subscribers, 50 publishers in flight; builds and variants interleaved.
// Reports publishes/s and the server's CPU per publish (whole process and event-loop thread).
//
//   npx tsx bench/src/log-cost.ts ROUNDS SECONDS LABEL=/path/to/checkout[,ENV=VALUE...] [LABEL=...]
// LOG_COST_RATE=n paces the publishes at n per second instead (at most 50 in flight): the same
// work on every server, for the CPU figure on a machine too busy for the as-fast-as-possible one.
// The servers start as the full run starts its own (server.ts startProductionServer: environment,
// allocator, readiness check); ENV=VALUE goes to that build's servers (LD_PRELOAD= for glibc's
// malloc), and BENCH_CPU_PROF_DIR=dir has each write a V8 CPU profile there when it stops.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { inRoundOrder, parseBuild } from './interleaving.js';
import { publishAtRate, rotateSecret, runMax, signedPublisher } from './realtime.js';
import { seed } from './seed.js';
import { eventLoopCpuSeconds, procCpuSeconds, startProductionServer } from './server.js';
import { medianAndRange, minToMax, sleep, summarize } from './stats.js';

const [roundsArg, secondsArg, ...buildArgs] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const SECONDS = Number(secondsArg ?? 5);
const builds = buildArgs.map(parseBuild);
const KEY = randomBytes(32).toString('hex');
const RATE = Number(process.env.LOG_COST_RATE ?? 0);

/** `rate` publishes per second for `seconds`, at most 50 in flight; what runMax reports, for these. */
async function runPaced(t: { publish(body: string): Promise<number> }, seconds: number, rate: number) {
  const started = performance.now();
  const body = () => JSON.stringify({ name: 'order-created', channel: 'bench', data: `{"t":${performance.now().toFixed(3)},"order":"${'x'.repeat(120)}"}` });
  const { published, refused } = await publishAtRate((b) => t.publish(b), { started, stopAt: started + seconds * 1000, perSec: rate, maxInFlight: 50, body });
  const elapsed = (performance.now() - started) / 1000;
  await sleep(300);
  return { publishesPerSec: published / elapsed, refused, published };
}

/** A fresh production server on a copy of the seeded database. */
async function start(root: string, dbTemplate: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'logcost-'));
  const db = join(dir, 'bench.db');
  copyFileSync(dbTemplate, db);
  const srv = await startProductionServer(db, { INTEGRATIONS_KEY: KEY, LOG_LEVEL: 'warn', ...env }, root);
  return {
    url: srv.url,
    pid: srv.pid,
    /** CPU seconds so far: the whole process and its event-loop thread. */
    cpu: () => ({ all: procCpuSeconds(srv.pid), main: eventLoopCpuSeconds(srv.pid) }),
    stop: srv.stop,
  };
}

type Row = { build: string; variant: 'logged' | 'skipped'; round: number; perSec: number; cpuUs: number; mainUs: number };

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'logcost-seed-'));
  const template = join(dir, 'seed.db');
  console.log('seeding…');
  const data = await seed(template, [5000]);
  const { session, projectId, appId, key } = data.realtime;
  const rows: Row[] = [];
  const load: number[] = [loadavg()[0]!];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const b of inRoundOrder(builds, round)) {
      const logged = await start(b.root, template, b.env);
      const skipped = await start(b.root, template, { ...b.env, BENCH_SKIP_MESSAGE_LOG: 'on' });
      try {
        const target = async (srv: Awaited<ReturnType<typeof start>>) => {
          const secret = await rotateSecret({ session, projectId }, srv.url);
          return {
            label: 'ours',
            pids: [srv.pid],
            rss: () => 0,
            connectUrl: '',
            pusher: true,
            publish: signedPublisher(srv.url, { appId, key }, secret),
          };
        };
        const t = { logged: await target(logged), skipped: await target(skipped) };
        const settings = { subscribers: 0, durationSec: SECONDS, concurrency: 50, fixedRate: 0, drainMs: 0 };
        for (const v of ['logged', 'skipped'] as const) await runMax(t[v], { ...settings, durationSec: 1 });
        for (const v of inRoundOrder(['logged', 'skipped'] as const, round)) {
          const srv = v === 'logged' ? logged : skipped;
          await sleep(500);
          const before = srv.cpu();
          const run = RATE ? await runPaced(t[v], SECONDS, RATE) : await runMax(t[v], settings);
          // Both wait 300 ms after the window; the server is idle then (no subscribers).
          const after = srv.cpu();
          const published = 'published' in run ? run.published : run.publishesPerSec * SECONDS;
          const row: Row = {
            build: b.label,
            variant: v,
            round,
            perSec: run.publishesPerSec,
            cpuUs: ((after.all - before.all) * 1e6) / published,
            mainUs: ((after.main - before.main) * 1e6) / published,
          };
          rows.push(row);
          console.log(
            `round ${round} ${b.label} ${v}: ${row.perSec.toFixed(0)}/s, CPU ${row.cpuUs.toFixed(1)} µs/publish (event loop ${row.mainUs.toFixed(1)}), refused ${run.refused}, load ${loadavg()[0]!.toFixed(2)}`,
          );
          load.push(loadavg()[0]!);
        }
      } finally {
        await logged.stop();
        await skipped.stop();
      }
    }
  }
  console.log(`\nload average (1 min) over the run: ${minToMax(load, 2)}`);
  for (const b of builds) {
    const of = (v: Row['variant']) => rows.filter((r) => r.build === b.label && r.variant === v);
    const [l, s] = [of('logged'), of('skipped')];
    console.log(
      `${b.label}: logged ${medianAndRange(summarize(l.map((r) => r.perSec)))}/s, skipped ${medianAndRange(summarize(s.map((r) => r.perSec)))}/s, ratio ${medianAndRange(summarize(l.map((r, i) => r.perSec / s[i]!.perSec)), 3)}; ` +
        `CPU µs/publish logged ${medianAndRange(summarize(l.map((r) => r.cpuUs)), 1)} (event loop ${medianAndRange(summarize(l.map((r) => r.mainUs)), 1)}), skipped ${medianAndRange(summarize(s.map((r) => r.cpuUs)), 1)} (event loop ${medianAndRange(summarize(s.map((r) => r.mainUs)), 1)}), log per publish ${medianAndRange(summarize(l.map((r, i) => r.cpuUs - s[i]!.cpuUs)), 1)}`,
    );
  }
  process.exit(0);
}

await main();

// Paired measurement of the message log's cost per publish: for each build (a checkout with its
// own dist/), two fresh production servers on copies of one seeded database, one with
// BENCH_SKIP_MESSAGE_LOG; no subscribers, 50 publishers in flight; builds and variants interleaved.
// Reports publishes/s and the server's CPU per publish (whole process and event-loop thread).
//
//   npx tsx bench/src/log-cost.ts ROUNDS SECONDS LABEL=/path/to/checkout [LABEL=/path ...]
// LOG_COST_RATE=n paces the publishes at n per second instead (at most 50 in flight): the same
// work on every server, for the CPU figure on a machine too busy for the as-fast-as-possible one.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { signRequest } from '../../server/src/realtime/signatures.js';
import { freePort } from '../../tests/e2e/support/platform.js';
import { post, publishAtRate, runMax } from './realtime.js';
import { seed } from './seed.js';
import { must } from './session.js';
import { sleep, summarize } from './stats.js';

const [roundsArg, secondsArg, ...buildArgs] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const SECONDS = Number(secondsArg ?? 5);
const builds = buildArgs.map((a) => {
  const [label, root] = a.split('=') as [string, string];
  return { label, root };
});
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

/** Clock ticks of user + system time: the process (/proc/PID/stat) or one thread (/proc/PID/task/TID/stat). */
function ticks(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function start(root: string, dbTemplate: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'logcost-'));
  const db = join(dir, 'bench.db');
  copyFileSync(dbTemplate, db);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  // LOG_COST_PROF_DIR=dir: each server writes a V8 CPU profile there when it stops.
  const prof = process.env.LOG_COST_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.LOG_COST_PROF_DIR] : [];
  const child = spawn(process.execPath, [...prof, join(root, 'dist/server/index.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: db,
      DEMO_SEED: 'off',
      PUBLIC_URL: 'https://bench.widgetry.test',
      SMTP_URL: 'smtp://127.0.0.1:9',
      OPERATOR_EMAILS: 'ops@bench.widgetry.test',
      INTEGRATIONS_KEY: KEY,
      MIGRATE_ON_START: 'on',
      BENCH_BASELINE_ROUTE: 'on',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out = (out + d).slice(-5000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-5000)));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    try {
      if ((await fetch(`${url}/__bench/bare`)).status === 200) break;
    } catch {}
    if (i > 300) throw new Error(`server did not start: ${out}`);
    await sleep(100);
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    cpu: () => ({ all: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) }),
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
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
    const order = round % 2 ? builds : [...builds].reverse();
    for (const b of order) {
      const logged = await start(b.root, template, {});
      const skipped = await start(b.root, template, { BENCH_SKIP_MESSAGE_LOG: 'on' });
      try {
        const target = async (srv: Awaited<ReturnType<typeof start>>) => {
          const { secret } = await must<{ secret: string }>(session, srv.url, 'POST', `/api/realtime/projects/${projectId}/secret`, undefined, 200);
          const path = `/apps/${appId}/events`;
          return {
            label: 'ours',
            pids: [srv.pid],
            rss: () => 0,
            connectUrl: '',
            pusher: true,
            publish: (body: string) => post(`${srv.url}${path}?${signRequest('POST', path, {}, key, secret, Date.now(), body)}`, body),
          };
        };
        const t = { logged: await target(logged), skipped: await target(skipped) };
        const settings = { subscribers: 0, durationSec: SECONDS, concurrency: 50, fixedRate: 0, drainMs: 0 };
        for (const v of ['logged', 'skipped'] as const) await runMax(t[v], { ...settings, durationSec: 1 });
        for (const v of round % 2 ? (['logged', 'skipped'] as const) : (['skipped', 'logged'] as const)) {
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
            cpuUs: ((after.all - before.all) * 10_000) / published,
            mainUs: ((after.main - before.main) * 10_000) / published,
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
  const fmt = (s: { median: number; min: number; max: number }, d = 0) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
  console.log(`\nload average (1 min) over the run: ${Math.min(...load).toFixed(2)}–${Math.max(...load).toFixed(2)}`);
  for (const b of builds) {
    const of = (v: Row['variant']) => rows.filter((r) => r.build === b.label && r.variant === v);
    const [l, s] = [of('logged'), of('skipped')];
    console.log(
      `${b.label}: logged ${fmt(summarize(l.map((r) => r.perSec)))}/s, skipped ${fmt(summarize(s.map((r) => r.perSec)))}/s, ratio ${fmt(summarize(l.map((r, i) => r.perSec / s[i]!.perSec)), 3)}; ` +
        `CPU µs/publish logged ${fmt(summarize(l.map((r) => r.cpuUs)), 1)} (event loop ${fmt(summarize(l.map((r) => r.mainUs)), 1)}), skipped ${fmt(summarize(s.map((r) => r.cpuUs)), 1)} (event loop ${fmt(summarize(s.map((r) => r.mainUs)), 1)}), log per publish ${fmt(summarize(l.map((r, i) => r.cpuUs - s[i]!.cpuUs)), 1)}`,
    );
  }
  process.exit(0);
}

await main();

// Paired measurement of the resident memory "at rest" (bench/RESULTS.md's RSS targets): for each
// build (a checkout with its own dist/), a fresh production server on a copy of one seeded
// database goes through the kind of load the full run puts on its main server — part 4's
// endpoints (config, events, leads as fast as they go, then leads at 500/s), part 5's 200
// connections past an impression cap, the lead mails drained, part 6's 200 subscribers and
// publishes as fast as they go and at 20,000 deliveries/s — and RSS is read the way the full run
// reads it: just started, and 5 s after the last load (and 15 s after, to see whether it moved).
// Builds alternate which goes first per round.
//
//   npx tsx bench/src/rest-memory.ts ROUNDS SECONDS LABEL=/path/to/checkout[,ENV=VALUE...] [LABEL=...]
// Each ENV=VALUE goes to that build's server; no allocator is preloaded unless given, e.g.
// jemalloc=/path,LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2,MALLOC_CONF=background_thread:true,dirty_decay_ms:1000
// (as deploy/ and bench/src/server.ts start it) beside glibc=/path.
// SECONDS: length of each load window; REST_MEMORY_REPEAT (default 3) rounds of them;
// REST_MEMORY_START_ONLY=1 reads the just-started figure alone (no load). REST_MEMORY_DIAG=1 also prints, at rest, the process's
// memory by kind (/proc/PID/smaps_rollup), its largest mappings (/proc/PID/smaps) and V8's view
// (process.memoryUsage(), read through a preload that answers SIGUSR2; diagnosis only).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { inRoundOrder, parseBuild } from './interleaving.js';
import { closeAll, openMany, rotateSecret, runFixed, runMax, signedPublisher, type Target } from './realtime.js';
import { pendingDeliveries } from './rest.js';
import { seed } from './seed.js';
import { procCpuSeconds, procStatus, rssReadings, startProductionServer } from './server.js';
import { medianAndRange, minToMax, sleep, summarize } from './stats.js';
import { browserHeaders, impressionsBody, leadBody, textPlainHeaders } from './visitor-requests.js';

const [roundsArg, secondsArg, ...buildArgs] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const SECONDS = Number(secondsArg ?? 5);
const DIAG = process.env.REST_MEMORY_DIAG === '1';
/** Rounds of part 4's endpoints and part 6's runs per server (the full run does 3). */
const REPEAT = Number(process.env.REST_MEMORY_REPEAT ?? 3);
const builds = buildArgs.map(parseBuild);
const KEY = randomBytes(32).toString('hex');
const MB = 1024 * 1024;

const PRELOAD = `
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
process.on('SIGUSR2', () => {
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.physical_space_size / 1024)]));
  writeFileSync(process.env.REST_MEMORY_OUT, JSON.stringify({ memoryUsage: process.memoryUsage(), spacesKb: spaces }));
});
`;

/**
 * A fresh production server on a copy of the seeded database, started as the full run starts its
 * main server (server.ts startProductionServer: same environment, allocator and readiness check),
 * with the full run's limits lifted.
 */
async function start(root: string, dbTemplate: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'restmem-'));
  const db = join(dir, 'bench.db');
  copyFileSync(dbTemplate, db);
  const diagOut = join(dir, 'memory.json');
  const preload = join(dir, 'preload.mjs');
  if (DIAG) writeFileSync(preload, PRELOAD);
  const srv = await startProductionServer(
    db,
    {
      INTEGRATIONS_KEY: KEY,
      // As the full run sets them for its main server (bench/src/main.ts).
      LEAD_RATE_PER_IP_PER_MINUTE: '100000000',
      LEAD_RATE_PER_WIDGET_PER_MINUTE: '100000000',
      EVENTS_RATE_PER_IP_PER_MINUTE: '100000000',
      REALTIME_SOCKETS_PER_IP: '100000000',
      REALTIME_CONNECTS_PER_IP_PER_MINUTE: '100000000',
      ...(DIAG ? { NODE_OPTIONS: `--import ${preload}`, REST_MEMORY_OUT: diagOut } : {}),
      ...env,
    },
    root,
  );
  const { url, pid } = srv;
  return {
    url,
    pid,
    db,
    output: srv.output,
    /** V8's view, through the preload (REST_MEMORY_DIAG=1 only). */
    v8View: async () => {
      if (!DIAG) return null;
      process.kill(pid, 'SIGUSR2');
      await sleep(300);
      return existsSync(diagOut) ? JSON.parse(readFileSync(diagOut, 'utf8')) : null;
    },
    stop: srv.stop,
  };
}

type Server = Awaited<ReturnType<typeof start>>;

/** Median of ten readings 100 ms apart, as the full run takes its figures. */
async function rssNow(pid: number): Promise<number> {
  return summarize(await rssReadings(pid)).median;
}

/** kB fields of /proc/PID/smaps_rollup that say what kind of memory the RSS is. */
function rollup(pid: number): Record<string, number> {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const pick = (k: string) => Number(text.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { Rss: pick('Rss'), Anonymous: pick('Anonymous'), fileBacked: pick('Rss') - pick('Anonymous'), Shared_Clean: pick('Shared_Clean'), Private_Dirty: pick('Private_Dirty') };
}

/** Mappings with more than 512 kB resident, largest first: address range, size, RSS, name. */
function bigMappings(pid: number): string[] {
  const lines = readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n');
  const rows: { head: string; size: number; rss: number }[] = [];
  let cur: { head: string; size: number; rss: number } | null = null;
  for (const line of lines) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) {
      cur = { head: line, size: 0, rss: 0 };
      rows.push(cur);
    } else if (cur && line.startsWith('Size:')) cur.size = Number(line.split(/\s+/)[1]);
    else if (cur && line.startsWith('Rss:')) cur.rss = Number(line.split(/\s+/)[1]);
  }
  return rows
    .filter((r) => r.rss > 512)
    .sort((a, b) => b.rss - a.rss)
    .map((r) => {
      const [range, perms, , , , name] = r.head.split(/\s+/);
      return `${range} ${perms} size ${r.size} kB rss ${r.rss} kB ${name ?? '[anon]'}`;
    });
}

/** Thread names of the process: what may own a malloc arena. */
function threads(pid: number): string {
  const names = readdirSync(`/proc/${pid}/task`).map((t) => readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim());
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => `${n}×${c}`).join(' ');
}

async function cannon(
  url: string,
  path: string,
  o: { method?: 'GET' | 'POST'; body?: string; headers: Record<string, string>; seconds?: number; amount?: number; connections?: number; rate?: number },
) {
  const r = await autocannon({
    url: url + path,
    method: o.method ?? 'GET',
    headers: o.headers,
    ...(o.body ? { body: o.body } : {}),
    connections: o.connections ?? 50,
    ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? SECONDS }),
    ...(o.rate ? { overallRate: o.rate } : {}),
    timeout: 30,
  });
  return r.requests.total;
}

async function load(srv: Server, data: Awaited<ReturnType<typeof seed>>) {
  const common = browserHeaders();
  const textPlain = textPlainHeaders();
  const { siteKey, widgetId } = data.load;
  const lead = leadBody(siteKey, widgetId);
  const counts: Record<string, number> = {};
  const add = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);
  // Part 4: each endpoint and a bare route, REPEAT rounds as the full run's (its warm-up aside).
  for (let i = 0; i < REPEAT; i++) {
    add('config', await cannon(srv.url, `/v1/sites/${siteKey}/config`, { headers: common }));
    add('events1', await cannon(srv.url, '/v1/events', { method: 'POST', headers: textPlain, body: impressionsBody(siteKey, widgetId, 1) }));
    add('events50', await cannon(srv.url, '/v1/events', { method: 'POST', headers: textPlain, body: impressionsBody(siteKey, widgetId, 50) }));
    add('bare', await cannon(srv.url, '/__bench/bare', { method: 'POST', headers: textPlain, body: lead }));
    add('leads', await cannon(srv.url, '/v1/leads', { method: 'POST', headers: textPlain, body: lead }));
  }
  add('leads500', await cannon(srv.url, '/v1/leads', { method: 'POST', headers: textPlain, body: lead, rate: 500, connections: 20 }));
  // Part 5: 200 connections past each cap.
  for (const cap of data.caps)
    counts[`cap${cap.cap}`] = await cannon(srv.url, '/v1/events', {
      method: 'POST',
      headers: textPlain,
      body: impressionsBody(cap.siteKey, cap.widgetId, 1),
      amount: Math.ceil(cap.cap * 1.5),
      connections: 200,
    });
  // The full run's part 6 comes minutes later, with the outbox long empty.
  const drain = async () => {
    for (let waited = 0; pendingDeliveries(srv.db) > 0 && waited < 600; waited++) await sleep(1000);
  };
  await drain();
  // The CPU a change costs, on a machine too busy for rates to mean much: the server's CPU time
  // per request at fixed rates, on the database the load above has grown.
  const cpuPer = async (k: string, path: string, body: string | undefined, rate: number) => {
    const before = procCpuSeconds(srv.pid);
    const n = await cannon(srv.url, path, { method: body ? 'POST' : 'GET', headers: body ? textPlain : common, ...(body ? { body } : {}), rate, connections: 10, seconds: 2 * SECONDS });
    counts[`${k}CpuUs`] = Math.round(((procCpuSeconds(srv.pid) - before) / n) * 1e6);
  };
  await cpuPer('config', `/v1/sites/${siteKey}/config`, undefined, 500);
  await cpuPer('events50', '/v1/events', impressionsBody(siteKey, widgetId, 50), 200);
  await cpuPer('lead', '/v1/leads', lead, 200);
  await drain();
  // Part 6: 200 subscribers, publishes as fast as 4 publishers go, then at 20,000 deliveries/s.
  const { key } = data.realtime;
  const secret = await rotateSecret(data.realtime, srv.url);
  const target: Target = {
    label: 'ours',
    pids: [srv.pid],
    rss: () => procStatus(srv.pid, 'VmRSS'),
    connectUrl: `${srv.url.replace(/^http/, 'ws')}/app/${key}?protocol=7`,
    pusher: true,
    publish: signedPublisher(srv.url, data.realtime, secret),
  };
  const clients = await openMany(target, 200, true);
  const settings = { subscribers: 200, durationSec: SECONDS, concurrency: 4, fixedRate: 20_000 };
  for (let i = 0; i < REPEAT; i++) {
    add('publishedMax', Math.round((await runMax(target, settings)).publishesPerSec * SECONDS));
    add('publishedFixed', Math.round((await runFixed(target, settings)).publishesPerSec * SECONDS));
  }
  await closeAll(clients);
  return counts;
}

async function diagnose(srv: Server, when: string) {
  console.log(
    `  ${when}: the server's memory log lines:\n${srv
      .output()
      .split('\n')
      .filter((l) => l.includes('"msg":"memory.'))
      .join('\n')}`,
  );
  console.log(`  ${when}: smaps_rollup kB`, JSON.stringify(rollup(srv.pid)));
  console.log('  threads', threads(srv.pid));
  console.log('  V8', JSON.stringify(await srv.v8View()));
  for (const m of bigMappings(srv.pid).slice(0, 30)) console.log(`   ${m}`);
}

type Row = { build: string; round: number; started: number; after5: number; after15: number; peak: number; cpuShare: number; pending: number; counts: Record<string, number> };

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'restmem-seed-'));
  const template = join(dir, 'seed.db');
  console.log('seeding…');
  const data = await seed(template, [5_000, 10_000, 20_000]);
  const rows: Row[] = [];
  const loads: number[] = [loadavg()[0]!];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const b of inRoundOrder(builds, round)) {
      const srv = await start(b.root, template, b.env);
      try {
        await sleep(1000);
        const started = await rssNow(srv.pid);
        if (DIAG) await diagnose(srv, 'just started');
        if (process.env.REST_MEMORY_START_ONLY === '1') {
          console.log(`${b.label} round ${round}: just started ${(started / MB).toFixed(1)} MB`);
          rows.push({ build: b.label, round, started, after5: Number.NaN, after15: Number.NaN, peak: Number.NaN, cpuShare: Number.NaN, pending: Number.NaN, counts: {} });
          continue;
        }
        const cpu0 = procCpuSeconds(srv.pid);
        const counts = await load(srv, data);
        const cpuLoad = procCpuSeconds(srv.pid) - cpu0;
        const cpuBefore = procCpuSeconds(srv.pid);
        await sleep(5000);
        const cpuShare = (procCpuSeconds(srv.pid) - cpuBefore) / 5;
        const pending = pendingDeliveries(srv.db);
        const after5 = await rssNow(srv.pid);
        await sleep(9000);
        const after15 = await rssNow(srv.pid);
        // The highest RSS the process ever had (the kernel's high-water mark).
        const peak = procStatus(srv.pid, 'VmHWM');
        const row: Row = { build: b.label, round, started, after5, after15, peak, cpuShare, pending, counts };
        rows.push(row);
        loads.push(loadavg()[0]!);
        console.log(
          `${b.label} round ${round}: just started ${(started / MB).toFixed(1)} MB, 5 s after the load ${(after5 / MB).toFixed(1)} MB (${(cpuShare * 100).toFixed(0)} % of a core, ${pending} pending), 15 s after ${(after15 / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB; load CPU ${cpuLoad.toFixed(1)} s; ${JSON.stringify(counts)}; load average ${loadavg()[0]!.toFixed(1)}`,
        );
        if (DIAG) {
          await diagnose(srv, 'at rest after the load');
          // How much of the native heap is free memory glibc keeps: its arena statistics, then
          // the RSS once malloc_trim(0) has given back every free page (gdb, diagnosis only).
          const gdb = spawnSync('gdb', ['-p', String(srv.pid), '-batch', '-ex', 'call (void)malloc_stats()', '-ex', 'call (int)malloc_trim(0)'], { encoding: 'utf8' });
          if (gdb.status !== 0) console.log(`  gdb failed: ${gdb.stderr.slice(-500)}`);
          await sleep(500);
          console.log(
            `  glibc's arenas:\n${srv
              .output()
              .split('\n')
              .filter((l) => /Arena|system bytes|in use bytes|Total/.test(l))
              .join('\n')}`,
          );
          console.log(`  after malloc_trim(0): ${(await rssNow(srv.pid)) / MB} MB`, JSON.stringify(rollup(srv.pid)));
        }
      } catch (err) {
        console.log(srv.output().slice(-3000));
        throw err;
      } finally {
        await srv.stop();
      }
    }
  }
  console.log(`\nload average over the runs: ${minToMax(loads)}`);
  for (const b of builds) {
    const mine = rows.filter((r) => r.build === b.label);
    const f = (k: 'started' | 'after5' | 'after15' | 'peak') => medianAndRange(summarize(mine.map((r) => r[k] / MB)), 1);
    const us = (k: string) => {
      const s = summarize(mine.map((r) => r.counts[k] ?? NaN));
      return `${s.median.toFixed(0)} µs (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
    };
    console.log(
      `${b.label}: just started ${f('started')} MB; 5 s after ${f('after5')} MB; 15 s after ${f('after15')} MB; peak ${f('peak')} MB; server CPU per request at fixed rates: config ${us('configCpuUs')}, events×50 ${us('events50CpuUs')}, lead ${us('leadCpuUs')}`,
    );
  }
  process.exit(0);
}

await main();

// The benchmark suite (npm run bench, via bench/run.mjs): embed weight beside npm peers, page
// impact in Chromium, server throughput beside a bare Hono route, the impression cap under load,
// realtime fan-out beside a bare `ws` server, the hot paths on SQLite beside PostgreSQL, one
// account's size, and realtime on two nodes sharing a Redis beside one node. Prints the tables and writes bench/RESULTS.md.
// Parts can be picked with arguments (`npm run bench -- realtime`) or BENCH_PARTS.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { hammerCap, type CapRun } from './cap.js';
import { measureCluster, renderCluster, writeClusterSection } from './cluster.js';
import { measureEngines, renderEngines, writeEnginesSection, type EnginesResults } from './engines.js';
import { machineBusy, quietGate, waitForQuiet } from './machine.js';
import { measurePageImpact, type PageImpactResults, type PageVariant } from './page-impact.js';
import { measureRealtime, type RealtimeResults } from './realtime.js';
import { measureScale, renderScale, writeScaleSection } from './scale.js';
import { PAGE_PART, renderReport, type Report } from './report.js';
import { writeSection } from './sections.js';
import { HOST_DOMAIN, seed } from './seed.js';
import { PUBLIC_URL, procCpuSeconds, productionAllocatorEnv, rssReadings, startProductionServer } from './server.js';
import { pendingDeliveries } from './rest.js';
import { must } from './session.js';
import { sleep, summarize } from './stats.js';
import { measureThroughput, type LoadScenario, type ScenarioResult } from './throughput.js';
import { browserHeaders, impressionsBody, leadBody, textPlainHeaders } from './visitor-requests.js';
import { measureWeight, type WeightResults } from './weight.js';

const ROOT = resolve(import.meta.dirname, '../..');
const QUICK = process.env.BENCH_QUICK === '1';
const ALL_PARTS = ['weight', 'page', 'server', 'cap', 'realtime', 'engines', 'scale', 'cluster'];
/** Parts with servers, data and a section of bench/RESULTS.md of their own: they run first, apart from the rest. */
const OWN_SECTION_PARTS = ['engines', 'scale', 'cluster'];
const PARTS = new Set(
  (process.argv.slice(2).join(',') || process.env.BENCH_PARTS || ALL_PARTS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
for (const p of PARTS) if (!ALL_PARTS.includes(p)) throw new Error(`unknown bench part "${p}"; parts: ${ALL_PARTS.join(', ')}`);

const SETTINGS = QUICK
  ? { loads: 4, rounds: 1, durationSec: 2, warmupSec: 1, connections: 50, leadRate: 500, leadDurationSec: 2 }
  : { loads: 20, rounds: 3, durationSec: 5, warmupSec: 1, connections: 50, leadRate: 500, leadDurationSec: 5 };
/** Caps of the correctness runs and the impressions each request carries (caps not divisible by them: the last batch is cut). */
const CAP_RUNS = [
  { cap: 5_000, perRequest: 1 },
  { cap: 10_000, perRequest: 3 },
  { cap: 20_000, perRequest: 7 },
];
const CAP_CONNECTIONS = 200;
/** Part 6: 20,000 deliveries/s is the rate of the latency target. */
const REALTIME = QUICK
  ? { subscribers: 100, rounds: 1, durationSec: 3, concurrency: 4, fixedRate: 20_000, idleConnections: 500 }
  : { subscribers: 200, rounds: 3, durationSec: 5, concurrency: 4, fixedRate: 20_000, idleConnections: 5_000 };
/** Before each timed part, wait this long at most for other work on the machine to finish. */
const QUIET_WAIT_MS = QUICK ? 2_000 : 30_000;
/** And before each timed run or round of page loads, at most this, within an overall budget per part. */
const QUIET_PER_RUN_MS = QUICK ? 0 : 8_000;
const QUIET_BUDGET_MS = QUICK ? 0 : 120_000;

const log = (s: string) => console.log(s);

function gitDescription(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

async function main() {
  const started = Date.now();
  // Other work on the machine (a test run, a build) depresses every figure: recorded in the report.
  const loadAtStart = loadavg();
  const busyAtStart = await machineBusy(2000);
  const quiet: Record<string, { waitedMs: number; busy: number }> = {};
  // Part 7 brings servers and data of its own (one per engine) and keeps its own section of
  // bench/RESULTS.md, so it also runs alone (`npm run bench -- engines`): first, apart from the rest.
  let engines: EnginesResults | null = null;
  if (PARTS.has('engines')) {
    log(`bench: part 7, the hot paths on SQLite beside PostgreSQL (${SETTINGS.rounds} rounds × ${SETTINGS.durationSec} s per endpoint and engine)…`);
    quiet.engines = await waitForQuiet(QUIET_WAIT_MS);
    engines = await measureEngines({ ...SETTINGS, beforeRun: quietGate(QUIET_PER_RUN_MS, QUIET_BUDGET_MS) }, log);
    const rendered = renderEngines(engines);
    console.log(`\n${rendered.console}\n`);
    if (!QUICK) writeEnginesSection(join(ROOT, 'bench/RESULTS.md'), rendered.markdown);
    if (PARTS.size === 1) return;
  }
  // Part 8, like part 7: servers and data of its own, its own section of bench/RESULTS.md.
  let scaleMarkdown: string | null = null;
  if (PARTS.has('scale')) {
    log(`bench: part 8, one account with 1 / 1,000 / 10,000 sites (${SETTINGS.rounds} rounds × ${SETTINGS.durationSec} s per figure and size)…`);
    quiet.scale = await waitForQuiet(QUIET_WAIT_MS);
    const scale = await measureScale({ rounds: SETTINGS.rounds, durationSec: SETTINGS.durationSec, connections: SETTINGS.connections, leadRate: SETTINGS.leadRate }, log);
    const rendered = renderScale(scale);
    scaleMarkdown = rendered.markdown;
    console.log(`\n${rendered.console}\n`);
    if (!QUICK) writeScaleSection(join(ROOT, 'bench/RESULTS.md'), rendered.markdown);
  }
  // Part 9, like part 7: realtime on two nodes sharing a Redis beside one node, servers of its own.
  let clusterMarkdown: string | null = null;
  if (PARTS.has('cluster')) {
    log(`bench: part 9, realtime with subscribers on 2 nodes and Redis beside 1 node (${REALTIME.rounds} rounds × ${REALTIME.durationSec} s per variant)…`);
    quiet.cluster = await waitForQuiet(QUIET_WAIT_MS);
    const cluster = await measureCluster(
      {
        subscribers: REALTIME.subscribers,
        rounds: REALTIME.rounds,
        durationSec: REALTIME.durationSec,
        concurrency: REALTIME.concurrency,
        fixedRate: REALTIME.fixedRate,
        beforeRun: quietGate(QUIET_PER_RUN_MS, QUIET_BUDGET_MS),
      },
      log,
    );
    const rendered = renderCluster(cluster);
    clusterMarkdown = rendered.markdown;
    console.log(`\n${rendered.console}\n`);
    if (!QUICK) writeClusterSection(join(ROOT, 'bench/RESULTS.md'), rendered.markdown);
  }
  if ([...PARTS].every((p) => OWN_SECTION_PARTS.includes(p))) return;
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-bench-'));
  const dbPath = join(dir, 'bench.db');
  try {
    log(`bench: ${QUICK ? 'QUICK pass' : 'full run'}; database ${dbPath}`);
    log('bench: setting up accounts, sites and widgets through a development instance…');
    const data = await seed(
      dbPath,
      CAP_RUNS.map((r) => r.cap),
    );

    log('bench: starting the production server…');
    // One sealing key for every server on this database: part 6 starts more (fresh processes).
    const serverEnv = {
      LEAD_RATE_PER_IP_PER_MINUTE: '100000000',
      LEAD_RATE_PER_WIDGET_PER_MINUTE: '100000000',
      EVENTS_RATE_PER_IP_PER_MINUTE: '100000000',
      // Part 6 opens thousands of sockets from one loopback address.
      REALTIME_SOCKETS_PER_IP: '100000000',
      REALTIME_CONNECTS_PER_IP_PER_MINUTE: '100000000',
      INTEGRATIONS_KEY: randomBytes(32).toString('hex'),
    };
    const server = await startProductionServer(dbPath, serverEnv);
    let weight: WeightResults | null = null;
    let page: PageImpactResults | null = null;
    let throughput: ScenarioResult[] | null = null;
    let leadAtRate: ScenarioResult | null = null;
    const caps: CapRun[] = [];
    let realtime: RealtimeResults | null = null;
    let rssAtStart: number[] = [];
    let rssAfter: number[] = [];
    let rest: Report['rest'] = null;
    let compression: { loader: string | null; config: string | null } = { loader: null, config: null };
    try {
      // At rest: started, migrated, nothing served yet but the readiness probe.
      await sleep(1000);
      rssAtStart = await rssReadings(server.pid);

      const probe = async (path: string, headers: Record<string, string> = {}) =>
        (await fetch(server.url + path, { headers: { 'accept-encoding': 'gzip, deflate, br', ...headers } })).headers.get('content-encoding');
      compression = {
        loader: await probe('/loader.js'),
        config: await probe(`/v1/sites/${data.embed.quiet.siteKey}/config`, { origin: `http://${HOST_DOMAIN}` }),
      };

      if (PARTS.has('weight')) {
        log('bench: part 2, embed weight…');
        weight = await measureWeight(server.url, data);
      }

      if (PARTS.has('page')) {
        log(`bench: part 3, page impact in Chromium (${SETTINGS.loads} cold loads of each page)…`);
        // The dashboard's snippet names the server's public address (PUBLIC_URL, which production
        // requires to be https and which does not resolve here): the pages load it from the server under test.
        const snippetOf = async (siteId: string) =>
          (await must<{ snippet: string }>(data.embed.session, server.url, 'GET', `/api/sites/${siteId}`, undefined, 200)).snippet.replaceAll(PUBLIC_URL, server.url);
        // The form: the widget the page-impact goal (issue 14, part 4) is set for.
        const shown = data.embed.types.form;
        if ('na' in shown) throw new Error(`no form widget to measure: ${shown.na}`);
        const variants: PageVariant[] = [
          { id: 'plain', label: 'page without the snippet', snippet: '', expectWidget: false },
          { id: 'quiet', label: 'snippet, no eligible widget', snippet: await snippetOf(data.embed.quiet.siteId), expectWidget: false },
          { id: 'form', label: 'snippet, one form widget', snippet: await snippetOf(shown.siteId), expectWidget: true },
          // The same form on a site that also has a widget of another type: the split runtime.
          { id: 'mixed', label: 'snippet, the form on a site of two types', snippet: await snippetOf(data.embed.mixed.siteId), expectWidget: true },
        ];
        quiet.page = await waitForQuiet(QUIET_WAIT_MS);
        page = await measurePageImpact(server.url, variants, SETTINGS.loads, log, quietGate(QUIET_PER_RUN_MS, QUIET_BUDGET_MS / 2));
      }

      if (PARTS.has('server')) {
        log(`bench: part 4, throughput (${SETTINGS.rounds} rounds × ${SETTINGS.durationSec} s per endpoint, ${SETTINGS.connections} connections)…`);
        const { siteKey, widgetId } = data.load;
        const common = browserHeaders();
        const textPlain = textPlainHeaders();
        const configPath = `/v1/sites/${siteKey}/config`;
        const etag = (await fetch(server.url + configPath, { headers: common })).headers.get('etag');
        if (!etag) throw new Error('the config response has no ETag');
        const events = (n: number) => impressionsBody(siteKey, widgetId, n);
        const lead = leadBody(siteKey, widgetId);
        const scenarios: LoadScenario[] = [
          { id: 'bare-get', label: 'GET bare Hono route', method: 'GET', path: '/__bench/bare', headers: common, expect: 200 },
          { id: 'config-200', label: 'GET config (200)', method: 'GET', path: configPath, headers: common, expect: 200, baseline: 'bare-get' },
          { id: 'config-304', label: 'GET config (304, If-None-Match)', method: 'GET', path: configPath, headers: { ...common, 'if-none-match': etag }, expect: 304, baseline: 'bare-get' },
          { id: 'bare-post-1', label: 'POST bare route, 1-event body', method: 'POST', path: '/__bench/bare', headers: textPlain, body: events(1), expect: 202 },
          { id: 'events-1', label: 'POST /v1/events, 1 event', method: 'POST', path: '/v1/events', headers: textPlain, body: events(1), expect: 202, baseline: 'bare-post-1', eventsPerRequest: 1 },
          { id: 'bare-post-50', label: 'POST bare route, 50-event body', method: 'POST', path: '/__bench/bare', headers: textPlain, body: events(50), expect: 202 },
          {
            id: 'events-50',
            label: 'POST /v1/events, batch of 50',
            method: 'POST',
            path: '/v1/events',
            headers: textPlain,
            body: events(50),
            expect: 202,
            baseline: 'bare-post-50',
            eventsPerRequest: 50,
          },
          { id: 'bare-post-lead', label: 'POST bare route, lead body', method: 'POST', path: '/__bench/bare', headers: textPlain, body: lead, expect: 202 },
          { id: 'leads', label: 'POST /v1/leads', method: 'POST', path: '/v1/leads', headers: textPlain, body: lead, expect: 201, baseline: 'bare-post-lead' },
        ];
        quiet.server = await waitForQuiet(QUIET_WAIT_MS);
        const beforeRun = quietGate(QUIET_PER_RUN_MS, QUIET_BUDGET_MS);
        throughput = await measureThroughput(server, scenarios, { ...SETTINGS, beforeRun }, log);
        log(`bench: lead submissions at a fixed ${SETTINGS.leadRate} requests/s…`);
        const fixedRate = await measureThroughput(
          server,
          [
            {
              id: 'leads-fixed',
              label: `POST /v1/leads at ${SETTINGS.leadRate} req/s`,
              method: 'POST',
              path: '/v1/leads',
              headers: textPlain,
              body: lead,
              expect: 201,
              overallRate: SETTINGS.leadRate,
              connections: 20,
            },
          ],
          { ...SETTINGS, durationSec: SETTINGS.leadDurationSec, warmupSec: 0, beforeRun },
          log,
        );
        leadAtRate = fixedRate[0] ?? null;
      }

      if (PARTS.has('cap')) {
        log(`bench: part 5, ${CAP_CONNECTIONS} connections past the impression cap…`);
        const headers = textPlainHeaders();
        quiet.cap = await waitForQuiet(QUIET_WAIT_MS);
        for (const [i, run] of CAP_RUNS.entries()) caps.push(await hammerCap(server, dbPath, data.caps[i]!, headers, run.perRequest, CAP_CONNECTIONS));
      }

      if (PARTS.has('realtime')) {
        log(`bench: part 6, realtime fan-out beside a bare ws server (${REALTIME.subscribers} subscribers, ${REALTIME.rounds} rounds × ${REALTIME.durationSec} s) and idle connections…`);
        quiet.realtime = await waitForQuiet(QUIET_WAIT_MS);
        realtime = await measureRealtime(server, data.realtime, { ...REALTIME, beforeRun: quietGate(QUIET_PER_RUN_MS, QUIET_BUDGET_MS) }, log, (env) =>
          startProductionServer(dbPath, { ...serverEnv, ...env }),
        );
      }

      // At rest again: idle after everything above. Whether the server really was at rest is
      // recorded beside the figure: its CPU use over these 5 s, and the lead mails the load queued
      // that it was still sending (the outbox drains in the background, after the requests).
      const cpuBefore = procCpuSeconds(server.pid);
      await sleep(5000);
      rest = { cpuShare: (procCpuSeconds(server.pid) - cpuBefore) / 5, pendingDeliveries: pendingDeliveries(dbPath) };
      rssAfter = await rssReadings(server.pid);
    } finally {
      await server.stop();
    }

    const report: Report = {
      generatedAt: new Date(),
      quick: QUICK,
      parts: [...PARTS],
      machine: {
        cores: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? '?',
        memoryBytes: totalmem(),
        os: `${platform()} ${release()}`,
        node: process.version,
        allocator: productionAllocatorEnv().LD_PRELOAD ? `jemalloc (${productionAllocatorEnv().MALLOC_CONF})` : 'glibc malloc',
        commit: gitDescription(),
        loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
        busyBeforeRun: busyAtStart,
        quiet,
      },
      settings: { ...SETTINGS, capConnections: CAP_CONNECTIONS },
      realtime,
      weight,
      page,
      server: throughput && leadAtRate && { scenarios: throughput, leadAtRate },
      caps,
      compression,
      rssAtStart: summarize(rssAtStart),
      rssAfter: summarize(rssAfter),
      rest,
      seconds: (Date.now() - started) / 1000,
    };
    const { console: text, markdown, parts } = renderReport(report);
    console.log(`\n${text}`);
    const out = join(ROOT, 'bench/RESULTS.md');
    if (QUICK || PARTS.size < ALL_PARTS.length) {
      const partial = join(dir, '..', `widgetry-bench-RESULTS-${Date.now()}.md`);
      writeFileSync(partial, markdown);
      log(`bench: a quick or partial run does not replace bench/RESULTS.md; written to ${partial}`);
      // Part 3 run alone (full settings) replaces its own section there, as parts 7 and 8 do.
      if (!QUICK && page && parts[PAGE_PART]) {
        writeSection(out, PAGE_PART, parts[PAGE_PART]);
        log(`bench: replaced part 3's section of ${out}`);
      }
    } else {
      writeFileSync(out, markdown);
      if (engines) writeEnginesSection(out, renderEngines(engines).markdown);
      if (scaleMarkdown) writeScaleSection(out, scaleMarkdown);
      if (clusterMarkdown) writeClusterSection(out, clusterMarkdown);
      log(`bench: wrote ${out} (${Math.round(report.seconds)} s in all)`);
    }
    // Timings are recorded, never asserted; a cap that does not hold is a bug, not a slow machine.
    if (caps.some((c) => !c.exact)) {
      console.error('bench: the impression cap did NOT hold under load (part 5)');
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

// Part 7, the storage engines side by side: the hot paths (config GET, an events batch, a lead
// POST, a realtime publish) on the embedded SQLite file and on PostgreSQL, in one run. Each engine
// gets its own production server and its own data, set up alike through the dashboard API; runs
// alternate between the engines (and which goes first) so both see the same machine state.
// Writes its own section of bench/RESULTS.md (between markers, bench/src/sections.ts), whichever way it runs.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl } from '../../server/src/testing/test-store.js';
import { postgresAnswers, TEST_DATABASE_URL } from '../../tests/setup/services.js';
import { inRoundOrder } from './interleaving.js';
import { rotateSecret, signedEventsPath } from './realtime.js';
import { paddedTable, writeSection } from './sections.js';
import { installFormOnStart, OPERATOR, onDevelopmentInstance } from './seed.js';
import { startProductionServer, type ServerUnderTest } from './server.js';
import { must, signIn } from './session.js';
import { num, ratio, sum, summarize, type Summary } from './stats.js';
import { measureThroughput, type LoadScenario, type RunSample } from './throughput.js';
import { browserHeaders, impressionsBody, leadBody, textPlainHeaders } from './visitor-requests.js';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

/** One key for the seeding instance and the server under test: secrets sealed by one open on the other. */
export const SEALING_KEY = randomBytes(32).toString('hex');
const UNLIMITED = { LEAD_RATE_PER_IP_PER_MINUTE: '100000000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '100000000', EVENTS_RATE_PER_IP_PER_MINUTE: '100000000' };

export interface EngineSettings {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  /** Awaited before every timed run (see machine.ts quietGate). */
  beforeRun?: () => Promise<void>;
}

export interface EngineScenarioResult {
  id: string;
  label: string;
  runs: Record<Engine, RunSample[]>;
  rps: Record<Engine, Summary>;
  p50: Record<Engine, Summary>;
  p99: Record<Engine, Summary>;
  /** PostgreSQL's requests/s over SQLite's, per round (both measured back to back). */
  ratio: Summary;
}

export type EnginesResults =
  | { skipped: string }
  | {
      settings: Omit<EngineSettings, 'beforeRun'>;
      postgres: { server: string; version: string; poolSize: number };
      /** Resident memory of each server, started and idle, before any load. */
      rssAtRest: Record<Engine, number>;
      scenarios: EngineScenarioResult[];
      loadAverage: { atStart: number[]; atEnd: number[] };
      /** Share of the machine's CPU used by others during the runs (median over runs). */
      foreignLoad: Summary;
      generatedAt: Date;
    };

export interface Installed {
  siteKey: string;
  widgetId: string;
  appId: string;
  key: string;
  projectId: string;
  session: Awaited<ReturnType<typeof signIn>>;
}

/** A licensee on Start (no impression cap) with a form on the load origin, and a paid realtime project. */
export function install(env: Record<string, string>): Promise<Installed> {
  return onDevelopmentInstance({ ...env, INTEGRATIONS_KEY: SEALING_KEY }, async (base) => {
    const ops = await signIn(base, OPERATOR);
    const session = await signIn(base, 'engines@bench.widgetry.test');
    const form = await installFormOnStart(base, ops, session, 'Bench engines');
    // Pro (25 M messages a day), paid by the operator's confirmation: no limit is reached.
    const created = await must<{ project: { id: string; connection: { appId: string; key: string } } }>(session, base, 'POST', '/api/realtime/projects', { name: 'Bench', tariffId: 'rt_pro' }, 201);
    const payment = await must<{ id: string }>(session, base, 'POST', `/api/realtime/projects/${created.project.id}/checkout`, { tariffId: 'rt_pro', months: 1 }, 201);
    await must(ops, base, 'POST', `/api/admin/billing/payments/${payment.id}/mark-paid`, {}, 200);
    return { siteKey: form.siteKey, widgetId: form.widgetId, appId: created.project.connection.appId, key: created.project.connection.key, projectId: created.project.id, session };
  });
}

async function scenariosFor(server: ServerUnderTest, data: Installed): Promise<LoadScenario[]> {
  const common = browserHeaders();
  const textPlain = textPlainHeaders();
  const events = impressionsBody(data.siteKey, data.widgetId, 50);
  const lead = leadBody(data.siteKey, data.widgetId);
  // A paid project's first secret comes from a rotation on the server that will check it.
  const secret = await rotateSecret(data, server.url);
  const message = JSON.stringify({ name: 'tick', channel: 'bench', data: '{"n":1}' });
  return [
    { id: 'config', label: 'GET config (200)', method: 'GET', path: `/v1/sites/${data.siteKey}/config`, headers: common, expect: 200 },
    { id: 'events-50', label: 'POST /v1/events, batch of 50', method: 'POST', path: '/v1/events', headers: textPlain, body: events, expect: 202 },
    { id: 'lead', label: 'POST /v1/leads', method: 'POST', path: '/v1/leads', headers: textPlain, body: lead, expect: 201 },
    // Signed once per run: a signature is valid for ±600 s and Pusher's API has no nonce.
    {
      id: 'publish',
      label: 'POST /apps/{id}/events (realtime publish)',
      method: 'POST',
      get path() {
        return signedEventsPath(data, secret, message);
      },
      headers: { 'content-type': 'application/json' },
      body: message,
      expect: 200,
    },
  ];
}

export async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void>; version: string }> {
  const name = `widgetry_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    return {
      url: databaseUrl(serverUrl, name),
      version: rows[0]?.server_version ?? '?',
      drop: async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
      },
    };
  } finally {
    await admin.end();
  }
}

export async function measureEngines(s: EngineSettings, log: (line: string) => void): Promise<EnginesResults> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? TEST_DATABASE_URL;
  if (!(await postgresAnswers(serverUrl))) return { skipped: `PostgreSQL does not answer at ${serverUrl} (BENCH_DATABASE_URL)` };
  const loadAtStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-bench-engines-'));
  const database = await createDatabase(serverUrl);
  const poolSize = 10;
  const env: Record<Engine, Record<string, string>> = {
    sqlite: { DATABASE_PATH: join(dir, 'bench.db') },
    postgres: { DATABASE_URL: database.url, DATABASE_POOL_SIZE: String(poolSize), DATABASE_PATH: join(dir, 'unused.db') },
  };
  const servers: Partial<Record<Engine, ServerUnderTest>> = {};
  try {
    log('  engines: the same licensee on each engine, through the dashboard API…');
    const data = { sqlite: await install(env.sqlite), postgres: await install(env.postgres) };
    for (const engine of ENGINES) servers[engine] = await startProductionServer(env[engine].DATABASE_PATH!, { ...env[engine], ...UNLIMITED, INTEGRATIONS_KEY: SEALING_KEY });
    await new Promise((r) => setTimeout(r, 1000));
    const rssAtRest = { sqlite: servers.sqlite!.rss(), postgres: servers.postgres!.rss() };
    const scenarios = { sqlite: await scenariosFor(servers.sqlite!, data.sqlite), postgres: await scenariosFor(servers.postgres!, data.postgres) };
    const runs = new Map<string, Record<Engine, RunSample[]>>(scenarios.sqlite.map((sc) => [sc.id, { sqlite: [], postgres: [] }]));
    const once = async (engine: Engine, i: number, durationSec: number) => {
      const [result] = await measureThroughput(
        servers[engine]!,
        [scenarios[engine][i]!],
        { rounds: 1, durationSec, warmupSec: 0, connections: s.connections, ...(s.beforeRun ? { beforeRun: s.beforeRun } : {}) },
        () => {},
      );
      return result!.runs[0]!;
    };
    // Warm-up: JIT, connection pools, page caches. A warm-up too short to see an answer on a busy
    // machine is no failure; the timed runs below still insist on every answer being right.
    if (s.warmupSec > 0) for (const engine of ENGINES) for (let i = 0; i < scenarios[engine].length; i++) await once(engine, i, s.warmupSec).catch(() => undefined);
    for (let round = 1; round <= s.rounds; round++) {
      // Odd rounds SQLite first, even rounds PostgreSQL first: neither always runs on a warmer machine.
      const order = inRoundOrder(ENGINES, round);
      for (let i = 0; i < scenarios.sqlite.length; i++) {
        for (const engine of order) runs.get(scenarios.sqlite[i]!.id)![engine].push(await once(engine, i, s.durationSec));
      }
      log(`  engines: round ${round}/${s.rounds} done`);
    }
    const results = scenarios.sqlite.map((sc): EngineScenarioResult => {
      const r = runs.get(sc.id)!;
      const by = (f: (x: RunSample) => number) => ({ sqlite: summarize(r.sqlite.map(f)), postgres: summarize(r.postgres.map(f)) });
      return { id: sc.id, label: sc.label, runs: r, rps: by((x) => x.rps), p50: by((x) => x.p50), p99: by((x) => x.p99), ratio: summarize(r.postgres.map((x, k) => x.rps / r.sqlite[k]!.rps)) };
    });
    const foreign = results.flatMap((x) => [...x.runs.sqlite, ...x.runs.postgres].map((run) => run.foreignLoad)).filter((v) => Number.isFinite(v));
    return {
      settings: { rounds: s.rounds, durationSec: s.durationSec, warmupSec: s.warmupSec, connections: s.connections },
      postgres: { server: new URL(serverUrl).host, version: database.version, poolSize },
      rssAtRest,
      scenarios: results,
      loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
      foreignLoad: summarize(foreign),
      generatedAt: new Date(),
    };
  } finally {
    for (const server of Object.values(servers)) await server.stop();
    await database.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderEngines(r: EnginesResults): { console: string; markdown: string } {
  if ('skipped' in r) {
    const line = `Part 7 (SQLite beside PostgreSQL) was skipped: ${r.skipped}.`;
    return { console: line, markdown: `## 7. SQLite beside PostgreSQL\n\n${line}\n` };
  }
  const rows = r.scenarios.map((x) => [
    x.label,
    sum(x.rps.sqlite),
    sum(x.rps.postgres),
    sum(x.ratio, 2),
    `${num(x.p50.sqlite.median, 1)} / ${num(x.p99.sqlite.median, 1)}`,
    `${num(x.p50.postgres.median, 1)} / ${num(x.p99.postgres.median, 1)}`,
  ]);
  const table = paddedTable(['endpoint', 'SQLite req/s', 'PostgreSQL req/s', 'PostgreSQL ÷ SQLite', 'SQLite p50 / p99 ms', 'PostgreSQL p50 / p99 ms'], rows);
  const markdown = `## 7. SQLite beside PostgreSQL

Measured ${r.generatedAt.toISOString()}: the same licensee (Start tariff, one form widget, a paid Pro realtime project) set
up through the dashboard API on each engine, one production server per engine
(PostgreSQL ${r.postgres.version} on ${r.postgres.server}, the same machine; pool of ${r.postgres.poolSize} connections),
autocannon with ${r.settings.connections} connections, ${r.settings.rounds} rounds × ${r.settings.durationSec} s per endpoint and engine
after ${r.settings.warmupSec} s of warm-up each; the engines alternate run by run and which goes first alternates by round.
Figures are median (min–max) of the rounds; the ratio is taken per round, between two runs back to back.
Machine load: load average ${r.loadAverage.atStart.map((v) => num(v, 2)).join(' / ')} at the start and
${r.loadAverage.atEnd.map((v) => num(v, 2)).join(' / ')} at the end (1 / 5 / 15 min); other processes used ${sum(r.foreignLoad, 2)} of the machine's CPU
during the runs (share of all cores; the bench and the server excluded — PostgreSQL's own backends count as foreign here).
Resident memory at rest, started and idle: SQLite server ${num(r.rssAtRest.sqlite / 1048576, 1)} MB, PostgreSQL server ${num(r.rssAtRest.postgres / 1048576, 1)} MB (the Node process only).

${table}

What the gaps are made of (every request of a scenario hits the same account, widget and project,
so the writes queue on the same rows: this is the hottest case, not the average one):

- **Config GET** reads the database at most once per site per second (the config cache); the rest is
  the same JavaScript on both engines, so the engine hardly matters and the ratio's spread is the machine's.
- **Events batch**: one transaction — begin, the account's impressions lock, the period counter, one
  daily-counter upsert per widget, commit. On SQLite these are function calls inside the process
  and the commit does not wait for the disk (WAL, synchronous=NORMAL). On PostgreSQL each is a
  round trip over loopback to a server process, and the next batch of the same account waits
  until the commit frees the lock and the counter rows: the queue, not the work, is the latency.
  The transaction asks for relaxed durability (the Store's \`durability: 'relaxed'\`, PostgreSQL's
  synchronous_commit off for it alone): without it the commit also waited for the WAL to reach the
  disk while holding the rows, and a quick pass measured several times fewer batches per second.
- **Lead POST**: the lead, its outbox rows and the widget's daily counter in one transaction whose
  commit does wait for the disk (a person's data is never relaxed): the same round trips plus a
  flush, while the next lead of the same widget waits for the counter row. Leads submitted in the
  same turn of the event loop share that transaction and its flush (group commit,
  server/src/platform/db/group-commit.ts), so a burst into one form costs one flush, not one each.
- **Realtime publish**: one conditional UPDATE of the project's day counter (exact limit across
  nodes) and one log insert, each its own statement; on PostgreSQL each commit waits for the disk,
  and every publish of the project queues on the day's row meanwhile.
- **Reading the figures**: the machine's load is stated above — other processes took most of its
  CPU, so the absolute figures are far below a quiet machine's and the spreads are wide; the
  ratios, from runs back to back, are what to compare. SQLite's figures are one process's ceiling
  (one writer; a second process adds nothing), PostgreSQL's are one node's, and several nodes add up
  (tests/cluster/ runs three on one database) on a database server that in production has cores of
  its own instead of sharing two with the bench and the Node server.
`;
  const consoleText = `Part 7, SQLite beside PostgreSQL (req/s, median of ${r.settings.rounds}):\n${r.scenarios
    .map(
      (x) => `  ${x.label.padEnd(44)} SQLite ${num(x.rps.sqlite.median).padStart(8)}  PostgreSQL ${num(x.rps.postgres.median).padStart(8)}  ratio ${ratio(x.rps.postgres.median, x.rps.sqlite.median)}`,
    )
    .join('\n')}`;
  return { console: consoleText, markdown };
}

export const writeEnginesSection = (file: string, markdown: string) => writeSection(file, 'part 7 (engines)', markdown);

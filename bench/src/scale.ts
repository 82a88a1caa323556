// Part 8, account size: one account holding 1 / 1,000 / 10,000 sites (one active form widget
// each, on a tariff without a cap on active widgets, as an agency's Individual contract may be),
// each size on a fresh production server of its own, all three up at once and measured in
// interleaved rounds, so the ratios compare the same machine state. Per size: config GET of a
// random site of that account (every site requested, so the cache misses at first), lead POST at
// a fixed rate to a random site of it, and — beside it — another tenant's lead POST p99 while
// the big account's config storm runs against a cold cache (quiet value first).
// Writes its own section of bench/RESULTS.md (between markers, bench/src/sections.ts), whichever way it runs.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { measureForeignLoad } from './machine.js';
import { paddedTable, writeSection } from './sections.js';
import { installFormOnStart, LOAD_ORIGIN, OPERATOR, onDevelopmentInstance } from './seed.js';
import { startProductionServer, type ServerUnderTest } from './server.js';
import { must, signIn } from './session.js';
import { num, sum, summarize, type Summary } from './stats.js';
import { browserHeaders, leadBody, textPlainHeaders } from './visitor-requests.js';
import { widgetInput } from './widgets.js';

export const SIZES = [1, 1_000, 10_000] as const;
const HOST = new URL(LOAD_ORIGIN).hostname;
const SEALING_KEY = randomBytes(32).toString('hex');
const UNLIMITED = { LEAD_RATE_PER_IP_PER_MINUTE: '100000000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '100000000', EVENTS_RATE_PER_IP_PER_MINUTE: '100000000' };

export interface ScaleSettings {
  rounds: number;
  durationSec: number;
  connections: number;
  leadRate: number;
}

interface Sample {
  rps: number;
  p99: number;
  foreignLoad: number;
}

export interface ScaleResults {
  settings: ScaleSettings;
  sizes: {
    sites: number;
    config: { rps: Summary; p99: Summary };
    lead: { rps: Summary; p99: Summary };
    /** Another tenant's lead POST p99: alone, and during this account's config storm on a cold cache. */
    other: { quietP99: Summary; stormP99: Summary };
  }[];
  loadAverage: { atStart: number[]; atEnd: number[] };
  foreignLoad: Summary;
}

interface Seeded {
  siteKeys: string[];
  widgetIds: string[];
  other: { siteKey: string; widgetId: string };
}

/** Two licensees through the dashboard API on a development instance: the big one (Individual, no cap on widgets) and another. */
function install(dbPath: string): Promise<{ accountId: string; siteId: string; siteKey: string; widgetId: string; other: { siteKey: string; widgetId: string } }> {
  return onDevelopmentInstance({ DATABASE_PATH: dbPath, INTEGRATIONS_KEY: SEALING_KEY }, async (base) => {
    const ops = await signIn(base, OPERATOR);
    const big = await signIn(base, 'agency@bench.widgetry.test');
    await must(
      ops,
      base,
      'PUT',
      `/api/admin/accounts/${big.accountId}/tariff`,
      {
        tariffId: 'individual',
        individualLimits: { activeWidgets: null, widgetTypes: 'all', impressionsPerPeriod: null, sites: null, badge: false, integrations: ['email'] },
        reason: 'bench: an agency',
      },
      200,
    );
    const site = await must<{ id: string; siteKey: string }>(big, base, 'POST', '/api/sites', { name: 'Agency 1', domains: [HOST] }, 201);
    const widget = await must<{ id: string }>(big, base, 'POST', '/api/widgets', widgetInput('form', site.id), 201);
    const small = await signIn(base, 'small@bench.widgetry.test');
    const other = await installFormOnStart(base, ops, small, 'Small');
    return { accountId: big.accountId, siteId: site.id, siteKey: site.siteKey, widgetId: widget.id, other: { siteKey: other.siteKey, widgetId: other.widgetId } };
  });
}

/** Copies the big account's one site and widget into `n - 1` more, straight into the file (thousands of API calls would take minutes). */
function grow(dbPath: string, base: Awaited<ReturnType<typeof install>>, n: number): Seeded {
  const db = new Database(dbPath);
  try {
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    const copy = (table: string, replace: Record<string, string>, from: string) => {
      const cols = columns(table);
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => replace[c] ?? c).join(', ')} FROM ${table} WHERE id = ?`).run(from);
    };
    const siteKeys = [base.siteKey];
    const widgetIds = [base.widgetId];
    db.transaction(() => {
      for (let i = 1; i < n; i++) {
        const siteId = `site_bench${i}`;
        const siteKey = `benchsite${String(i).padStart(6, '0')}`;
        const widgetId = `wdg_bench${i}`;
        copy('sites', { id: `'${siteId}'`, site_key: `'${siteKey}'`, created_at: `created_at + ${i}` }, base.siteId);
        copy('widgets', { id: `'${widgetId}'`, site_id: `'${siteId}'`, created_at: `created_at + ${i}` }, base.widgetId);
        siteKeys.push(siteKey);
        widgetIds.push(widgetId);
      }
    })();
    return { siteKeys, widgetIds, other: base.other };
  } finally {
    db.close();
  }
}

/** A lead from the shop's catalogue page. */
const catalogLead = (siteKey: string, widgetId: string) => leadBody(siteKey, widgetId, `${LOAD_ORIGIN}/catalog`);

/** autocannon with a request chosen per call (a random site), every answer checked. */
async function load(
  server: ServerUnderTest,
  make: () => { method: 'GET' | 'POST'; path: string; body?: string },
  expect: number,
  opts: { durationSec: number; connections: number; overallRate?: number },
): Promise<Sample> {
  const foreign = measureForeignLoad(['self', server.pid]);
  const headers = textPlainHeaders();
  let wrong = 0;
  const result = await autocannon({
    url: server.url,
    connections: opts.connections,
    duration: opts.durationSec,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          const r = make();
          return { ...req, method: r.method, path: r.path, headers, ...(r.body ? { body: r.body } : {}) };
        },
        onResponse: (status: number) => {
          if (status !== expect) wrong++;
        },
      },
    ],
  } as never);
  const load = foreign.stop();
  if (wrong > 0) throw new Error(`${wrong} answers were not ${expect}`);
  const r = result as unknown as { requests: { average: number }; latency: { p99: number } };
  return { rps: r.requests.average, p99: r.latency.p99, foreignLoad: load };
}

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

export async function measureScale(s: ScaleSettings, log: (line: string) => void): Promise<ScaleResults> {
  const loadAtStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-bench-scale-'));
  const servers: ServerUnderTest[] = [];
  try {
    log('  scale: two licensees through the dashboard API, then the big one grown to 1 / 1,000 / 10,000 sites…');
    const template = join(dir, 'template.db');
    const base = await install(template);
    const stages = SIZES.map((n) => {
      const path = join(dir, `sites-${n}.db`);
      copyFileSync(template, path);
      return { n, path, data: grow(path, base, n) };
    });
    const samples = SIZES.map(() => ({ config: [] as Sample[], lead: [] as Sample[], quiet: [] as Sample[], storm: [] as Sample[] }));
    for (let round = 1; round <= s.rounds; round++) {
      // A fresh server per size and round: the storm below needs a cold cache, and memory starts equal.
      for (const [i, stage] of (round % 2 ? stages : [...stages].reverse()).entries()) {
        const k = round % 2 ? i : stages.length - 1 - i;
        const server = await startProductionServer(stage.path, { ...UNLIMITED, INTEGRATIONS_KEY: SEALING_KEY });
        servers.push(server);
        const { siteKeys, widgetIds, other } = stage.data;
        const otherLead = { method: 'POST' as const, path: '/v1/leads', body: catalogLead(other.siteKey, other.widgetId) };
        const config = () => ({ method: 'GET' as const, path: `/v1/sites/${pick(siteKeys)}/config` });
        // Another tenant alone, then during this account's config storm on the cold cache.
        samples[k]!.quiet.push(await load(server, () => otherLead, 201, { durationSec: s.durationSec, connections: 5, overallRate: 100 }));
        const [stormOther] = await Promise.all([
          load(server, () => otherLead, 201, { durationSec: s.durationSec, connections: 5, overallRate: 100 }),
          load(server, config, 200, { durationSec: s.durationSec, connections: s.connections }),
        ]);
        samples[k]!.storm.push(stormOther);
        // Warm every site once (a random pick over 10,000 keys would still be mostly first visits
        // within a 5 s run, where the steady state of a busy account has them all cached), then
        // config GET of random sites as fast as it goes, then leads at a fixed rate.
        let next = 0;
        const warm = async () => {
          while (next < siteKeys.length) {
            const key = siteKeys[next++]!;
            const res = await fetch(`${server.url}/v1/sites/${key}/config`, { headers: browserHeaders() });
            await res.arrayBuffer();
          }
        };
        await Promise.all(Array.from({ length: 20 }, warm));
        samples[k]!.config.push(await load(server, config, 200, { durationSec: s.durationSec, connections: s.connections }));
        samples[k]!.lead.push(
          await load(
            server,
            () => {
              const j = Math.floor(Math.random() * siteKeys.length);
              return { method: 'POST', path: '/v1/leads', body: catalogLead(siteKeys[j]!, widgetIds[j]!) };
            },
            201,
            { durationSec: s.durationSec, connections: 20, overallRate: s.leadRate },
          ),
        );
        await server.stop();
        servers.pop();
      }
      log(`  scale: round ${round}/${s.rounds} done`);
    }
    const all = samples.flatMap((x) => [...x.config, ...x.lead, ...x.quiet, ...x.storm]).map((x) => x.foreignLoad);
    return {
      settings: s,
      sizes: SIZES.map((n, k) => {
        const x = samples[k]!;
        const of = (xs: Sample[]) => ({ rps: summarize(xs.map((v) => v.rps)), p99: summarize(xs.map((v) => v.p99)) });
        return { sites: n, config: of(x.config), lead: of(x.lead), other: { quietP99: summarize(x.quiet.map((v) => v.p99)), stormP99: summarize(x.storm.map((v) => v.p99)) } };
      }),
      loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
      foreignLoad: summarize(all.filter((v) => Number.isFinite(v))),
    };
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderScale(r: ScaleResults): { console: string; markdown: string } {
  const one = r.sizes[0]!;
  const rows = r.sizes.map((x) => [
    num(x.sites),
    sum(x.config.rps),
    sum(x.config.p99),
    `${num((x.config.rps.median / one.config.rps.median) * 100)} %`,
    sum(x.lead.rps),
    sum(x.lead.p99),
    sum(x.other.quietP99),
    sum(x.other.stormP99),
    `${num(x.other.stormP99.median / Math.max(1, x.other.quietP99.median), 1)}x`,
  ]);
  const table = paddedTable(
    ['sites in the account', 'config GET, req/s', 'p99 ms', 'of 1 site', `lead POST at ${r.settings.leadRate}/s, req/s`, 'p99 ms', 'other tenant lead p99, quiet', 'during the storm', 'storm / quiet'],
    rows,
  );
  const la = (xs: number[]) => xs.map((v) => v.toFixed(2)).join(' / ');
  const markdown = `## 8. Account size

One account with 1, 1,000 and 10,000 sites (one active form widget each; Individual tariff with no
cap on active widgets), each size on a fresh production server per round; sizes interleaved, order
reversed every other round; ${r.settings.rounds} rounds × ${r.settings.durationSec} s, ${r.settings.connections} connections.
Config GET asks for a random site of the account, after every site was requested once (warm cache);
lead POST goes to a random site's widget at a fixed rate. "Other tenant": a second account's lead
POST at 100/s alone, then while the big account's config storm runs on the server's cold cache.
Each figure is the median (min–max) of the rounds; p99 in whole ms (autocannon).

${table}

Load average (1/5/15 min) at start ${la(r.loadAverage.atStart)}, at end ${la(r.loadAverage.atEnd)}; CPU share
of other processes during the runs ${sum(r.foreignLoad, 2)} (of the machine's cores).
`;
  return { console: `Part 8, account size\n${table}`, markdown };
}

export const writeScaleSection = (file: string, markdown: string) => writeSection(file, 'part 8 (account size)', markdown);

// Part 4, server throughput and latency: autocannon on loopback against the production server,
// each embed endpoint beside the bare Hono route of the same process (BENCH_BASELINE_ROUTE), in
// interleaved rounds so that both sides of every ratio see the same machine state.
import autocannon from 'autocannon';
import { measureForeignLoad } from './machine.js';
import { sampleRss, type ServerUnderTest } from './server.js';
import { summarize, type Summary } from './stats.js';

export interface LoadScenario {
  id: string;
  label: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The status every response must have; the run fails loudly otherwise. */
  expect: number;
  /** Scenario id of the bare route it is compared with. */
  baseline?: string;
  /** Events carried by one request (events/s = requests/s × this). */
  eventsPerRequest?: number;
  /** Fixed request rate instead of as fast as possible. */
  overallRate?: number;
  connections?: number;
}

export interface RunSample {
  rps: number;
  /** From every response's own time (sub-millisecond). */
  p50: number;
  p99: number;
  /** autocannon's p99 (whole milliseconds; corrected for coordinated omission at a fixed rate). */
  autocannonP99: number;
  rssPeak: number;
  requests: number;
  /** Share of the machine's CPU used by processes other than the bench and the server. */
  foreignLoad: number;
}

export interface ScenarioResult {
  scenario: LoadScenario;
  runs: RunSample[];
  rps: Summary;
  p50: Summary;
  p99: Summary;
  autocannonP99: Summary;
  rssPeak: Summary;
  foreignLoad: Summary;
}

export interface ThroughputOptions {
  /** Awaited before every timed run (see quietGate). */
  beforeRun?: () => Promise<void>;
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
}

const percentile = (sorted: Float64Array, q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

async function runOnce(server: ServerUnderTest, s: LoadScenario, durationSec: number, connections: number): Promise<RunSample> {
  const times: number[] = [];
  const rss = sampleRss(server);
  const foreign = measureForeignLoad(['self', server.pid]);
  const instance = autocannon({
    url: server.url + s.path,
    method: s.method,
    headers: s.headers,
    ...(s.body === undefined ? {} : { body: s.body }),
    connections: s.connections ?? connections,
    duration: durationSec,
    timeout: 10,
    ...(s.overallRate ? { overallRate: s.overallRate } : {}),
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await instance;
  const foreignLoad = foreign.stop();
  const rssSamples = rss.stop();
  const total = Object.values(result.statusCodeStats).reduce((a, c) => a + c.count, 0);
  const ok = result.statusCodeStats[String(s.expect)]?.count ?? 0;
  // A benchmark of error responses measures nothing: any stray status or socket error stops the run.
  if (total === 0 || ok !== total || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${s.label}: expected only ${s.expect}, got ${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors, ${result.timeouts} timeouts\n` +
        `--- server output (tail) ---\n${server.output().slice(-3000)}`,
    );
  }
  const sorted = Float64Array.from(times).sort();
  return {
    rps: result.requests.average,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    autocannonP99: result.latency.p99,
    rssPeak: Math.max(...rssSamples),
    requests: total,
    foreignLoad,
  };
}

export async function measureThroughput(server: ServerUnderTest, scenarios: LoadScenario[], o: ThroughputOptions, log: (s: string) => void): Promise<ScenarioResult[]> {
  const runs = new Map<string, RunSample[]>(scenarios.map((s) => [s.id, []]));
  if (o.warmupSec > 0) {
    for (const s of scenarios) await runOnce(server, s, o.warmupSec, o.connections);
  }
  for (let round = 1; round <= o.rounds; round++) {
    for (const s of scenarios) {
      await o.beforeRun?.();
      const sample = await runOnce(server, s, o.durationSec, o.connections);
      runs.get(s.id)!.push(sample);
    }
    log(`  throughput: round ${round}/${o.rounds} done`);
  }
  return scenarios.map((scenario) => {
    const r = runs.get(scenario.id)!;
    return {
      scenario,
      runs: r,
      rps: summarize(r.map((x) => x.rps)),
      p50: summarize(r.map((x) => x.p50)),
      p99: summarize(r.map((x) => x.p99)),
      autocannonP99: summarize(r.map((x) => x.autocannonP99)),
      rssPeak: summarize(r.map((x) => x.rssPeak)),
      foreignLoad: summarize(r.map((x) => x.foreignLoad).filter((x) => Number.isFinite(x))),
    };
  });
}

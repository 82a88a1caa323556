// What draining the lead-mail backlog costs the server: N leads' e-mails (the default
// destination, the account's sign-in address) sent by the delivery worker of a production server
// to an SMTP sink on loopback. Server CPU per delivery (utime + stime from /proc), its peak and
// final RSS, and deliveries per second, for one or more builds (worktrees), interleaved by round.
//
//   npx tsx bench/src/delivery-drain.ts [--n 5000] [--rounds 3] [--node-options '--trace-gc' --show-output] label=/path/to/worktree[,ENV=VALUE...] ...
//
// Each worktree needs `npm run build` first. The backlog is made once: N leads submitted over HTTP
// to a production server whose SMTP server never greets, so its worker holds a few sends and
// queues everything else; the deliveries are then reset to pending and not yet due. Each run
// copies that file, starts the build on it, waits until it has settled, makes every delivery due
// at once (an UPDATE from here) and times until none is pending. The CPU is the server's alone:
// the sink and the polling run in this process. BENCH_CPU_PROF_DIR profiles the server as in the bench.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { onMessage, startSmtpServer } from '../../server/src/testing/smtp.js';
import { type Build, inRoundOrder, parseBuild } from './interleaving.js';
import { installFormOnStart, OPERATOR, onDevelopmentInstance } from './seed.js';
import { signIn } from './session.js';
import { procCpuSeconds, startProductionServer, type ServerUnderTest } from './server.js';
import { num, sleep, sum, summarize } from './stats.js';
import { leadBody, textPlainHeaders } from './visitor-requests.js';

/** Far ahead: the backlog waits until a run makes it due. */
const NOT_YET = 9_000_000_000_000;
const LIMITS_OFF = { LEAD_RATE_PER_IP_PER_MINUTE: '100000000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '100000000', LOG_LEVEL: 'warn' };

interface Args {
  n: number;
  rounds: number;
  builds: Build[];
  /** NODE_OPTIONS for the servers under test (e.g. --trace-gc, whose lines --show-output prints). */
  nodeOptions: string;
  showOutput: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { n: 5000, rounds: 3, builds: [], nodeOptions: '', showOutput: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--n') args.n = Number(argv[++i]);
    else if (a === '--rounds') args.rounds = Number(argv[++i]);
    else if (a === '--node-options') args.nodeOptions = argv[++i] ?? '';
    else if (a === '--show-output') args.showOutput = true;
    else if (a.includes('=')) args.builds.push(parseBuild(a));
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.builds.length === 0) args.builds.push({ label: 'this', root: resolve(import.meta.dirname, '../..'), env: {} });
  return args;
}

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

/** An SMTP server that accepts connections and never says hello: sends wait, nothing is delivered. */
async function startSilentSmtp(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/** The account, its site and form (through the dashboard API of a development instance), then N leads to a production server that sends nothing. */
async function makeBacklog(dbPath: string, n: number): Promise<void> {
  const { siteKey, widgetId } = await onDevelopmentInstance({ DATABASE_PATH: dbPath }, async (base) => {
    const ops = await signIn(base, OPERATOR);
    const owner = await signIn(base, 'drain@bench.widgetry.test');
    return installFormOnStart(base, ops, owner, 'Чайная лавка');
  });
  const silent = await startSilentSmtp();
  const server = await startProductionServer(dbPath, { ...LIMITS_OFF, SMTP_URL: `smtp://127.0.0.1:${silent.port}` });
  try {
    const body = leadBody(siteKey, widgetId);
    const headers = textPlainHeaders();
    let next = 0;
    const submitOne = async () => {
      while (next < n) {
        next++;
        const res = await fetch(`${server.url}/v1/leads`, { method: 'POST', headers, body });
        if (res.status !== 201) throw new Error(`POST /v1/leads answered ${res.status}: ${await res.text()}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, submitOne));
  } finally {
    process.kill(server.pid, 'SIGKILL');
    await server.stop();
    silent.close();
  }
  const db = new Database(dbPath);
  try {
    // The few sends the silent server held (or that timed out) start over like the rest.
    db.prepare(
      `update deliveries set status = 'pending', attempts = 0, failures = 0, last_status_code = null, last_error = null,
       lease_owner = null, lease_until = null, delivered_at = null, progress = null, next_attempt_at = ?`,
    ).run(NOT_YET);
    db.prepare('delete from delivery_attempts').run();
    const queued = (db.prepare('select count(*) as c from deliveries').get() as { c: number }).c;
    if (queued !== n) throw new Error(`expected ${n} deliveries, found ${queued}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

interface Run {
  label: string;
  round: number;
  cpuUsPerDelivery: number;
  perSec: number;
  seconds: number;
  startRssMb: number;
  peakRssMb: number;
  finalRssMb: number;
  load: string;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function drainOnce(template: string, dir: string, build: Build, round: number, args: Args, sinkUrl: string, received: () => number): Promise<Run> {
  const { n } = args;
  const dbPath = join(dir, `${build.label}-${round}.db`);
  copyFileSync(template, dbPath);
  const loadBefore = load();
  const env = { ...LIMITS_OFF, SMTP_URL: sinkUrl, ...(args.nodeOptions ? { NODE_OPTIONS: args.nodeOptions } : {}), ...build.env };
  const server: ServerUnderTest = await startProductionServer(dbPath, env, build.root);
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 5000');
  const pending = db.prepare("select count(*) as c from deliveries where status = 'pending'");
  try {
    // Start-up work (migrations check, first job ticks) out of the way.
    await sleep(3000);
    const startRss = server.rss();
    const mailsBefore = received();
    const cpu0 = procCpuSeconds(server.pid);
    const t0 = performance.now();
    db.prepare('update deliveries set next_attempt_at = 0').run();
    const deadline = t0 + 900_000;
    while ((pending.get() as { c: number }).c > 0) {
      if (performance.now() > deadline) throw new Error('the backlog did not drain in 15 minutes');
      await sleep(50);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = procCpuSeconds(server.pid) - cpu0;
    const finalRss = server.rss();
    const peak = server.peakRss();
    const delivered = (db.prepare("select count(*) as c from deliveries where status = 'delivered'").get() as { c: number }).c;
    if (delivered !== n) throw new Error(`${build.label}: ${delivered} of ${n} delivered`);
    const mails = received() - mailsBefore;
    if (mails !== n) throw new Error(`${build.label}: the sink received ${mails} mails for ${n} deliveries`);
    return {
      label: build.label,
      round,
      cpuUsPerDelivery: (cpu * 1e6) / n,
      perSec: n / seconds,
      seconds,
      startRssMb: mb(startRss),
      peakRssMb: mb(peak),
      finalRssMb: mb(finalRss),
      load: `${loadBefore} → ${load()}`,
    };
  } finally {
    db.close();
    if (args.showOutput) console.log(`--- ${build.label} round ${round}: the end of the server's output ---\n${server.output().slice(-4000)}`);
    await server.stop();
    rmSync(dbPath, { force: true });
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  for (const b of args.builds) if (!existsSync(join(b.root, 'dist/server/index.js'))) throw new Error(`${b.root}: run npm run build there first`);
  const dir = mkdtempSync(join(tmpdir(), 'delivery-drain-'));
  const template = join(dir, 'backlog.db');
  let mails = 0;
  const sink = await startSmtpServer({ onData: onMessage(() => void mails++) });
  try {
    log(`making a backlog of ${args.n} lead mails (load ${load()})…`);
    await makeBacklog(template, args.n);
    const runs: Run[] = [];
    for (let round = 1; round <= args.rounds; round++) {
      for (const build of inRoundOrder(args.builds, round)) {
        const r = await drainOnce(template, dir, build, round, args, `smtp://127.0.0.1:${sink.port}`, () => mails);
        runs.push(r);
        log(
          `round ${round} ${r.label}: ${num(r.cpuUsPerDelivery)} µs CPU/delivery, ${num(r.perSec)} deliveries/s (${num(r.seconds, 1)} s), RSS start ${num(r.startRssMb, 1)} peak ${num(r.peakRssMb, 1)} final ${num(r.finalRssMb, 1)} MB, load ${r.load}`,
        );
      }
    }
    console.log(`\n${args.n} deliveries per run, ${args.rounds} rounds; median (min–max):`);
    for (const b of args.builds) {
      const mine = runs.filter((r) => r.label === b.label);
      const s = (f: (r: Run) => number, d = 0) => sum(summarize(mine.map(f)), d);
      console.log(
        `  ${b.label.padEnd(8)} CPU/delivery ${s((r) => r.cpuUsPerDelivery)} µs · ${s((r) => r.perSec)} deliveries/s · RSS peak ${s((r) => r.peakRssMb, 1)} MB, final ${s((r) => r.finalRssMb, 1)} MB, start ${s((r) => r.startRssMb, 1)} MB`,
      );
    }
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

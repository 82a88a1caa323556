// The server under test: the production bundle (dist/server/index.js) as its own process on
// loopback, NODE_ENV=production, on a given SQLite file. Unlike tests/e2e/support/platform.ts
// it keeps the child's pid, so its memory can be read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onMessage, startSmtpServer } from '../../server/src/testing/smtp.js';
import { freePort } from '../../tests/e2e/support/platform.js';
import { OPERATOR } from './seed.js';
import { sleep } from './stats.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The public address the server under test is told it has: it goes into snippets and mails only. */
export const PUBLIC_URL = 'https://bench.widgetry.test';

/**
 * Every lead the bench stores queues an e-mail to its account's owner (the default
 * destination). With no one listening on the SMTP port, each of those retried against a refused
 * connection for the whole run, and the retries, not the product, set the figures. One SMTP
 * server on loopback for the bench process takes every message and drops it; its listening
 * socket does not keep the process alive.
 */
let mailSink: Promise<number> | undefined;
function mailSinkPort(): Promise<number> {
  mailSink ??= startSmtpServer({ onData: onMessage(() => undefined) }).then(({ server, port }) => {
    server.server.unref();
    return port;
  });
  return mailSink;
}

export interface ServerUnderTest {
  url: string;
  pid: number;
  /** Resident set size in bytes (VmRSS), or NaN once the process is gone. */
  rss(): number;
  /** Peak resident set size since start (VmHWM). */
  peakRss(): number;
  output(): string;
  stop(): Promise<void>;
}

export function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The allocator production starts the server with (deploy/Dockerfile, deploy/widgetry.service):
 * jemalloc, preloaded, when Debian's libjemalloc2 is installed. glibc's malloc kept 20-50 MB freed
 * but not returned after a load (bench/src/rest-memory.ts; figures in bench/src/analysis.ts, rss).
 * Without the library the server runs on glibc's malloc, as `npm start` does on any machine.
 * A caller's env can override both (LD_PRELOAD= empty for a glibc baseline).
 */
export const JEMALLOC_PATH = '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2';
export const JEMALLOC_CONF = 'background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0';
export function productionAllocatorEnv(): Record<string, string> {
  return existsSync(JEMALLOC_PATH) ? { LD_PRELOAD: JEMALLOC_PATH, MALLOC_CONF: JEMALLOC_CONF } : {};
}

export interface StartOptions {
  /** Node flags before the entry (bench/src/connect-cost.ts: --trace-gc-nvp, --cpu-prof, --require). */
  nodeArgs?: string[];
  /** Characters of the server's output kept (its tail), 20,000 by default; GC traces need more. */
  outputChars?: number;
}

/** `root`: the checkout whose build runs (another worktree's, for a paired comparison); this one's by default. */
export async function startProductionServer(dbPath: string, env: Record<string, string> = {}, root = ROOT, options: StartOptions = {}): Promise<ServerUnderTest> {
  const entry = join(root, 'dist/server/index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing (bench/run.mjs builds it)`);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  let out = '';
  // BENCH_CPU_PROF_DIR=dir: the server writes a V8 CPU profile there when it stops (open it in
  // Chrome DevTools' Performance panel) — how the causes in bench/src/analysis.ts were found.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const args = [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(profileDir)] : []), ...(options.nodeArgs ?? []), entry];
  const outputChars = options.outputChars ?? 20_000;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: dbPath,
      DEMO_SEED: 'off',
      // What production refuses to start without (server/src/env.ts). The bench calls the server
      // at `url`; the public address only goes into snippets and mails.
      PUBLIC_URL,
      SMTP_URL: `smtp://127.0.0.1:${await mailSinkPort()}`,
      OPERATOR_EMAILS: OPERATOR,
      INTEGRATIONS_KEY: randomBytes(32).toString('hex'),
      // A fresh database each stage: migrated by the server itself (production leaves it to `npm run migrate`).
      MIGRATE_ON_START: 'on',
      BENCH_BASELINE_ROUTE: 'on',
      ...productionAllocatorEnv(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail only: a long run at LOG_LEVEL=info must not grow our own memory.
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-outputChars);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/__bench/bare`);
      if (res.status === 200) break;
      throw new Error(`/__bench/bare answered ${res.status}: is BENCH_BASELINE_ROUTE wired in server/src/app.ts?`);
    } catch (e) {
      if (e instanceof Error && e.message.includes('BENCH_BASELINE_ROUTE')) throw e;
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await sleep(100);
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    rss: () => procStatus(pid, 'VmRSS'),
    peakRss: () => procStatus(pid, 'VmHWM'),
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** User + system CPU time of a process so far, in seconds (/proc/PID/stat), or NaN once it is gone. */
export function procCpuSeconds(pid: number): number {
  return cpuSecondsOf(`/proc/${pid}/stat`);
}

/** The same for the process's main thread alone, the one that runs Node's event loop (/proc/PID/task/PID/stat). */
export function eventLoopCpuSeconds(pid: number): number {
  return cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`);
}

function cpuSecondsOf(statPath: string): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(statPath, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Ten RSS readings 100 ms apart (bytes): how the full run takes its figures at rest, summarised by the caller. */
export async function rssReadings(pid: number): Promise<number[]> {
  const readings: number[] = [];
  for (let i = 0; i < 10; i++, await sleep(100)) readings.push(procStatus(pid, 'VmRSS'));
  return readings;
}

/** Samples RSS every `everyMs` until stopped; returns the samples (bytes). */
export function sampleRss(server: ServerUnderTest, everyMs = 200): { stop(): number[] } {
  const samples: number[] = [];
  const take = () => {
    const v = server.rss();
    if (Number.isFinite(v)) samples.push(v);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

// How busy the machine is with work that is not ours: every figure here shares 2 cores, so a
// test run or a build elsewhere on the machine depresses it. Linux /proc only; NaN elsewhere.
import { readFileSync } from 'node:fs';
import { sleep } from './stats.js';

interface CpuTimes {
  busy: number;
  total: number;
}

function machineTimes(): CpuTimes | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3]! + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** utime + stime of a process (and its waited-for children), in clock ticks. */
function processTicks(pid: number | 'self'): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // Fields 14–17 of proc(5), counted from field 3 after "pid (comm) ".
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  } catch {
    return 0;
  }
}

export interface ForeignLoad {
  stop(): number;
}

/**
 * Starts measuring the share of the machine's CPU used by processes other than the given ones
 * (the bench itself and the server under test); stop() returns it (0 = quiet, 1 = all cores).
 */
export function measureForeignLoad(pids: (number | 'self')[]): ForeignLoad {
  const m0 = machineTimes();
  const p0 = pids.reduce<number>((a, p) => a + processTicks(p), 0);
  return {
    stop() {
      const m1 = machineTimes();
      const p1 = pids.reduce<number>((a, p) => a + processTicks(p), 0);
      if (!m0 || !m1 || m1.total <= m0.total) return NaN;
      return Math.max(0, (m1.busy - m0.busy - (p1 - p0)) / (m1.total - m0.total));
    },
  };
}

/** Share of all cores busy over `ms`. */
export async function machineBusy(ms: number): Promise<number> {
  const load = measureForeignLoad([]);
  await sleep(ms);
  return load.stop();
}

/**
 * Waits (up to `maxMs`) for the machine to be nearly idle before a timing-sensitive part; returns
 * how long it waited and how busy the machine was when the part started.
 */
export async function waitForQuiet(maxMs: number, threshold = 0.15): Promise<{ waitedMs: number; busy: number }> {
  const started = Date.now();
  for (;;) {
    const busy = await machineBusy(500);
    if (!(busy > threshold) || Date.now() - started >= maxMs) return { waitedMs: Date.now() - started, busy };
  }
}

/**
 * Quiet waits under one overall budget: each call waits up to `perCallMs` for a quiet machine,
 * and all calls together at most `budgetMs`, so a busy machine slows the bench down only so much.
 */
export function quietGate(perCallMs: number, budgetMs: number): () => Promise<void> {
  let left = budgetMs;
  return async () => {
    if (left <= 0 || perCallMs <= 0) return;
    const { waitedMs } = await waitForQuiet(Math.min(perCallMs, left));
    left -= waitedMs;
  };
}

// A command run as an operator runs it (the built server, `npm run migrate`, `npm run serve`):
// its own process, environment and output, and how it ended.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface RunningProcess {
  child: ChildProcess;
  /**
   * Sends `signal` to the process and its children. `npm run` does not pass SIGTERM on to the
   * command it runs (npm 11 exits and leaves it running), so the signal goes to the whole group;
   * supervisors run `node dist/server/index.js` directly for that reason.
   */
  kill(signal: NodeJS.Signals): void;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Its stdout lines that are JSON (the log). */
  logLines(): Record<string, unknown>[];
  /** After it exited and its output was read to the end. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function run(command: string, args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let stdout = '';
  child.stdout!.on('data', (d) => {
    out += d;
    stdout += d;
  });
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('close', (code, signal) => r({ code, signal })));
  return {
    child,
    kill: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
    output: () => out,
    logLines: () =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
  };
}

/** Waits until GET `url` answers `status`, or fails with what the process printed. */
export async function waitFor(p: RunningProcess, url: string, status = 200, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`exited with ${p.child.exitCode}:\n${p.output()}`);
    try {
      if ((await fetch(url)).status === status) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer ${status}:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

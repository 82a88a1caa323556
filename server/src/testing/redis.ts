// Redis for tests: the shared server (TEST_REDIS_URL, set by vitest when one answers) under a key
// prefix of the test's own, so parallel runs and files never see each other's keys; and a
// redis-server of the test's own on a random port, for tests that stop it.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { Redis } from 'ioredis';

/** The shared test Redis, or undefined when none answered (the suite then skips, as services.ts said). */
export const testRedisUrl = (): string | undefined => process.env.TEST_REDIS_URL;

export const testRedisPrefix = () => `wgtest:${randomBytes(5).toString('hex')}:`;

/** Deletes every key under the prefix. */
export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface OwnRedis {
  url: string;
  port: number;
  /** The running server's process id (undefined while stopped). */
  readonly pid: number | undefined;
  /** Stops the server (SIGKILL: a crash, nothing saved). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** A redis-server of this test's own on a random free port, nothing on disk. */
export async function startOwnRedis(): Promise<OwnRedis> {
  let child: ChildProcess | null = null;
  let port = 0;
  const launch = async (p: number): Promise<boolean> => {
    const proc = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ok = await new Promise<boolean>((resolve) => {
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) resolve(true);
      });
      proc.once('exit', () => resolve(false));
      setTimeout(() => resolve(false), 5000).unref();
    });
    if (ok) child = proc;
    else proc.kill('SIGKILL');
    return ok;
  };
  for (let attempt = 0; attempt < 10 && !child; attempt++) {
    port = randomInt(20_000, 60_000);
    await launch(port);
  }
  if (!child) throw new Error('redis-server did not start (is it installed?)');
  const stop = async () => {
    const c = child as ChildProcess | null;
    if (!c) return;
    child = null;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    get port() {
      return port;
    },
    get pid() {
      return (child as ChildProcess | null)?.pid;
    },
    stop,
    async start() {
      if (!(await launch(port))) throw new Error(`redis-server did not start again on ${port}`);
    },
  };
}

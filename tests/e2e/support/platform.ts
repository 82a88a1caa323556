// Starts the real, built server (dist/server/index.js) as a separate process on a free
// loopback port with a fresh SQLite file — what `npm start` runs, minus the demo.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, run, waitFor } from './server-process.js';

const SERVER_ENTRY = join(ROOT, 'dist/server/index.js');
const START_SCRIPT = join(ROOT, 'scripts/start.mjs');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

export interface Platform {
  url: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** `npm start`'s script (build-if-stale, then serve) instead of the server bundle itself. */
  viaStartScript?: boolean;
}

export async function startPlatform(env: Record<string, string | undefined> = {}, options: PlatformOptions = {}): Promise<Platform> {
  if (!existsSync(SERVER_ENTRY)) throw new Error('dist/server/index.js is missing: run `npm run build` first (npm test does)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-e2e-'));
  const url = `http://localhost:${port}`;
  const server = run(process.execPath, [options.viaStartScript ? START_SCRIPT : SERVER_ENTRY], {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_PATH: join(dir, 'e2e.db'),
    DEMO_SEED: 'off',
    DEV_OUTBOX: 'on',
    // Headless Chromium is an "obvious bot"; here it is the visitor.
    BOT_FILTER: 'off',
    LOG_LEVEL: 'warn',
    // undefined removes a default (the demo spec runs without NODE_ENV, as `npm start` does).
    ...(env as Record<string, string>),
  });
  await waitFor(server, `${url}/api/me`, 401, 60_000);
  return {
    url,
    output: server.output,
    stop: async () => {
      if (server.child.exitCode === null) {
        const exited = new Promise((r) => server.child.once('exit', r));
        server.child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

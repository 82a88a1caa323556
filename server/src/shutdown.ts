// The orderly stop (SIGTERM, SIGINT, or a bug that escaped every handler): stop accepting
// connections, let the requests in flight finish, tell WebSocket clients to reconnect at once
// (4200: pusher-js reconnects, landing on another node behind the balancer), let the delivery
// attempt in flight finish and record its outcome, then close the database and exit. Whatever is
// not done by the deadline is abandoned: the process exits anyway (the delivery's lease lapses
// and another worker takes it; a request cut off is retried by its client).
import type { ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { Store } from './platform/db/store.js';
import type { Logger } from './platform/lib/logger.js';
import type { RealtimeServer } from './realtime/attach.js';

export interface ShutdownParts {
  server: ServerType;
  realtime: Pick<RealtimeServer, 'close'>;
  jobs: { stop(): void };
  deliveries: { stop(): Promise<void> };
  checkpointer: { stop(): Promise<void> | void } | null;
  /** The connections shared between nodes (Redis): closed cleanly, they hand this node's realtime slots and members back at once, not after their TTL. */
  shared: { close(): Promise<void> };
  /** Writes queued in memory (realtime log rows) that must reach the database before it closes. */
  flushes: (() => Promise<void>)[];
  store: Pick<Store, 'close'>;
  logger: Logger;
  timeoutMs: number;
  /** process.exit; tests pass their own. */
  exit?: (code: number) => void;
}

/** Idle keep-alive connections are closed this often while requests finish, so none lingers to its timeout. */
const IDLE_SWEEP_MS = 100;

export function createShutdown(parts: ShutdownParts): (reason: string, exitCode?: number) => Promise<void> {
  const { logger } = parts;
  const exit = parts.exit ?? ((code: number) => process.exit(code));
  let started = false;
  return async (reason, exitCode = 0) => {
    if (started) return;
    started = true;
    const began = Date.now();
    logger.info('server.stopping', { reason, deadlineMs: parts.timeoutMs });
    const deadline = setTimeout(() => {
      logger.error('server.stop_deadline', { reason, afterMs: Date.now() - began });
      logger.flush();
      exit(exitCode || 1);
    }, parts.timeoutMs);
    // Not unref'd: it also keeps the event loop alive while the steps wait on things that do not
    // (the checkpoint thread's exit, timers of their own), which would otherwise end the process
    // with code 0 before the database is closed.

    const http = parts.server as Server;
    // Not accepting from now on; the callback comes when the last connection has ended.
    const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
    const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
    http.closeIdleConnections();
    parts.jobs.stop();
    const step = (name: string, work: Promise<unknown>) =>
      work.catch((err: unknown) => logger.error('server.stop_step_failed', { step: name, error: err instanceof Error ? err.message : String(err) }));
    await Promise.all([step('http', httpClosed), step('realtime', parts.realtime.close()), step('deliveries', parts.deliveries.stop())]);
    clearInterval(sweep);
    await step('checkpointer', Promise.resolve(parts.checkpointer?.stop()));
    await step('shared', parts.shared.close());
    for (const flush of parts.flushes) await step('flush', flush());
    await step('database', parts.store.close());
    clearTimeout(deadline);
    logger.info('server.stopped', { reason, ms: Date.now() - began });
    logger.flush();
    exit(exitCode);
  };
}

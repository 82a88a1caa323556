// Attaches the Pusher-protocol WebSocket endpoint (/app/{key}) to the node HTTP server that
// serves the Hono app: same port, via the server's 'upgrade' event. index.ts calls it on the
// real server; tests call it on their own serve() instance.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerType } from '@hono/node-server';
import { and, eq, sql } from 'drizzle-orm';
import { WebSocketServer, type WebSocket } from 'ws';
import { realtimeConnectionLogs, realtimeProjects, realtimeUsageDaily } from '../db/schema/index.js';
import type { AppDeps } from '../deps.js';
import { MINUTE } from '../lib/clock.js';
import { realtimeLimitsOf, utcDay } from '../tariffs/realtime-policy.js';
import { Connection, type ConnectionOptions } from './connection.js';
import { INTERNAL_APP_KEY, INTERNAL_CONNECTION_LIMIT, INTERNAL_PROJECT_ID } from './internal.js';
import { originAllowed } from './origins.js';
import { ACCESS_MESSAGES, accessOf, projectById, projectByKey, type ProjectRow } from './projects.js';
import { CODES, errorFrame, frame, LIMITS, newSocketId, SUPPORTED_PROTOCOLS } from './protocol.js';
import { realtimeFor, type Realtime } from './service.js';

export interface RealtimeServerOptions extends Partial<ConnectionOptions> {
  /** How often silent connections are pinged and dead ones closed. */
  sweepIntervalMs?: number;
  /** How often projects with open connections are re-checked (a period ended, a block). */
  accessCheckIntervalMs?: number;
}

export interface RealtimeServer {
  realtime: Realtime;
  /** Open connections on this node. */
  connections(): number;
  /** Closes every connection with 4200 (reconnect at once: another node or this one restarted). */
  close(): Promise<void>;
}

const DEFAULTS: Required<RealtimeServerOptions> = {
  activityTimeoutSec: 120,
  pongTimeoutMs: 30_000,
  maxBufferedBytes: 1024 * 1024,
  sweepIntervalMs: 5_000,
  accessCheckIntervalMs: MINUTE,
};

export function attachRealtime(server: ServerType, deps: AppDeps, options: RealtimeServerOptions = {}): RealtimeServer {
  const opts = { ...DEFAULTS, ...options };
  const rt = realtimeFor(deps);
  const { db, clock, env } = deps;
  // clientTracking off and no compression: a few KB per idle connection, not tens.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.clientFrameBytes, perMessageDeflate: false, clientTracking: false });
  const live = new Set<Connection>();
  /** Resolves when a connection's socket has closed and its bookkeeping is done. */
  const ended = new Map<Connection, Promise<void>>();
  let closing = false;

  const usage = (projectId: string) => and(eq(realtimeUsageDaily.projectId, projectId), eq(realtimeUsageDaily.day, utcDay(clock.now())));

  /** Last refusal logged per project and address: a client retrying in a loop must not fill the log table. */
  const refusalsLogged = new Map<string, number>();

  /** Metadata of a connection attempt that was refused, kept like any other (offer 000 §3.5.3). */
  function logRefused(project: ProjectRow, req: IncomingMessage, code: number) {
    const now = clock.now();
    const meta = requestMeta(req, env.TRUST_PROXY);
    const throttleKey = `${project.id}|${meta.ip}|${code}`;
    if (now - (refusalsLogged.get(throttleKey) ?? -Infinity) < MINUTE) return;
    if (refusalsLogged.size > 10_000) refusalsLogged.clear();
    refusalsLogged.set(throttleKey, now);
    db.insert(realtimeConnectionLogs)
      .values({ socketId: `refused-${newSocketId()}`, projectId: project.id, accountId: project.accountId, ...meta, connectedAt: now, disconnectedAt: now, closeCode: code })
      .run();
  }

  async function accept(ws: WebSocket, req: IncomingMessage, url: URL): Promise<void> {
    const fail = (code: number, message: string) => {
      ws.send(errorFrame(code, message));
      ws.close(code, message);
    };
    const key = /^\/app\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    if (!key) return fail(CODES.PATH_NOT_FOUND, 'Path not found: connect to /app/{key}');
    const protocol = url.searchParams.get('protocol');
    if (protocol === null) return fail(CODES.NO_PROTOCOL, 'No protocol version supplied');
    if (!/^\d+$/.test(protocol)) return fail(CODES.INVALID_VERSION, 'Invalid version string format');
    if (!SUPPORTED_PROTOCOLS.has(Number(protocol))) return fail(CODES.UNSUPPORTED_PROTOCOL, `Unsupported protocol version ${protocol}; use 7`);
    if (key === INTERNAL_APP_KEY) return acceptInternal(ws, req, fail);
    const project = projectByKey(db, key);
    if (!project) return fail(CODES.APP_NOT_FOUND, 'Application does not exist');
    const access = accessOf(db, project, clock.now());
    if (access !== 'active') {
      logRefused(project, req, CODES.APP_DISABLED);
      return fail(CODES.APP_DISABLED, ACCESS_MESSAGES[access]);
    }
    const origin = req.headers.origin;
    if (origin && !originAllowed(project.allowedOrigins, origin)) {
      logRefused(project, req, CODES.UNAUTHORIZED);
      return fail(CODES.UNAUTHORIZED, 'Origin not allowed for this project');
    }
    if (!(await rt.broker.tryAcquireConnection(project.id, realtimeLimitsOf(project).connections))) {
      db.insert(realtimeUsageDaily)
        .values({ projectId: project.id, day: utcDay(clock.now()), rejectedConnections: 1 })
        .onConflictDoUpdate({ target: [realtimeUsageDaily.projectId, realtimeUsageDaily.day], set: { rejectedConnections: sql`${realtimeUsageDaily.rejectedConnections} + 1` } })
        .run();
      logRefused(project, req, CODES.OVER_CONNECTION_QUOTA);
      return fail(CODES.OVER_CONNECTION_QUOTA, 'Application is over connection quota');
    }
    if (ws.readyState !== ws.OPEN || closing) {
      rt.broker.releaseConnection(project.id);
      return;
    }
    const meta = requestMeta(req, env.TRUST_PROXY);
    const conn = new Connection(newSocketId(), project.id, meta.ip, ws, deps, rt, opts);
    live.add(conn);
    rt.hub.register(conn);
    ws.on('message', (raw) => conn.onMessage(raw));
    ws.on('error', () => undefined); // a reset by the peer ends in 'close' too; nothing to add
    ended.set(
      conn,
      new Promise<void>((resolve) =>
        ws.once('close', (code) => {
          conn.closed = true;
          live.delete(conn);
          ended.delete(conn);
          rt.hub.unregister(conn);
          rt.broker.releaseConnection(project.id);
          db.update(realtimeConnectionLogs).set({ disconnectedAt: clock.now(), closeCode: conn.closeCode ?? code }).where(eq(realtimeConnectionLogs.socketId, conn.id)).run();
          resolve();
        }),
      ),
    );
    conn.send(frame('pusher:connection_established', { socket_id: conn.id, activity_timeout: opts.activityTimeoutSec }));
    const now = clock.now();
    const open = rt.hub.connectionCount(project.id);
    // One transaction for the session's log row and the day's statistics: one commit per connect.
    db.transaction((tx) => {
      tx.insert(realtimeConnectionLogs).values({ socketId: conn.id, projectId: project.id, accountId: project.accountId, ...meta, connectedAt: now }).run();
      const firstOfDay = !!tx.insert(realtimeUsageDaily).values({ projectId: project.id, day: utcDay(now) }).onConflictDoNothing().returning({ d: realtimeUsageDaily.day }).get();
      tx.update(realtimeUsageDaily)
        .set({ connectionsOpened: sql`${realtimeUsageDaily.connectionsOpened} + 1`, peakConnections: sql`max(${realtimeUsageDaily.peakConnections}, ${open})` })
        .where(usage(project.id))
        .run();
      if (firstOfDay) tx.update(realtimeProjects).set({ lastActivityAt: now }).where(eq(realtimeProjects.id, project.id)).run();
    });
  }

  /**
   * The platform's own app (dashboard live channel, chat widget): any origin may connect, since
   * every channel on it is private and authorized by our own endpoints; nothing is counted
   * against a licensee's project or written to their connection logs.
   */
  async function acceptInternal(ws: WebSocket, req: IncomingMessage, fail: (code: number, message: string) => void): Promise<void> {
    if (!(await rt.broker.tryAcquireConnection(INTERNAL_PROJECT_ID, INTERNAL_CONNECTION_LIMIT))) return fail(CODES.OVER_CONNECTION_QUOTA, 'Over connection quota');
    if (ws.readyState !== ws.OPEN || closing) {
      rt.broker.releaseConnection(INTERNAL_PROJECT_ID);
      return;
    }
    const conn = new Connection(newSocketId(), INTERNAL_PROJECT_ID, requestMeta(req, env.TRUST_PROXY).ip, ws, deps, rt, opts);
    live.add(conn);
    rt.hub.register(conn);
    ws.on('message', (raw) => conn.onMessage(raw));
    ws.on('error', () => undefined);
    ended.set(
      conn,
      new Promise<void>((resolve) =>
        ws.once('close', () => {
          conn.closed = true;
          live.delete(conn);
          ended.delete(conn);
          rt.hub.unregister(conn);
          rt.broker.releaseConnection(INTERNAL_PROJECT_ID);
          resolve();
        }),
      ),
    );
    conn.send(frame('pusher:connection_established', { socket_id: conn.id, activity_timeout: opts.activityTimeoutSec }));
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Other paths have no WebSocket here; plain GET /app/... is the dashboard, answered by Hono.
    if (!url.pathname.startsWith('/app/') || closing) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      accept(ws, req, url).catch((err: unknown) => {
        deps.logger.error('realtime.accept_failed', { error: err instanceof Error ? err.stack : String(err) });
        ws.terminate();
      });
    });
  }

  function sweep() {
    const now = Date.now();
    const idleMs = opts.activityTimeoutSec * 1000;
    for (const c of live) {
      if (c.pingSentAt && now - c.pingSentAt > opts.pongTimeoutMs) c.close(CODES.PONG_NOT_RECEIVED, 'Pong reply not received');
      else if (!c.pingSentAt && now - c.lastSeen > idleMs) c.ping();
    }
  }

  /** A paid period that ended, or a block, closes the project's open connections with 4003. */
  function checkAccess() {
    const now = clock.now();
    const projectIds = new Set([...live].map((c) => c.projectId));
    projectIds.delete(INTERNAL_PROJECT_ID);
    for (const id of projectIds) {
      const p = projectById(db, id);
      const access = p ? accessOf(db, p, now) : 'blocked';
      if (access !== 'active') rt.hub.closeProject(id, p ? CODES.APP_DISABLED : CODES.APP_NOT_FOUND, p ? 'Application is disabled' : 'Application does not exist');
    }
  }

  const http = server as Server;
  http.on('upgrade', onUpgrade);
  const timers = [setInterval(sweep, opts.sweepIntervalMs), setInterval(checkAccess, opts.accessCheckIntervalMs)];
  for (const t of timers) t.unref();

  return {
    realtime: rt,
    connections: () => live.size,
    async close() {
      closing = true;
      for (const t of timers) clearInterval(t);
      http.off('upgrade', onUpgrade);
      const all = [...ended.values()];
      rt.hub.closeAll(CODES.RECONNECT_NOW, 'Server is restarting: reconnect');
      await Promise.race([Promise.all(all), new Promise((r) => setTimeout(r, 2000).unref())]);
      wss.close();
    },
  };
}

/** The client's address and device as metadata (offer 000 §1 "Метаданные"); never written to logs. */
function requestMeta(req: IncomingMessage, trustProxy: boolean) {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').map((s) => s.trim()).filter(Boolean);
  // The last hop our own proxy appended is the one the client cannot forge.
  const ip = hops?.[hops.length - 1] ?? req.socket.remoteAddress ?? null;
  return { ip, userAgent: req.headers['user-agent']?.slice(0, 500) ?? null, origin: req.headers.origin?.slice(0, 300) ?? null };
}

// Attaches the Pusher-protocol WebSocket endpoint (/app/{key}) to the node HTTP server that
// serves the Hono app: same port, via the server's 'upgrade' event. index.ts calls it on the
// real server; tests call it on their own serve() instance.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { AppDeps } from '../deps.js';
import { MINUTE } from '../platform/lib/clock.js';
import { mayOpenConnection, utcDay } from '../platform/tariffs/realtime-policy.js';
import { sha256 } from '../platform/lib/crypto.js';
import { RecentMap } from '../platform/lib/recent-map.js';
import { BrokerUnavailableError, type ConnectionSlot } from './broker.js';
import { Connection, type ConnectionContext, type ConnectionOptions, UNAVAILABLE } from './connection.js';
import { INTERNAL_APP_KEY, INTERNAL_PROJECT_ID, mayOpenInternalConnection } from './internal.js';
import { originAllowed } from './origins.js';
import { ACCESS_MESSAGES, type ProjectRow, type ProjectWithAccess } from './projects.js';
import { CODES, errorFrame, establishedFrame, LIMITS, newSocketId, SUPPORTED_PROTOCOLS, serverTextFrame } from './protocol.js';
import type { Realtime } from './service.js';

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
  /**
   * Resolves when the connection logs and statistics being written now are written (or their
   * failure logged). A client gets connection_established before its row is stored.
   */
  settled(): Promise<void>;
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

/** Entries of each small per-address (and per-project) map below, at most. */
const ADDRESS_MAP_SIZE = 10_000;

/** The socket's Connection, as a property of the socket: one shared handler per event, no closures per socket. */
const CONN = Symbol('realtime.connection');
type Socket = WebSocket & { [CONN]?: Connection };

function onSocketMessage(this: Socket, raw: RawData): void {
  this[CONN]?.onMessage(raw);
}

/** A reset by the peer ends in 'close' too; nothing to add. */
function ignoreSocketError(): void {}

/** Pusher's refusal: an error frame, then the close with the same code. */
function fail(ws: WebSocket, code: number, message: string): undefined {
  ws.send(errorFrame(code, message));
  ws.close(code, message);
  return undefined;
}

/**
 * The key of `/app/{key}` (a trailing slash allowed), or undefined: what /^\/app\/([^/]+)\/?$/
 * captures, read without a match array per connect.
 */
export function appKey(pathname: string): string | undefined {
  if (!pathname.startsWith('/app/')) return undefined;
  const key = pathname.slice(5, pathname.endsWith('/') ? -1 : undefined);
  return key.length > 0 && !key.includes('/') ? key : undefined;
}

export function attachRealtime(server: ServerType, deps: AppDeps, options: RealtimeServerOptions = {}): RealtimeServer {
  const opts = { ...DEFAULTS, ...options };
  const rt = deps.realtime;
  const { clock, env, logger } = deps;
  const { db } = deps.store;
  const { realtimeConnectionLogs, realtimeUsageDaily } = db.tables;
  // clientTracking off and no compression: a few KB per idle connection, not tens.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.clientFrameBytes, perMessageDeflate: false, clientTracking: false });
  /** Shared by every Connection of this server. */
  const context: ConnectionContext = { deps, rt, options: opts };
  /**
   * Sockets tracked and not yet closed (the hub's set holds them until they start closing: they are
   * found through it). A count, not a second set of them: an entry per socket and its growth.
   */
  let openSockets = 0;
  /** close() waits for this: called when the last socket has closed (its log row may still be on its way: `writes`). */
  let allClosed: (() => void) | null = null;
  let closing = false;

  /**
   * Connection logs and statistics being written. A failed write is logged and never reaches the
   * socket (it stays open, or closes, as it would have); close() waits for these before the
   * caller closes the store.
   */
  const writes = new Set<Promise<void>>();
  function record(what: string, projectId: string, write: () => Promise<unknown>): Promise<void> {
    const done = write().then(
      () => undefined,
      (err: unknown) => logger.error('realtime.connection_log_failed', { what, projectId, error: err instanceof Error ? err.stack : String(err) }),
    );
    writes.add(done);
    void done.then(() => writes.delete(done));
    return done;
  }
  async function settled(): Promise<void> {
    while (writes.size > 0) await Promise.all(writes);
    await rt.logs.flush();
  }
  /** Shared by every socket (`this` is the socket): frees the slot and queues the session's closing time. */
  function onSocketClose(this: Socket, code: number): void {
    const conn = this[CONN];
    if (!conn) return;
    this[CONN] = undefined;
    conn.socketClosed(code);
    openSockets--;
    rt.hub.unregister(conn);
    conn.slot?.release();
    conn.ipSlot?.release();
    if (conn.projectId !== INTERNAL_PROJECT_ID) {
      rt.logs.closed(conn.id, clock.now(), conn.closeCode!);
      if (rt.logs.writeThrough) void record('close', conn.projectId, () => rt.logs.flush());
    }
    if (openSockets === 0) allClosed?.();
  }

  const connectsPerIp = deps.rateLimits.limiter({ name: 'realtime-connects-per-ip', limit: env.REALTIME_CONNECTS_PER_IP_PER_MINUTE, windowMs: MINUTE });
  const mayOpenFromAddress = (open: number) => open < env.REALTIME_SOCKETS_PER_IP;
  /**
   * The per-address slot's key (the address hashed: with Redis it is stored there), remembered per
   * app and address: an address that reconnects, or holds many sockets, hashes once and its
   * sockets share one string instead of a copy each. Bounded like the other small maps here: the
   * least recently used entry goes first, so many passing addresses do not evict the busy ones.
   */
  const ipSlotKeys = new RecentMap<string, string>(ADDRESS_MAP_SIZE);
  function ipSlotKey(keyAndIp: string, key: string, ip: string): string {
    let slotKey = ipSlotKeys.get(keyAndIp);
    if (slotKey === undefined) {
      slotKey = `ip:${key}:${sha256(ip).slice(0, 24)}`;
      ipSlotKeys.set(keyAndIp, slotKey);
    }
    return slotKey;
  }

  /**
   * Each lookup reads the project's id from the database as a new string: its sockets keep one
   * shared copy instead (40 bytes each over thousands of sockets).
   */
  const projectIds = new RecentMap<string, string>(ADDRESS_MAP_SIZE);
  function sharedProjectId(id: string): string {
    const known = projectIds.get(id);
    if (known !== undefined) return known;
    projectIds.set(id, id);
    return id;
  }

  /** Last refusal logged per project and address: a client retrying in a loop must not fill the log table. */
  const refusalsLogged = new RecentMap<string, number>(ADDRESS_MAP_SIZE);

  /** Metadata of a connection attempt that was refused, kept like any other (offer 000 §3.5.3). */
  async function logRefused(project: ProjectRow, meta: RequestMeta, code: number): Promise<void> {
    const now = clock.now();
    const throttleKey = `${project.id}|${meta.ip}|${code}`;
    if (now - (refusalsLogged.get(throttleKey) ?? -Infinity) < MINUTE) return;
    refusalsLogged.set(throttleKey, now);
    await record('refused', project.id, () =>
      db
        .insert(realtimeConnectionLogs)
        .values({ socketId: `refused-${newSocketId()}`, projectId: project.id, accountId: project.accountId, ...meta, connectedAt: now, disconnectedAt: now, closeCode: code }),
    );
  }

  /** A refusal of the project itself (blocked, unpaid, another origin): recorded before the answer (a failed write is only logged). */
  async function refuse(ws: WebSocket, project: ProjectRow, meta: RequestMeta, code: number, message: string): Promise<void> {
    await logRefused(project, meta, code);
    fail(ws, code, message);
  }

  /** The project's connections are all taken: counted in the day's statistics and logged, then answered. */
  async function refuseOverQuota(ws: WebSocket, project: ProjectRow, meta: RequestMeta): Promise<void> {
    await record('rejected', project.id, () =>
      db
        .insert(realtimeUsageDaily)
        .values({ projectId: project.id, day: utcDay(clock.now()), rejectedConnections: 1 })
        .onConflictDoUpdate({ target: [realtimeUsageDaily.projectId, realtimeUsageDaily.day], set: { rejectedConnections: sql`${realtimeUsageDaily.rejectedConnections} + 1` } }),
    );
    await refuse(ws, project, meta, CODES.OVER_CONNECTION_QUOTA, 'Application is over connection quota');
  }

  /** Why the project cannot be used from this page now, or null when it can. */
  function refusalOf({ project, access }: ProjectWithAccess, origin: string | undefined): { code: number; message: string } | null {
    if (access !== 'active') return { code: CODES.APP_DISABLED, message: ACCESS_MESSAGES[access] };
    if (origin && !originAllowed(project.allowedOrigins, origin)) return { code: CODES.UNAUTHORIZED, message: 'Origin not allowed for this project' };
    return null;
  }

  /**
   * One node (the connects counted in memory, the slots by the local broker): a connect whose
   * project is in this node's cache is answered within this turn of the event loop, with no
   * promise or suspended frame per step — those were ~6 KB of garbage per connect, half our
   * allocation beyond a bare `ws` server's (bench part 6). Otherwise (Redis, a cache miss, a
   * refusal that is recorded first) the answer waits for what it needs, as it always did.
   */
  const limitsAtHand = connectsPerIp.hitNow !== undefined && rt.broker.tryAcquireConnectionNow !== undefined;

  function accept(ws: WebSocket, req: IncomingMessage, target: UpgradeTarget): Promise<void> | undefined {
    const key = appKey(target.pathname);
    if (!key) return fail(ws, CODES.PATH_NOT_FOUND, 'Path not found: connect to /app/{key}');
    const { protocol } = target;
    if (protocol === null) return fail(ws, CODES.NO_PROTOCOL, 'No protocol version supplied');
    if (!/^\d+$/.test(protocol)) return fail(ws, CODES.INVALID_VERSION, 'Invalid version string format');
    if (!SUPPORTED_PROTOCOLS.has(Number(protocol))) return fail(ws, CODES.UNSUPPORTED_PROTOCOL, `Unsupported protocol version ${protocol}; use 7`);
    const meta = requestMeta(req, env.TRUST_PROXY);
    const internal = key === INTERNAL_APP_KEY;
    const found = internal || !limitsAtHand ? undefined : rt.projectWithAccessNow('key', key, clock.now());
    if (!limitsAtHand || (!internal && !found)) return acceptLater(ws, req, meta, key);
    // Per address and app, on every node: one client cannot open sockets in a loop, nor hold a
    // project's (or the platform app's) slots alone with a key read from a page. 4100: the SDKs
    // retry after a back-off.
    const keyAndIp = `${key}|${meta.ip ?? 'unknown'}`;
    const rate = connectsPerIp.hitNow!(keyAndIp);
    if (!rate.ok) return tooManyAttempts(ws, rate.retryAfterSec);
    const ipSlot = rt.broker.tryAcquireConnectionNow!(ipSlotKey(keyAndIp, key, meta.ip ?? 'unknown'), mayOpenFromAddress);
    if (!ipSlot) return tooManyOpen(ws);
    let answered: Promise<void> | undefined;
    try {
      // No project row: the platform's own app (any other key without one went the other way).
      if (!found) answered = openInternal(ws, meta, rt.broker.tryAcquireConnectionNow!(INTERNAL_PROJECT_ID, mayOpenInternalConnection), ipSlot);
      else {
        const { project } = found;
        const refusal = refusalOf(found, req.headers.origin);
        if (refusal) answered = refuse(ws, project, meta, refusal.code, refusal.message);
        else {
          // The broker checks and takes the slot in one step; nothing may sit between the two.
          const slot = rt.broker.tryAcquireConnectionNow!(project.id, (open) => mayOpenConnection(project, open));
          answered = slot ? open(ws, project, meta, slot, ipSlot) : refuseOverQuota(ws, project, meta);
        }
      }
    } finally {
      if (!answered) releaseUnlessHeld(ws, ipSlot);
    }
    return answered?.finally(() => releaseUnlessHeld(ws, ipSlot));
  }

  /** The same steps, each waiting for its answer: Redis (several nodes), or a project this node does not hold yet. */
  async function acceptLater(ws: WebSocket, req: IncomingMessage, meta: RequestMeta, key: string): Promise<void> {
    const keyAndIp = `${key}|${meta.ip ?? 'unknown'}`;
    const rate = await connectsPerIp.hit(keyAndIp);
    if (!rate.ok) return tooManyAttempts(ws, rate.retryAfterSec);
    const ipSlot = await rt.broker.tryAcquireConnection(ipSlotKey(keyAndIp, key, meta.ip ?? 'unknown'), mayOpenFromAddress);
    if (!ipSlot) return tooManyOpen(ws);
    try {
      if (key === INTERNAL_APP_KEY) return openInternal(ws, meta, await rt.broker.tryAcquireConnection(INTERNAL_PROJECT_ID, mayOpenInternalConnection), ipSlot);
      const found = await rt.projectWithAccess('key', key, clock.now());
      if (!found) return fail(ws, CODES.APP_NOT_FOUND, 'Application does not exist');
      const { project } = found;
      const refusal = refusalOf(found, req.headers.origin);
      if (refusal) return await refuse(ws, project, meta, refusal.code, refusal.message);
      const slot = await rt.broker.tryAcquireConnection(project.id, (open) => mayOpenConnection(project, open));
      if (!slot) return await refuseOverQuota(ws, project, meta);
      return await open(ws, project, meta, slot, ipSlot);
    } finally {
      releaseUnlessHeld(ws, ipSlot);
    }
  }

  const tooManyAttempts = (ws: WebSocket, retryAfterSec: number) => fail(ws, CODES.OVER_CAPACITY, `Too many connection attempts from this address: retry in ${Math.ceil(retryAfterSec)} s`);
  const tooManyOpen = (ws: WebSocket) => fail(ws, CODES.OVER_CAPACITY, `Too many open connections from this address (at most ${env.REALTIME_SOCKETS_PER_IP} to one app)`);

  /** The address slot is held by the socket once it is tracked (and given back when it closes); otherwise it goes back now. Idempotent. */
  function releaseUnlessHeld(ws: WebSocket, ipSlot: ConnectionSlot): void {
    if ((ws as Socket)[CONN]?.ipSlot !== ipSlot) ipSlot.release();
  }

  /**
   * The socket becomes a connection of the project: tracked, told its id, its session queued for
   * the log. A promise only when the log is written through (tests), which the answer then awaits.
   */
  function open(ws: WebSocket, project: ProjectRow, meta: RequestMeta, slot: ConnectionSlot, ipSlot: ConnectionSlot): Promise<void> | undefined {
    const conn = track(ws, sharedProjectId(project.id), meta, slot, ipSlot);
    if (!conn) return;
    accountOfProject.set(conn.projectId, project.accountId);
    const now = clock.now();
    // Queued: the row, the day's counters and the project's activity are written in the next
    // batch (log-writer.ts), not in a transaction per connect on the event loop.
    rt.logs.opened({ socketId: conn.id, projectId: project.id, accountId: project.accountId, ...meta, connectedAt: now }, utcDay(now), slot.open);
    if (rt.logs.writeThrough) return record('open', project.id, () => rt.logs.flush());
  }

  /**
   * The platform's own app (dashboard live channel, chat widget): any origin may connect, since
   * every channel on it is private and authorized by our own endpoints; nothing is counted
   * against a licensee's project or written to their connection logs.
   */
  function openInternal(ws: WebSocket, meta: RequestMeta, slot: ConnectionSlot | null, ipSlot: ConnectionSlot): undefined {
    if (!slot) return fail(ws, CODES.OVER_CONNECTION_QUOTA, 'Over connection quota');
    track(ws, INTERNAL_PROJECT_ID, meta, slot, ipSlot);
  }

  /**
   * The Connection of an accepted socket, holding its slots, and its connection_established (in
   * the same write as the 101). From the slot taken to here there is no await: a slot is never
   * held by a socket nobody tracks. Null (the slot given back) when the socket went meanwhile.
   */
  function track(ws: Socket, projectId: string, meta: RequestMeta, slot: ConnectionSlot, ipSlot: ConnectionSlot): Connection | null {
    if (ws.readyState !== ws.OPEN || closing) {
      slot.release();
      return null;
    }
    const conn = new Connection(newSocketId(), projectId, meta.ip, ws, context);
    conn.slot = slot;
    conn.ipSlot = ipSlot;
    openSockets++;
    rt.hub.register(conn);
    ws[CONN] = conn;
    ws.on('message', onSocketMessage);
    ws.on('error', ignoreSocketError);
    // on, not once: once wraps the handler in a bound function and a state object per socket;
    // 'close' comes once anyway, and the handler forgets the connection the first time.
    ws.on('close', onSocketClose);
    // Framed here and written straight onto the socket, behind the 101 that is still corked there
    // (onUpgrade): ws's send would make an options object, a Buffer of the text, a header Buffer
    // and their list for this one frame of every connect. Nothing else can have been sent on this
    // socket yet, so no frame of ws's own is cut in two.
    (ws as unknown as { _socket: Duplex })._socket.write(serverTextFrame(establishedFrame(conn.id, opts.activityTimeoutSec)), 'latin1');
    return conn;
  }

  /** Nothing a connect does may throw out of the upgrade handler: that would end the process. */
  function acceptFailed(ws: WebSocket, err: unknown): void {
    if (err instanceof BrokerUnavailableError) {
      // Said plainly, with a code the SDKs answer by reconnecting after a back-off.
      ws.send(errorFrame(CODES.OVER_CAPACITY, UNAVAILABLE));
      ws.close(CODES.OVER_CAPACITY, 'Realtime unavailable');
      return;
    }
    deps.logger.error('realtime.accept_failed', { error: err instanceof Error ? err.stack : String(err) });
    ws.terminate();
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const target = upgradeTarget(req.url ?? '/');
    // Other paths have no WebSocket here; plain GET /app/... is the dashboard, answered by Hono.
    if (!target.pathname.startsWith('/app/') || closing) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // The 101 answer and the first frame (connection_established, or the refusal) leave in one
    // write: one syscall per handshake instead of two, and one packet for the client to read. On one
    // node the whole accept runs within this turn of the event loop; on several the answer waits
    // for the shared state's replies, which the client waited for anyway. end() and destroy() (a
    // refused upgrade) flush or drop what is corked.
    socket.cork();
    wss.handleUpgrade(req, socket, head, (ws) => {
      let answered: Promise<void> | undefined;
      try {
        answered = accept(ws, req, target);
      } catch (err) {
        acceptFailed(ws, err);
      }
      if (!answered) socket.uncork();
      else answered.catch((err: unknown) => acceptFailed(ws, err)).finally(() => socket.uncork());
    });
  }

  function sweep() {
    const now = Date.now();
    const idleMs = opts.activityTimeoutSec * 1000;
    // Every socket in the hub is a Connection: only track() registers one.
    for (const c of rt.hub.connections() as IterableIterator<Connection>) {
      if (c.pingSentAt && now - c.pingSentAt > opts.pongTimeoutMs) c.close(CODES.PONG_NOT_RECEIVED, 'Pong reply not received');
      else if (!c.pingSentAt && now - c.lastSeen > idleMs) c.ping();
    }
  }

  /**
   * The account of each project with sockets on this node (pruned by the periodic check): an
   * invalidation of that account re-checks those projects at once.
   */
  const accountOfProject = new Map<string, string>();

  /** A paid period that ended, or a block, closes the project's open connections with 4003. */
  async function checkAccess(): Promise<void> {
    const projectIds = new Set(rt.hub.projectIds());
    projectIds.delete(INTERNAL_PROJECT_ID);
    for (const id of accountOfProject.keys()) if (!projectIds.has(id)) accountOfProject.delete(id);
    await checkProjects(projectIds);
  }
  /** A project deleted (or its account) closes its sockets with 4001, a blocked or unpaid one with 4003. */
  async function checkProjects(projectIds: Iterable<string>): Promise<void> {
    const now = clock.now();
    for (const id of projectIds) {
      const found = await rt.projectWithAccess('id', id, now);
      const p = found?.project;
      const access = found ? found.access : 'blocked';
      if (access !== 'active') rt.hub.closeProject(id, p ? CODES.APP_DISABLED : CODES.APP_NOT_FOUND, p ? 'Application is disabled' : 'Application does not exist');
    }
  }
  /** One check at a time: a slow database must not pile them up. */
  let checking = false;
  function startAccessCheck() {
    if (checking) return;
    checking = true;
    checkAccess()
      .catch((err: unknown) => logger.error('realtime.access_check_failed', { error: err instanceof Error ? err.stack : String(err) }))
      .finally(() => (checking = false));
  }

  // A write that changed an account (its deletion, a block, a period paid or ended, one of its
  // projects), made here or relayed from another node, closes the sockets it concerns at once,
  // not at the next periodic check. setImmediate: after every listener, the project cache among
  // them, has dropped what it held of the account.
  const stopInvalidations = deps.invalidations.onApply(({ scope, id }) => {
    if (scope !== 'account') return;
    const ofAccount: string[] = [];
    for (const [projectId, accountId] of accountOfProject) if (accountId === id) ofAccount.push(projectId);
    if (ofAccount.length === 0) return;
    setImmediate(() => {
      checkProjects(ofAccount).catch((err: unknown) => logger.error('realtime.access_check_failed', { error: err instanceof Error ? err.stack : String(err) }));
    });
  });

  // This node's sockets joined channels the rest of the cluster no longer knows of (Redis went
  // away, or this node was presumed dead): they reconnect and join again, here or elsewhere.
  const stopLost = rt.broker.onLost(() => rt.hub.closeAll(CODES.RECONNECT_NOW, 'Realtime lost its shared state: reconnect'));

  const http = server as Server;
  http.on('upgrade', onUpgrade);
  const timers = [setInterval(sweep, opts.sweepIntervalMs), setInterval(startAccessCheck, opts.accessCheckIntervalMs)];
  for (const t of timers) t.unref();

  return {
    realtime: rt,
    connections: () => openSockets,
    settled,
    async close() {
      closing = true;
      stopLost();
      stopInvalidations();
      for (const t of timers) clearInterval(t);
      http.off('upgrade', onUpgrade);
      const all = openSockets === 0 ? Promise.resolve() : new Promise<void>((r) => (allClosed = r));
      rt.hub.closeAll(CODES.RECONNECT_NOW, 'Server is restarting: reconnect');
      await Promise.race([all, new Promise((r) => setTimeout(r, 2000).unref())]);
      // The sessions' closing rows (and any write still under way) before the store may close.
      await Promise.race([settled(), new Promise((r) => setTimeout(r, 2000).unref())]);
      wss.close();
    },
  };
}

interface UpgradeTarget {
  pathname: string;
  /** The `protocol` query parameter, as URLSearchParams would read it. */
  protocol: string | null;
}

/** `/app/{key}` with a plain query: the shape every SDK sends. */
const PLAIN_APP_TARGET = /^(\/app\/[\w-]+\/?)(?:\?([^#%+]*))?$/;

/**
 * The path and the protocol version of an upgrade request. The common shape is read with two
 * regular expressions; anything else (escapes, dot segments, a fragment) goes through a URL object
 * as before, so both read the same path and parameter.
 */
export function upgradeTarget(raw: string): UpgradeTarget {
  const plain = PLAIN_APP_TARGET.exec(raw);
  if (plain) return { pathname: plain[1]!, protocol: plain[2] === undefined ? null : protocolParam(plain[2]) };
  const url = new URL(raw, 'http://localhost');
  return { pathname: url.pathname, protocol: url.searchParams.get('protocol') };
}

/**
 * The first `protocol` pair of a plain query (no escapes); a bare `protocol` (no `=`) reads as "",
 * as in URLSearchParams. Scanned pair by pair rather than matched: no match array per connect.
 */
function protocolParam(query: string): string | null {
  for (let at = 0; at < query.length; ) {
    let end = query.indexOf('&', at);
    if (end < 0) end = query.length;
    if (query.startsWith('protocol', at)) {
      if (end === at + 8) return '';
      if (query.charCodeAt(at + 8) === 61 /* = */) return query.slice(at + 9, end);
    }
    at = end + 1;
  }
  return null;
}

type RequestMeta = ReturnType<typeof requestMeta>;

/** The client's address and device as metadata (offer 000 §1 "Метаданные"); never written to logs. */
function requestMeta(req: IncomingMessage, trustProxy: boolean) {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // The last hop our own proxy appended is the one the client cannot forge.
  const ip = hops?.[hops.length - 1] ?? req.socket.remoteAddress ?? null;
  return { ip, userAgent: req.headers['user-agent']?.slice(0, 500) ?? null, origin: req.headers.origin?.slice(0, 300) ?? null };
}

// The broker of several nodes, on Redis (the engine soketi and Centrifugo use for this). Every
// delivery goes through one pub/sub channel that every node listens to, this node included: Redis
// hands the messages of one connection to every listener in the order it took them, so every
// subscriber everywhere sees a channel's frames in one order, and each node gets each message
// once. Counters, occupancy and presence are hashes changed by Lua scripts (redis-scripts.ts),
// one atomic step each; a presence announcement is published by the same script that changes
// the members, so "added" and "removed" of one user can never overtake each other.
//
// A node proves it is alive with a heartbeat key; a node whose key expired (kill -9, a cut
// network) is reaped by whichever node looks first: its connection slots come back, its
// subscriptions are uncounted, and its members that had no socket elsewhere are announced gone.
// A node that loses Redis closes its sockets (they cannot hear the others any more) and, once
// Redis answers again, starts over under a new id, reaping its old one.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../platform/lib/logger.js';
import { createRedis, defineScript } from '../platform/redis/client.js';
import { type Broker, BrokerUnavailableError, type ChannelOccupancy, type ConnectionSlot, type Delivery, memberAddedFrame, memberRemovedFrame, type PresenceMember } from './broker.js';
import { LIMITS } from './protocol.js';
import { ACQUIRE, HEARTBEAT, JOIN, LEAVE, REAP, REGISTER, RELEASE } from './redis-scripts.js';

export interface RedisBrokerOptions {
  url: string;
  /** Prefix of every key and of the bus channel: several deployments (or test runs) can share one Redis. */
  prefix: string;
  /** How long a silent node counts as alive; its slots and members come back within about this long. */
  nodeTtlMs: number;
  logger: Logger;
}

export interface RedisBroker extends Broker {
  /** This node's current id in the cluster (a new one after each loss of Redis). */
  nodeId(): string;
  /** Resolves once this node has registered and listens to the bus (or rejects after `timeoutMs`). */
  ready(timeoutMs?: number): Promise<void>;
  /** Drops the connections without a word, as a killed process would (tests of the reaping). */
  abandon(): void;
}

const newNodeId = () => randomBytes(6).toString('hex');

export function encodeDelivery(d: Delivery): string {
  return d.kind === 'frame' ? `f\n${d.projectId}\n${d.channel}\n${d.exceptSocketId ?? ''}\n${d.frame}` : `c\n${d.projectId}\n${d.channel ?? ''}\n${d.code}\n${d.message}`;
}

export function decodeDelivery(message: string): Delivery | null {
  const a = message.indexOf('\n', 2);
  const b = message.indexOf('\n', a + 1);
  const c = message.indexOf('\n', b + 1);
  if (a < 0 || b < 0 || c < 0) return null;
  const projectId = message.slice(2, a);
  const channel = message.slice(a + 1, b);
  const fourth = message.slice(b + 1, c);
  const rest = message.slice(c + 1);
  if (message[0] === 'f') return { kind: 'frame', projectId, channel, frame: rest, ...(fourth ? { exceptSocketId: fourth } : {}) };
  if (message[0] === 'c') return { kind: 'close', projectId, channel: channel || null, code: Number(fourth), message: rest };
  return null;
}

export function createRedisBroker({ url, prefix: P, nodeTtlMs, logger }: RedisBrokerOptions): RedisBroker {
  const cmd = createRedis(url, { name: 'widgetry-broker' });
  // The bus listener keeps its SUBSCRIBE across reconnects (ioredis resubscribes by itself).
  const sub = createRedis(url, { name: 'widgetry-bus', queueWhileOffline: true });
  const bus = `${P}bus`;
  const run = {
    acquire: defineScript(cmd, 'wgAcquire', ACQUIRE),
    release: defineScript(cmd, 'wgRelease', RELEASE),
    join: defineScript(cmd, 'wgJoin', JOIN),
    leave: defineScript(cmd, 'wgLeave', LEAVE),
    heartbeat: defineScript(cmd, 'wgHeartbeat', HEARTBEAT),
    register: defineScript(cmd, 'wgRegister', REGISTER),
    reap: defineScript(cmd, 'wgReap', REAP),
  };
  const handlers = new Set<(d: Delivery) => void>();
  const lostHandlers = new Set<() => void>();
  let node = newNodeId();
  /** Registered under `node`, listening to the bus: deliveries and counts are whole. */
  let up = false;
  /** Set when `node` may hold counts of sockets that are gone: the next start reaps it first. */
  let stale: string | null = null;
  let registering = false;
  let closed = false;
  let waiters: (() => void)[] = [];

  sub.on('message', (channel: string, message: string) => {
    if (channel !== bus) return;
    const d = decodeDelivery(message);
    if (!d) return;
    for (const h of handlers) h(d);
  });

  function lose(reason: string): void {
    if (!up) return;
    up = false;
    stale = node;
    logger.error('realtime.redis_lost', { reason, node });
    for (const h of lostHandlers) h();
  }

  /** Registers a fresh node id once both connections answer; reaps the previous id. */
  async function start(): Promise<void> {
    if (up || registering || closed || cmd.status !== 'ready' || sub.status !== 'ready') return;
    registering = true;
    try {
      if (stale !== null) node = newNodeId();
      await run.reap(P, stale ?? '');
      await run.register(P, node, nodeTtlMs);
      stale = null;
      up = true;
      logger.info('realtime.redis_joined', { node });
      for (const w of waiters) w();
      waiters = [];
    } catch (err) {
      logger.warn('realtime.redis_join_failed', { error: String(err) });
    } finally {
      registering = false;
    }
  }

  cmd.on('ready', () => void start());
  sub.on('ready', () => void start());
  cmd.on('close', () => lose('command connection closed'));
  sub.on('close', () => lose('bus connection closed'));
  void sub.subscribe(bus).catch((err: unknown) => logger.warn('realtime.redis_subscribe_failed', { error: String(err) }));

  async function beat(): Promise<void> {
    if (!up) return void start();
    try {
      if ((await run.heartbeat(P, node, nodeTtlMs)) === -1) lose('presumed dead by the cluster (heartbeat too late)');
      // Any node may reap: the script is atomic, and a node reaped twice is reaped once.
      await run.reap(P, '');
    } catch (err) {
      logger.warn('realtime.redis_heartbeat_failed', { error: String(err) });
    }
    if (!up) void start();
  }
  const timer = setInterval(() => void beat(), Math.max(50, Math.floor(nodeTtlMs / 3)));
  timer.unref();

  /** A script's -1: this node was reaped while the call was under way. */
  function ensure(result: unknown): unknown {
    if (result === -1) {
      lose('presumed dead by the cluster');
      throw new BrokerUnavailableError();
    }
    return result;
  }
  function unavailable(): never {
    throw new BrokerUnavailableError();
  }

  const membersKey = (projectId: string, channel: string) => `${P}members:${projectId}\n${channel}`;

  return {
    nodeId: () => node,
    ready(timeoutMs = 5000) {
      if (up) return Promise.resolve();
      return new Promise<void>((ok, fail) => {
        const t = setTimeout(() => fail(new BrokerUnavailableError(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
        waiters.push(() => {
          clearTimeout(t);
          ok();
        });
      });
    },
    publish(d) {
      if (!up) unavailable();
      cmd.publish(bus, encodeDelivery(d)).catch((err: unknown) => logger.warn('realtime.redis_publish_failed', { error: String(err) }));
    },
    onDelivery(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async tryAcquireConnection(projectId, mayOpen) {
      if (!up) unavailable();
      const owner = node;
      const total = ensure(await run.acquire(P, owner, projectId)) as number;
      let released = false;
      const slot: ConnectionSlot = {
        open: total,
        release() {
          if (released) return;
          released = true;
          // Under the id it was taken with: after a restart under a new id the old one is reaped (a no-op here).
          run.release(P, owner, projectId).catch(() => {});
        },
      };
      // Count first, then ask: concurrent takers each see their own increment, so at most the
      // allowed number pass; one refused gives its increment back.
      if (mayOpen(total - 1)) return slot;
      slot.release();
      return null;
    },
    async connections(projectId) {
      if (!up) unavailable();
      const values = await cmd.hvals(`${P}conn:${projectId}`);
      return values.reduce((n, v) => n + Number(v), 0);
    },
    async join(projectId, channel, socketId, member?: PresenceMember) {
      if (!up) unavailable();
      const added = member ? encodeDelivery({ kind: 'frame', projectId, channel, frame: memberAddedFrame(channel, member), exceptSocketId: socketId }) : '';
      const reply = ensure(await run.join(P, node, projectId, channel, member?.userId ?? '', JSON.stringify(member?.info ?? null), LIMITS.presenceMembers, added)) as [number, string[]?];
      if (reply[0] === 0) return { ok: false, reason: 'presence_full' };
      if (!member) return { ok: true };
      const flat = reply[1] ?? [];
      const hash: Record<string, unknown> = {};
      for (let i = 0; i < flat.length; i += 2) hash[flat[i]!] = JSON.parse(flat[i + 1]!) as unknown;
      const ids = Object.keys(hash);
      return { ok: true, presence: { ids, hash, count: ids.length } };
    },
    leave(projectId, channel, socketId, userId) {
      // When Redis is away the node's counts are reaped as a whole once it is back.
      if (!up) return;
      const removed = userId === null ? '' : encodeDelivery({ kind: 'frame', projectId, channel, frame: memberRemovedFrame(channel, userId), exceptSocketId: socketId });
      run.leave(P, node, projectId, channel, userId ?? '', removed).catch((err: unknown) => logger.warn('realtime.redis_leave_failed', { error: String(err) }));
    },
    async subscriptionCounts(projectId, channels) {
      if (channels.length === 0) return [];
      if (!up) unavailable();
      const values = await cmd.hmget(`${P}subs:${projectId}`, ...channels);
      return values.map((v) => Number(v ?? 0));
    },
    async channels(projectId) {
      if (!up) unavailable();
      const all = await cmd.hgetall(`${P}subs:${projectId}`);
      const names = Object.keys(all).filter((name) => Number(all[name]) > 0);
      const presence = names.filter((n) => n.startsWith('presence-'));
      const users = presence.length === 0 ? [] : ((await presence.reduce((pipe, n) => pipe.hlen(membersKey(projectId, n)), cmd.pipeline()).exec()) ?? []);
      const userCounts = new Map(presence.map((n, i) => [n, Number(users[i]?.[1] ?? 0)]));
      return names.map((name): ChannelOccupancy => ({ name, subscriptionCount: Number(all[name]), userCount: userCounts.get(name) ?? null }));
    },
    async members(projectId, channel) {
      if (!up) unavailable();
      const info = await cmd.hgetall(`${P}info:${projectId}\n${channel}`);
      return Object.entries(info).map(([userId, json]) => ({ userId, info: JSON.parse(json) as unknown }));
    },
    available: () => up,
    onLost(handler) {
      lostHandlers.add(handler);
      return () => lostHandlers.delete(handler);
    },
    async check() {
      if (!up) throw new BrokerUnavailableError();
      await cmd.ping();
    },
    abandon() {
      closed = true;
      up = false;
      clearInterval(timer);
      handlers.clear();
      lostHandlers.clear();
      sub.disconnect();
      cmd.disconnect();
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      handlers.clear();
      lostHandlers.clear();
      // A clean stop hands its slots and members back at once instead of after the TTL.
      if (up) {
        up = false;
        await run.reap(P, node).catch(() => {});
      }
      sub.disconnect();
      await cmd.quit().catch(() => cmd.disconnect());
    },
  };
}

// What app nodes must share to act as one realtime service: the fan-out of published frames,
// the connection counters, channel occupancy and presence members. One node uses the in-process
// broker below; several nodes use the Redis one (redis-broker.ts) with the same interface. The
// daily message counter is not here: it is one conditional UPDATE in the shared SQL database,
// exact on any number of nodes (platform/tariffs/realtime-policy.ts).
import { frame, LIMITS } from './protocol.js';

/** A frame for one channel's subscribers, on every node. */
export interface FrameDelivery {
  kind: 'frame';
  projectId: string;
  channel: string;
  /** The serialized frame, built once per channel and sent as is to each subscriber. */
  frame: string;
  /** A socket that must not receive it (the sender of a client event, or the API's socket_id). */
  exceptSocketId?: string;
}

/** Closes sockets on every node: a channel's subscribers, or (channel null) all of a project's sockets. */
export interface CloseOrder {
  kind: 'close';
  projectId: string;
  channel: string | null;
  code: number;
  message: string;
}

export type Delivery = FrameDelivery | CloseOrder;

export interface PresenceMember {
  userId: string;
  info: unknown;
}

export interface PresenceSnapshot {
  ids: string[];
  hash: Record<string, unknown>;
  count: number;
}

export type JoinResult = { ok: true; presence?: PresenceSnapshot } | { ok: false; reason: 'presence_full' };

export interface ChannelOccupancy {
  name: string;
  subscriptionCount: number;
  /** Presence channels: distinct users across the cluster; null elsewhere. */
  userCount: number | null;
}

/** A connection slot taken from a project's count; released exactly once when the socket goes. */
export interface ConnectionSlot {
  /** The project's open connections across the cluster when this one was counted, itself included. */
  readonly open: number;
  release(): void;
}

/** Thrown (or the reason of a rejection) when the shared state cannot be reached. */
export class BrokerUnavailableError extends Error {
  constructor(message = 'Realtime is unavailable: the shared state (Redis) cannot be reached') {
    super(message);
    this.name = 'BrokerUnavailableError';
  }
}

export interface Broker {
  /** Hands a delivery to every node, this one included. Throws BrokerUnavailableError when it cannot. */
  publish(delivery: Delivery): void;
  /** This node's receiver of deliveries; returns an unsubscribe function. */
  onDelivery(handler: (delivery: Delivery) => void): () => void;
  /**
   * Takes a connection slot if `mayOpen` allows one more while the project holds `openNow` across
   * all nodes; null when it does not. The broker counts, the tariff decides
   * (tariffs/realtime-policy.ts mayOpenConnection); the check and the take are one atomic step.
   */
  tryAcquireConnection(projectId: string, mayOpen: (openNow: number) => boolean): Promise<ConnectionSlot | null>;
  /**
   * Present when the counts are in this process (the local broker): tryAcquireConnection with the
   * answer at once. A connect then runs within one turn of the event loop (attach.ts).
   */
  tryAcquireConnectionNow?(projectId: string, mayOpen: (openNow: number) => boolean): ConnectionSlot | null;
  /** Open connections of the project on every node. */
  connections(projectId: string): Promise<number>;
  /**
   * Counts one socket's subscription to a channel. On a presence channel (member given) the
   * user joins the members unless the channel is full; the first socket of a user anywhere in
   * the cluster announces member_added to the others (except this socket), atomically with the join.
   */
  join(projectId: string, channel: string, socketId: string, member?: PresenceMember): Promise<JoinResult>;
  /** Undoes a join; the user's last socket anywhere announces member_removed. Never throws. */
  leave(projectId: string, channel: string, socketId: string, userId: string | null): void;
  /** Subscriptions per channel, in the order asked, across the cluster. */
  subscriptionCounts(projectId: string, channels: string[]): Promise<number[]>;
  /** Occupied channels of a project across the cluster. */
  channels(projectId: string): Promise<ChannelOccupancy[]>;
  members(projectId: string, channel: string): Promise<PresenceMember[]>;
  /** Whether new connections and publishes can be taken now. */
  available(): boolean;
  /**
   * Called when this node lost the shared state (Redis went away, or this node was presumed dead):
   * its sockets must be closed, since what they joined is no longer known to the others.
   */
  onLost(handler: () => void): () => void;
  /** Resolves when the shared state answers; rejects with the reason otherwise (readiness). */
  check(): Promise<void>;
  close(): Promise<void>;
}

export const memberAddedFrame = (channel: string, m: PresenceMember) => frame('pusher_internal:member_added', { user_id: m.userId, user_info: m.info }, channel);
export const memberRemovedFrame = (channel: string, userId: string) => frame('pusher_internal:member_removed', { user_id: userId }, channel);

interface LocalChannel {
  subscriptions: number;
  /** Presence: user id → info and how many sockets of this user are in. */
  members: Map<string, { info: unknown; sockets: number }> | null;
}

/** One process: fan-out is a function call and counters are Maps — exact, since JS runs one thing at a time. */
export function createLocalBroker(): Broker {
  const handlers = new Set<(d: Delivery) => void>();
  const held = new Map<string, number>();
  /**
   * A slot: its counted key, null once given back. A class per broker so that the counts are
   * reached through it, not through a field per slot: every open socket holds two of these, and
   * each field is 8 bytes per socket. Its release is a method, not a closure (and context) per slot.
   */
  class LocalSlot implements ConnectionSlot {
    constructor(
      readonly open: number,
      private key: string | null,
    ) {}

    release(): void {
      if (this.key === null) return;
      const left = (held.get(this.key) ?? 0) - 1;
      if (left > 0) held.set(this.key, left);
      else held.delete(this.key);
      this.key = null;
    }
  }
  const projects = new Map<string, Map<string, LocalChannel>>();
  const publish = (delivery: Delivery) => {
    for (const h of handlers) h(delivery);
  };
  const channelOf = (projectId: string, channel: string) => projects.get(projectId)?.get(channel);
  // Check and take in one synchronous step: nothing can interleave.
  const acquireNow = (projectId: string, mayOpen: (openNow: number) => boolean): ConnectionSlot | null => {
    const n = held.get(projectId) ?? 0;
    if (!mayOpen(n)) return null;
    held.set(projectId, n + 1);
    return new LocalSlot(n + 1, projectId);
  };
  const snapshot = (ch: LocalChannel): PresenceSnapshot => {
    const hash: Record<string, unknown> = {};
    for (const [id, m] of ch.members!) hash[id] = m.info ?? null;
    return { ids: Object.keys(hash), hash, count: ch.members!.size };
  };
  return {
    publish,
    onDelivery(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    tryAcquireConnection: (projectId, mayOpen) => Promise.resolve(acquireNow(projectId, mayOpen)),
    tryAcquireConnectionNow: acquireNow,
    connections: (projectId) => Promise.resolve(held.get(projectId) ?? 0),
    join(projectId, channel, socketId, member) {
      const p = projects.get(projectId) ?? new Map<string, LocalChannel>();
      let ch = p.get(channel);
      const created = !ch;
      ch ??= { subscriptions: 0, members: member ? new Map() : null };
      if (ch.members && member) {
        const known = ch.members.get(member.userId);
        if (!known && ch.members.size >= LIMITS.presenceMembers) return Promise.resolve({ ok: false, reason: 'presence_full' });
        if (known) known.sockets += 1;
        else {
          ch.members.set(member.userId, { info: member.info, sockets: 1 });
          // Pusher announces a user once, however many tabs they open.
          publish({ kind: 'frame', projectId, channel, frame: memberAddedFrame(channel, member), exceptSocketId: socketId });
        }
      }
      if (created) p.set(channel, ch);
      projects.set(projectId, p);
      ch.subscriptions += 1;
      return Promise.resolve(ch.members ? { ok: true, presence: snapshot(ch) } : { ok: true });
    },
    leave(projectId, channel, socketId, userId) {
      const p = projects.get(projectId);
      const ch = p?.get(channel);
      if (!p || !ch) return;
      ch.subscriptions -= 1;
      if (ch.members && userId !== null) {
        const m = ch.members.get(userId);
        if (m && --m.sockets === 0) {
          ch.members.delete(userId);
          publish({ kind: 'frame', projectId, channel, frame: memberRemovedFrame(channel, userId), exceptSocketId: socketId });
        }
      }
      if (ch.subscriptions <= 0) p.delete(channel);
      if (p.size === 0) projects.delete(projectId);
    },
    subscriptionCounts: (projectId, channels) => Promise.resolve(channels.map((c) => channelOf(projectId, c)?.subscriptions ?? 0)),
    channels: (projectId) => Promise.resolve([...(projects.get(projectId) ?? [])].map(([name, ch]) => ({ name, subscriptionCount: ch.subscriptions, userCount: ch.members ? ch.members.size : null }))),
    members(projectId, channel) {
      const ch = channelOf(projectId, channel);
      return Promise.resolve(ch?.members ? [...ch.members].map(([userId, m]) => ({ userId, info: m.info })) : []);
    },
    available: () => true,
    onLost: () => () => {},
    check: () => Promise.resolve(),
    close: async () => {
      handlers.clear();
    },
  };
}

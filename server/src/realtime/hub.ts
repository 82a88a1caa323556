// This node's live state: connections per project, channels and their subscribers, presence
// members. Frames reach subscribers only through the broker (so a second node would see them
// too) and leave through the chunked fan-out.
import type { Broker, Delivery } from './broker.js';
import { createFanOut, type FanOut, type Recipient } from './fanout.js';
import { channelKind, frame, LIMITS } from './protocol.js';

export interface Conn extends Recipient {
  readonly id: string;
  readonly projectId: string;
  /** Subscribed channels → the presence user id on presence channels, null elsewhere. */
  readonly channels: Map<string, string | null>;
  close(code: number, message: string): void;
}

export interface PresenceMember {
  userId: string;
  info: unknown;
}

interface LiveChannel {
  subscribers: Set<Conn>;
  /** Presence: user id → info and how many of this user's sockets are in. */
  members: Map<string, { info: unknown; sockets: number }> | null;
  /** Subscribers as an array, rebuilt only after a change: big stable channels are not copied per publish. */
  snapshot: Conn[] | null;
}

interface LiveProject {
  conns: Set<Conn>;
  channels: Map<string, LiveChannel>;
}

export type SubscribeResult = { ok: true; presence?: { ids: string[]; hash: Record<string, unknown>; count: number } } | { ok: false; reason: 'presence_full' };

export class Hub {
  private readonly projects = new Map<string, LiveProject>();
  readonly fanOut: FanOut = createFanOut();
  private readonly stopListening: () => void;

  constructor(readonly broker: Broker) {
    this.stopListening = broker.onDelivery((d) => this.deliverLocal(d));
  }

  private project(id: string): LiveProject {
    let p = this.projects.get(id);
    if (!p) {
      p = { conns: new Set(), channels: new Map() };
      this.projects.set(id, p);
    }
    return p;
  }

  register(conn: Conn): void {
    this.project(conn.projectId).conns.add(conn);
  }

  /** Leaves every channel (presence members are announced gone) and forgets the connection. */
  unregister(conn: Conn): void {
    if (conn.channels.size > 0) for (const channel of [...conn.channels.keys()]) this.unsubscribe(conn, channel);
    const p = this.projects.get(conn.projectId);
    if (!p) return;
    p.conns.delete(conn);
    if (p.conns.size === 0 && p.channels.size === 0) this.projects.delete(conn.projectId);
  }

  subscribe(conn: Conn, channel: string, member?: PresenceMember): SubscribeResult {
    const p = this.project(conn.projectId);
    let ch = p.channels.get(channel);
    if (!ch) {
      ch = { subscribers: new Set(), members: channelKind(channel) === 'presence' ? new Map() : null, snapshot: null };
      p.channels.set(channel, ch);
    }
    if (ch.subscribers.has(conn)) return { ok: true, ...(ch.members ? { presence: presenceOf(ch) } : {}) };
    if (ch.members && member) {
      const known = ch.members.get(member.userId);
      if (!known && ch.members.size >= LIMITS.presenceMembers) {
        if (ch.subscribers.size === 0) p.channels.delete(channel);
        return { ok: false, reason: 'presence_full' };
      }
      if (known) known.sockets += 1;
      else {
        ch.members.set(member.userId, { info: member.info, sockets: 1 });
        // Pusher announces a user once, however many tabs they open.
        this.broker.publish({ projectId: conn.projectId, channel, frame: frame('pusher_internal:member_added', { user_id: member.userId, user_info: member.info }, channel), exceptSocketId: conn.id });
      }
    }
    ch.subscribers.add(conn);
    ch.snapshot = null;
    conn.channels.set(channel, member?.userId ?? null);
    return { ok: true, ...(ch.members ? { presence: presenceOf(ch) } : {}) };
  }

  unsubscribe(conn: Conn, channel: string): void {
    const userId = conn.channels.get(channel);
    if (userId === undefined) return;
    conn.channels.delete(channel);
    const p = this.projects.get(conn.projectId);
    const ch = p?.channels.get(channel);
    if (!p || !ch) return;
    ch.subscribers.delete(conn);
    ch.snapshot = null;
    if (ch.members && userId !== null) {
      const m = ch.members.get(userId);
      if (m && --m.sockets === 0) {
        ch.members.delete(userId);
        this.broker.publish({ projectId: conn.projectId, channel, frame: frame('pusher_internal:member_removed', { user_id: userId }, channel), exceptSocketId: conn.id });
      }
    }
    if (ch.subscribers.size === 0) p.channels.delete(channel);
  }

  private deliverLocal(d: Delivery): void {
    const ch = this.projects.get(d.projectId)?.channels.get(d.channel);
    if (!ch || ch.subscribers.size === 0) return;
    ch.snapshot ??= [...ch.subscribers];
    this.fanOut.enqueue(ch.snapshot, d.frame, d.exceptSocketId);
  }

  subscriberCount(projectId: string, channel: string): number {
    return this.projects.get(projectId)?.channels.get(channel)?.subscribers.size ?? 0;
  }

  /** Occupied channels with their subscription and (presence) user counts. */
  channels(projectId: string): { name: string; subscriptionCount: number; userCount: number | null }[] {
    const p = this.projects.get(projectId);
    if (!p) return [];
    return [...p.channels].map(([name, ch]) => ({ name, subscriptionCount: ch.subscribers.size, userCount: ch.members ? ch.members.size : null }));
  }

  members(projectId: string, channel: string): PresenceMember[] {
    const ch = this.projects.get(projectId)?.channels.get(channel);
    return ch?.members ? [...ch.members].map(([userId, m]) => ({ userId, info: m.info })) : [];
  }

  /** Open sockets on this node, of every project (the platform's own included). */
  totalConnections(): number {
    let n = 0;
    for (const p of this.projects.values()) n += p.conns.size;
    return n;
  }

  connectionCount(projectId: string): number {
    return this.projects.get(projectId)?.conns.size ?? 0;
  }

  closeProject(projectId: string, code: number, message: string): number {
    const conns = [...(this.projects.get(projectId)?.conns ?? [])];
    for (const c of conns) c.close(code, message);
    return conns.length;
  }

  /** Closes every socket subscribed to the channel; returns how many. */
  closeChannel(projectId: string, channel: string, code: number, message: string): number {
    const conns = [...(this.projects.get(projectId)?.channels.get(channel)?.subscribers ?? [])];
    for (const c of conns) c.close(code, message);
    return conns.length;
  }

  closeAll(code: number, message: string): void {
    for (const id of [...this.projects.keys()]) this.closeProject(id, code, message);
  }

  dispose(): void {
    this.stopListening();
  }
}

function presenceOf(ch: LiveChannel) {
  const hash: Record<string, unknown> = {};
  for (const [id, m] of ch.members!) hash[id] = m.info ?? null;
  return { ids: Object.keys(hash), hash, count: ch.members!.size };
}

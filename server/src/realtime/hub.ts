// This node's live state: its sockets per project and each channel's subscribers here. What the
// whole cluster knows (subscription counts, presence members, connection counts) is the broker's;
// frames reach subscribers only through the broker (so every node sees them, in one order) and
// leave through the chunked fan-out.
import type { Broker, CloseOrder, Delivery, JoinResult, PresenceMember } from './broker.js';
import { createFanOut, type FanOut, type Recipient } from './fanout.js';

export interface Conn extends Recipient {
  readonly id: string;
  readonly projectId: string;
  /** Subscribed channels → the presence user id on presence channels, null elsewhere. */
  readonly channels: Map<string, string | null>;
  /** How many channels it is in, without making `channels` for a socket that never subscribed. */
  readonly channelCount: number;
  /** Set once the socket is closing: it must not join anything any more. */
  readonly closed: boolean;
  close(code: number, message: string): void;
}

export type { PresenceMember };

interface LiveChannel {
  subscribers: Set<Conn>;
  /** Subscribers as an array, rebuilt only after a change: big stable channels are not copied per publish. */
  snapshot: Conn[] | null;
}

interface LiveProject {
  conns: Set<Conn>;
  channels: Map<string, LiveChannel>;
}

export type SubscribeResult = JoinResult;

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
    if (conn.channelCount > 0) for (const channel of [...conn.channels.keys()]) this.unsubscribe(conn, channel);
    const p = this.projects.get(conn.projectId);
    if (!p) return;
    p.conns.delete(conn);
    if (p.conns.size === 0 && p.channels.size === 0) this.projects.delete(conn.projectId);
  }

  /**
   * Joins the channel in the cluster (the broker counts it and, on presence channels, adds the
   * member), then here. A socket closed while the broker answered leaves again at once.
   */
  async subscribe(conn: Conn, channel: string, member?: PresenceMember): Promise<SubscribeResult> {
    if (conn.channels.has(channel)) {
      if (conn.channels.get(channel) === null) return { ok: true };
      const members = await this.broker.members(conn.projectId, channel);
      const hash = Object.fromEntries(members.map((m) => [m.userId, m.info ?? null]));
      return { ok: true, presence: { ids: Object.keys(hash), hash, count: members.length } };
    }
    const result = await this.broker.join(conn.projectId, channel, conn.id, member);
    if (!result.ok) return result;
    if (conn.closed || conn.channels.has(channel)) {
      this.broker.leave(conn.projectId, channel, conn.id, member?.userId ?? null);
      return result;
    }
    const p = this.project(conn.projectId);
    let ch = p.channels.get(channel);
    if (!ch) {
      ch = { subscribers: new Set(), snapshot: null };
      p.channels.set(channel, ch);
    }
    ch.subscribers.add(conn);
    ch.snapshot = null;
    conn.channels.set(channel, member?.userId ?? null);
    return result;
  }

  unsubscribe(conn: Conn, channel: string): void {
    const userId = conn.channels.get(channel);
    if (userId === undefined) return;
    conn.channels.delete(channel);
    this.broker.leave(conn.projectId, channel, conn.id, userId);
    const p = this.projects.get(conn.projectId);
    const ch = p?.channels.get(channel);
    if (!p || !ch) return;
    ch.subscribers.delete(conn);
    ch.snapshot = null;
    if (ch.subscribers.size === 0) p.channels.delete(channel);
  }

  private deliverLocal(d: Delivery): void {
    if (d.kind === 'close') return this.closeHere(d);
    const ch = this.projects.get(d.projectId)?.channels.get(d.channel);
    if (!ch || ch.subscribers.size === 0) return;
    ch.snapshot ??= [...ch.subscribers];
    this.fanOut.enqueue(ch.snapshot, d.frame, d.exceptSocketId);
  }

  private closeHere(order: CloseOrder): void {
    if (order.channel === null) this.closeProject(order.projectId, order.code, order.message);
    else this.closeChannel(order.projectId, order.channel, order.code, order.message);
  }

  /** Subscribers on this node only (the cluster's count is the broker's). */
  localSubscriberCount(projectId: string, channel: string): number {
    return this.projects.get(projectId)?.channels.get(channel)?.subscribers.size ?? 0;
  }

  /**
   * This node's sockets that are not closing, of every project. Closing one while iterating is
   * allowed (the sweep does): a Set or Map iterator skips what was deleted behind it.
   */
  *connections(): IterableIterator<Conn> {
    for (const p of this.projects.values()) yield* p.conns;
  }

  /** Projects with sockets on this node. */
  *projectIds(): IterableIterator<string> {
    for (const [id, p] of this.projects) if (p.conns.size > 0) yield id;
  }

  /** Open sockets on this node, of every project (the platform's own included). */
  totalConnections(): number {
    let n = 0;
    for (const p of this.projects.values()) n += p.conns.size;
    return n;
  }

  /** Sockets of the project on this node only (the cluster's count is broker.connections). */
  localConnectionCount(projectId: string): number {
    return this.projects.get(projectId)?.conns.size ?? 0;
  }

  /** Closes this node's sockets of the project; returns how many. */
  closeProject(projectId: string, code: number, message: string): number {
    const conns = [...(this.projects.get(projectId)?.conns ?? [])];
    for (const c of conns) c.close(code, message);
    return conns.length;
  }

  /** Closes every socket subscribed to the channel on this node; returns how many. */
  closeChannel(projectId: string, channel: string, code: number, message: string): number {
    const conns = [...(this.projects.get(projectId)?.channels.get(channel)?.subscribers ?? [])];
    for (const c of conns) c.close(code, message);
    return conns.length;
  }

  /**
   * Closes the project's (or, with a channel, that channel's) sockets on every node. Without the
   * shared state only this node's can be reached; the others close theirs when they lose it too.
   */
  closeEverywhere(projectId: string, channel: string | null, code: number, message: string): void {
    try {
      this.broker.publish({ kind: 'close', projectId, channel, code, message });
    } catch {
      this.closeHere({ kind: 'close', projectId, channel, code, message });
    }
  }

  closeAll(code: number, message: string): void {
    for (const id of [...this.projects.keys()]) this.closeProject(id, code, message);
  }

  dispose(): void {
    this.stopListening();
  }
}

// One client WebSocket speaking protocol 7 after the handshake: ping/pong, subscribe and
// unsubscribe (with channel authorization), client- events, and the send-buffer cap.
//
// A client's frames are handled one after another, in the order sent, also when one of them waits
// for the database (a private subscription, a client event): the frames behind it wait their turn
// (see drain), so "subscribe, then unsubscribe" or two client events cannot overtake each other.
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { AppDeps } from '../deps.js';
import { storableText } from '../platform/lib/storable-text.js';
import { BrokerUnavailableError, type ConnectionSlot } from './broker.js';
import type { Conn } from './hub.js';
import { INTERNAL_APP_KEY, INTERNAL_PROJECT_ID } from './internal.js';
import { channelKind, CODES, errorFrame, frame, LIMITS, validChannelName, validEventName } from './protocol.js';
import { publishMessages } from './publish.js';
import type { Realtime } from './service.js';
import { verifyChannelAuth } from './signatures.js';

export interface ConnectionOptions {
  /** Seconds of silence before a ping; sent to the client in connection_established. */
  activityTimeoutSec: number;
  /** How long an unanswered ping may wait before the connection is closed with 4201. */
  pongTimeoutMs: number;
  /** Bytes queued for a client beyond which it is a slow consumer and is disconnected. */
  maxBufferedBytes: number;
}

/**
 * What every connection of one realtime server shares (attach.ts makes one): a socket holds one
 * reference to it rather than three of its own — each field of a Connection is 8 bytes per socket.
 */
export interface ConnectionContext {
  readonly deps: AppDeps;
  readonly rt: Realtime;
  readonly options: ConnectionOptions;
}

/** Client events counted per second; made on a socket's first client event (most never send one). */
interface ClientEventWindow {
  startedAt: number;
  count: number;
}

export class Connection implements Conn {
  private subscribed: Map<string, string | null> | null = null;
  /** Made on first use: most sockets sit idle, and an empty Map per socket adds up over thousands. */
  get channels(): Map<string, string | null> {
    this.subscribed ??= new Map();
    return this.subscribed;
  }
  /** Read on every close (hub.unregister): most sockets never subscribed, and no Map is made for them. */
  get channelCount(): number {
    return this.subscribed?.size ?? 0;
  }
  /** Wall-clock keepalive times (not the injected clock: moving business time must not drop sockets). */
  lastSeen = Date.now();
  pingSentAt = 0;
  /**
   * The code the connection closed with, null while open: ours when we closed it (a terminated
   * socket reports 1006, the log should say why), else the socket's (attach.ts).
   */
  closeCode: number | null = null;
  /** Set once the socket is closing: it must not join anything any more. */
  get closed(): boolean {
    return this.closeCode !== null;
  }
  private clientEvents: ClientEventWindow | null = null;
  /** Frames that came while an earlier one was waiting for the database; null when none is. */
  private backlog: RawData[] | null = null;
  /** The project's connection slot this socket holds, given back when it closes (attach.ts). */
  slot: ConnectionSlot | null = null;
  /** The slot of this client's address on this app (attach.ts, REALTIME_SOCKETS_PER_IP). */
  ipSlot: ConnectionSlot | null = null;

  constructor(
    readonly id: string,
    readonly projectId: string,
    /** The client's address, for the message log of its client events (metadata). */
    private readonly ip: string | null,
    private readonly ws: WebSocket,
    private readonly ctx: ConnectionContext,
  ) {}

  send(data: Buffer | string): void {
    if (this.closed) return;
    this.ws.send(data, { binary: false });
    // A client that does not read would make us hold every frame for it: cut it off instead.
    if (this.ws.bufferedAmount > this.ctx.options.maxBufferedBytes) {
      this.ctx.deps.metrics.realtimeSlowConsumerDrops.inc();
      this.close(CODES.OVER_CAPACITY, 'Slow consumer: send buffer over limit', true);
    }
  }

  // ws has no public cork: its socket is the documented-in-source `_socket`. Frames sent between
  // the two leave in one write (fanout.ts); ws's own per-frame cork nests inside these.
  cork(): void {
    (this.ws as unknown as { _socket?: Duplex | null })._socket?.cork();
  }

  uncork(): void {
    (this.ws as unknown as { _socket?: Duplex | null })._socket?.uncork();
  }

  /** Pusher's way: an error frame, then the same code as the close code. */
  close(code: number, message: string, terminate = false): void {
    if (this.closed) return;
    this.closeCode = code;
    // Out of every channel now, not when the socket finally closes: nothing more is queued for it.
    this.ctx.rt.hub.unregister(this);
    if (terminate) {
      // The close frame would queue behind the unread megabyte; give it a moment, then drop the socket.
      this.ws.close(code, message);
      setTimeout(() => this.ws.terminate(), 1000).unref();
      return;
    }
    this.ws.send(errorFrame(code, message));
    this.ws.close(code, message);
  }

  /** Socket closed by the client or the network (attach.ts): nothing more is sent or joined. */
  socketClosed(code: number): void {
    this.closeCode ??= code;
  }

  ping(): void {
    this.pingSentAt = Date.now();
    this.send(frame('pusher:ping', {}));
  }

  onMessage(raw: RawData): void {
    if (this.closed) return; // frames still buffered after we closed: the client is gone for us
    this.lastSeen = Date.now();
    this.pingSentAt = 0;
    if (this.backlog) {
      this.backlog.push(raw);
      return;
    }
    let pending: Promise<void> | void;
    try {
      pending = this.handle(raw);
    } catch (err) {
      // Nothing a frame does may throw out of the socket's event handler: that would end the process.
      return this.failed(err);
    }
    if (pending) void this.drain(pending);
  }

  /** A frame's work failed (the database refused a write, say): logged, and the client told to reconnect. */
  private failed(err: unknown): void {
    if (err instanceof BrokerUnavailableError) return this.close(CODES.OVER_CAPACITY, UNAVAILABLE);
    this.ctx.deps.logger.error('realtime.message_failed', { projectId: this.projectId, error: err instanceof Error ? err.stack : String(err) });
    this.close(CODES.RECONNECT_NOW, 'Internal error: reconnect');
  }

  /**
   * Waits for a frame's database work, then handles the frames that came meanwhile, in order.
   * Reading from the client pauses until then, so a client that floods us fills its own TCP
   * window, not our memory. A failure is logged and the client told to reconnect (4200), which
   * resubscribes it: a subscription must not hang unanswered.
   */
  private async drain(first: Promise<void>): Promise<void> {
    const backlog: RawData[] = [];
    this.backlog = backlog;
    this.ws.pause();
    try {
      let pending: Promise<void> | void = first;
      for (;;) {
        if (pending) await pending;
        const raw = backlog.shift();
        if (raw === undefined || this.closed) return;
        pending = this.handle(raw);
      }
    } catch (err) {
      this.failed(err);
    } finally {
      this.backlog = null;
      // Also after a close: the closing handshake needs the client's close frame read.
      this.ws.resume();
    }
  }

  /** One frame; a promise when its answer needs the database. */
  private handle(raw: RawData): Promise<void> | void {
    let msg: { event?: unknown; channel?: unknown; data?: unknown };
    try {
      msg = JSON.parse(raw.toString()) as typeof msg;
    } catch {
      return this.send(errorFrame(null, 'Invalid JSON'));
    }
    if (!msg || typeof msg !== 'object' || typeof msg.event !== 'string') return this.send(errorFrame(null, 'A message needs an "event"'));
    let data = msg.data;
    if (typeof data === 'string' && !msg.event.startsWith('client-')) {
      try {
        data = JSON.parse(data);
      } catch {
        // leave as is: the handler says what is wrong
      }
    }
    switch (msg.event) {
      case 'pusher:ping':
        return this.send(frame('pusher:pong', {}));
      case 'pusher:pong':
        return;
      case 'pusher:subscribe':
        return this.subscribe(data as SubscribeData);
      case 'pusher:unsubscribe': {
        const channel = (data as { channel?: unknown } | null)?.channel;
        if (typeof channel === 'string') this.ctx.rt.hub.unsubscribe(this, channel);
        return;
      }
      default:
        if (msg.event.startsWith('client-')) return this.clientEvent(msg.event, msg.channel, msg.data);
        return this.send(errorFrame(null, `Unsupported event: ${msg.event.slice(0, 50)}`));
    }
  }

  private subscriptionError(channel: string, type: string, error: string, status: number): void {
    // pusher-js and Laravel Echo surface this on the channel ("pusher:subscription_error").
    this.send(frame('pusher:subscription_error', { type, error, status }, channel));
  }

  private subscribe(data: SubscribeData): Promise<void> | void {
    const channel = data?.channel;
    if (!validChannelName(channel)) return this.send(errorFrame(null, 'Invalid channel name'));
    const kind = channelKind(channel);
    if (this.projectId === INTERNAL_PROJECT_ID) {
      // The platform's app: private channels only, signed by our own endpoints (live/, chat/).
      if (kind !== 'private' || !verifyChannelAuth(INTERNAL_APP_KEY, this.ctx.rt.internalSecret(), this.id, channel, data.auth)) {
        this.send(errorFrame(CODES.UNAUTHORIZED, `Not authorized for ${channel}`));
        return this.subscriptionError(channel, 'AuthError', 'Invalid channel authorization signature', 401);
      }
      return this.join(channel);
    }
    if (kind === 'public') return this.join(channel);
    return this.subscribeSigned(channel, kind, data);
  }

  /** A licensee's private or presence channel: the signature is checked with the project's current secret. */
  private async subscribeSigned(channel: string, kind: ReturnType<typeof channelKind>, data: SubscribeData): Promise<void> {
    const { rt, deps } = this.ctx;
    const found = await rt.projectWithAccess('id', this.projectId, deps.clock.now());
    // Closed while the project was read: a closed connection must not enter the hub again.
    if (this.closed) return;
    if (!found) return this.close(CODES.APP_NOT_FOUND, 'Application does not exist');
    const { project } = found;
    const secret = rt.projectSecret(project);
    const channelData = typeof data.channel_data === 'string' ? data.channel_data : undefined;
    // Presence signs socket_id:channel:channel_data. A private channel signs socket_id:channel,
    // but SDKs given presence data for it (authorizeChannel(socket, channel, data)) include the
    // data in the signature too: accept that form as well — it is signed with the same secret.
    const signed =
      kind === 'presence'
        ? channelData !== undefined && verifyChannelAuth(project.key, secret, this.id, channel, data.auth, channelData)
        : verifyChannelAuth(project.key, secret, this.id, channel, data.auth) || (channelData !== undefined && verifyChannelAuth(project.key, secret, this.id, channel, data.auth, channelData));
    if (!signed) {
      this.send(errorFrame(CODES.UNAUTHORIZED, `Invalid signature for ${channel}: expected HMAC SHA256 of "socket_id:channel${kind === 'presence' ? ':channel_data' : ''}"`));
      return this.subscriptionError(channel, 'AuthError', 'Invalid channel authorization signature', 401);
    }
    let member: { userId: string; info: unknown } | undefined;
    if (kind === 'presence') {
      member = parseMember(channelData!) ?? undefined;
      if (!member)
        return this.subscriptionError(
          channel,
          'AuthError',
          `channel_data needs a user_id (at most ${LIMITS.presenceUserIdLength} characters) and user_info of at most ${LIMITS.presenceUserInfoBytes} bytes`,
          400,
        );
    }
    await this.join(channel, member);
  }

  /** Joins in the cluster (the broker's answer may take a round trip to Redis), then confirms. */
  private async join(channel: string, member?: { userId: string; info: unknown }): Promise<void> {
    const result = await this.ctx.rt.hub.subscribe(this, channel, member);
    if (this.closed) return;
    if (!result.ok) return this.subscriptionError(channel, 'LimitReached', `A presence channel holds at most ${LIMITS.presenceMembers} members`, 403);
    this.send(frame('pusher_internal:subscription_succeeded', result.presence ? { presence: result.presence } : {}, channel));
  }

  private clientEvent(event: string, channel: unknown, rawData: unknown): Promise<void> | void {
    const refuse = (message: string) => this.send(errorFrame(CODES.CLIENT_EVENT_REJECTED, message));
    // On the platform's app everything a client says goes through validated HTTP endpoints.
    if (this.projectId === INTERNAL_PROJECT_ID) return refuse('Client events are disabled');
    if (typeof channel !== 'string' || !validEventName(event)) return refuse('A client event needs a channel and a name of at most 200 characters');
    const kind = channelKind(channel);
    if (kind !== 'private' && kind !== 'presence') return refuse('Client events are allowed on private- and presence- channels only');
    const userId = this.channels.get(channel);
    if (userId === undefined) return refuse(`Subscribe to ${channel} before sending client events to it`);
    // As the HTTP API does (storable-text.ts): PostgreSQL cannot log a NUL, half an emoji becomes U+FFFD.
    // Data that is not a string is sent on as JSON text, where both are escapes and harmless.
    const name = storableText(event);
    const text = typeof rawData === 'string' ? storableText(rawData) : undefined;
    if (name === null || text === null) return refuse('A client event name or data must not hold the NUL character');
    return this.publishClientEvent(name, channel, userId, text ?? rawData);
  }

  private async publishClientEvent(event: string, channel: string, userId: string | null, rawData: unknown): Promise<void> {
    const refuse = (message: string) => this.send(errorFrame(CODES.CLIENT_EVENT_REJECTED, message));
    const { rt, deps } = this.ctx;
    const found = await rt.projectWithAccess('id', this.projectId, deps.clock.now());
    if (this.closed) return;
    if (!found) return this.close(CODES.APP_NOT_FOUND, 'Application does not exist');
    const { project } = found;
    if (!project.clientEvents) return refuse('Client events are disabled for this project: enable them in the dashboard');
    if (!rt.broker.available()) return refuse(UNAVAILABLE);
    if (found.access !== 'active') return this.close(CODES.APP_DISABLED, 'Application is disabled');
    const now = Date.now();
    this.clientEvents ??= { startedAt: now, count: 0 };
    const window = this.clientEvents;
    if (now - window.startedAt >= 1000) {
      window.startedAt = now;
      window.count = 0;
    }
    if (++window.count > LIMITS.clientEventsPerSecond) return refuse(`Client event rejected due to rate limit (${LIMITS.clientEventsPerSecond} per second)`);
    const data = typeof rawData === 'string' ? rawData : JSON.stringify(rawData ?? {});
    if (Buffer.byteLength(data, 'utf8') > LIMITS.dataBytes) return refuse(`Event data is over ${LIMITS.dataBytes} bytes`);
    const sent = await publishMessages(deps, rt, project, { source: 'client', socketId: this.id, ip: this.ip, ...(userId !== null ? { userId } : {}) }, [{ channels: [channel], event, data }]);
    if (!sent.ok) refuse(`Daily message limit reached (${sent.limit}): the event was not delivered`);
  }
}

/** Said (4100: the SDKs reconnect after a back-off) when the nodes cannot reach their shared state. */
export const UNAVAILABLE = 'Realtime is unavailable right now (the server cannot reach its shared state): retry shortly';

interface SubscribeData {
  channel?: unknown;
  auth?: unknown;
  channel_data?: unknown;
}

function parseMember(channelData: string): { userId: string; info: unknown } | null {
  let parsed: { user_id?: unknown; user_info?: unknown };
  try {
    parsed = JSON.parse(channelData) as typeof parsed;
  } catch {
    return null;
  }
  const id = typeof parsed?.user_id === 'number' ? String(parsed.user_id) : parsed?.user_id;
  if (typeof id !== 'string' || id.length === 0 || id.length > LIMITS.presenceUserIdLength) return null;
  if (Buffer.byteLength(JSON.stringify(parsed.user_info ?? null), 'utf8') > LIMITS.presenceUserInfoBytes) return null;
  return { userId: id, info: parsed.user_info };
}

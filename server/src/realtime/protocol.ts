// The Pusher Channels protocol (v7) as constants and small pure helpers: error codes, names,
// limits, socket ids and frames. https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol
import { randomInt } from 'node:crypto';

/**
 * Close / pusher:error codes. Clients act on the range: 4000–4099 do not reconnect unchanged,
 * 4100–4199 reconnect after a back-off, 4200–4299 reconnect at once, 4300+ other errors.
 */
export const CODES = {
  APP_NOT_FOUND: 4001,
  APP_DISABLED: 4003,
  OVER_CONNECTION_QUOTA: 4004,
  PATH_NOT_FOUND: 4005,
  INVALID_VERSION: 4006,
  UNSUPPORTED_PROTOCOL: 4007,
  NO_PROTOCOL: 4008,
  UNAUTHORIZED: 4009,
  /** Also our slow-consumer close: the client should come back, but not at once. */
  OVER_CAPACITY: 4100,
  RECONNECT_NOW: 4200,
  PONG_NOT_RECEIVED: 4201,
  CLOSED_AFTER_INACTIVITY: 4202,
  /** Client event refused (disabled, not subscribed, rate or daily limit). */
  CLIENT_EVENT_REJECTED: 4301,
} as const;

/** Protocol versions whose frames are the same as 7's for everything we implement. */
export const SUPPORTED_PROTOCOLS = new Set([5, 6, 7]);

export const LIMITS = {
  /** Pusher: event data up to 10 KB. */
  dataBytes: 10 * 1024,
  channelsPerEvent: 100,
  eventsPerBatch: 10,
  nameLength: 200,
  presenceMembers: 100,
  presenceUserIdLength: 128,
  presenceUserInfoBytes: 1024,
  /** Client events per connection per second (Pusher's default). */
  clientEventsPerSecond: 10,
  /** A frame from a client: a 10 KB event plus its envelope. */
  clientFrameBytes: 16 * 1024,
} as const;

const NAME = /^[A-Za-z0-9_\-=@,.;]+$/;

export const validChannelName = (name: unknown): name is string => typeof name === 'string' && name.length > 0 && name.length <= LIMITS.nameLength && NAME.test(name);
export const validEventName = (name: unknown): name is string => typeof name === 'string' && name.length > 0 && name.length <= LIMITS.nameLength;

export type ChannelKind = 'public' | 'private' | 'encrypted' | 'presence';

export function channelKind(name: string): ChannelKind {
  if (name.startsWith('presence-')) return 'presence';
  if (name.startsWith('private-encrypted-')) return 'encrypted';
  if (name.startsWith('private-')) return 'private';
  return 'public';
}

/** The first part of the last socket id made by this process. */
let lastSocketTime = 0;
/**
 * "1765100000000123.5678": the form SDKs validate before signing a channel authorization. The
 * first part grows with every id this process makes (microseconds since the epoch, or one more
 * than the last: 16 digits until after the year 2250, so text order is creation order); the second
 * is 40 random bits, which keep ids of different nodes apart. The connection log's primary key
 * (socket_id) then takes each new row at its end: random ids put each row at a random place in
 * that index, which cost SQLite ~3x as much CPU per row (7.5-8.7 µs against 2.2-2.3, in batches
 * of 300) and dirties a page per row once the table is large.
 */
export const newSocketId = () => {
  lastSocketTime = Math.max(Date.now() * 1000, lastSocketTime + 1);
  return `${lastSocketTime}.${randomInt(1, 2 ** 40)}`;
};

/** A server→client frame. Like Pusher, `data` is a JSON string inside the JSON envelope. */
export function frame(event: string, data: unknown, channel?: string, userId?: string): string {
  const body: Record<string, unknown> = { event };
  if (channel !== undefined) body.channel = channel;
  body.data = typeof data === 'string' ? data : JSON.stringify(data ?? {});
  if (userId !== undefined) body.user_id = userId;
  return JSON.stringify(body);
}

/**
 * frame('pusher:connection_established', { socket_id, activity_timeout }) as one template: sent on
 * every connect, and a socket id (digits and a dot) and a number need no escaping.
 */
export const establishedFrame = (socketId: string, activityTimeoutSec: number) =>
  `{"event":"pusher:connection_established","data":"{\\"socket_id\\":\\"${socketId}\\",\\"activity_timeout\\":${activityTimeoutSec}}"}`;

/**
 * `ascii` as a whole WebSocket text frame from the server (FIN, opcode 1, unmasked: RFC 6455 §5.2),
 * as a latin1 string of its bytes: what ws's Sender would write for it, written by the caller
 * straight onto the socket. For ASCII text of at most 65,535 characters (one character, one byte),
 * such as establishedFrame's.
 */
export function serverTextFrame(ascii: string): string {
  const n = ascii.length;
  // 0x81: FIN and the text opcode; then the length in 7 bits, or 126 and 16 bits.
  return (n < 126 ? String.fromCharCode(0x81, n) : String.fromCharCode(0x81, 126, n >> 8, n & 0xff)) + ascii;
}

export const errorFrame = (code: number | null, message: string) => JSON.stringify({ event: 'pusher:error', data: { code, message } });

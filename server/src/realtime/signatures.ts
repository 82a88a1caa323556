// Pusher's two HMAC-SHA256 signatures, checked exactly as the official SDKs produce them:
// channel authorization ("key:hex(HMAC(secret, socket_id:channel[:channel_data]))") and HTTP API
// request signing (auth_* query parameters over "METHOD\nPATH\nsorted query").
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const hmacHex = (secret: string, data: string) => createHmac('sha256', secret).update(data, 'utf8').digest('hex');

function sameHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** What a licensee's backend returns for a private or presence channel (and what tests sign with). */
export function signChannel(key: string, secret: string, socketId: string, channel: string, channelData?: string): string {
  return `${key}:${hmacHex(secret, channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`)}`;
}

export function verifyChannelAuth(key: string, secret: string, socketId: string, channel: string, auth: unknown, channelData?: string): boolean {
  if (typeof auth !== 'string') return false;
  return sameHex(auth, signChannel(key, secret, socketId, channel, channelData));
}

const AUTH_TIMESTAMP_WINDOW_S = 600;

export type RequestAuthFailure = 'missing_params' | 'wrong_key' | 'bad_version' | 'expired_timestamp' | 'body_md5_mismatch' | 'bad_signature' | 'duplicate_param';

export interface SignedRequest {
  method: string;
  /** The path exactly as sent (not percent-decoded): SDKs sign it raw. */
  path: string;
  /** Decoded query pairs in order, duplicates kept so they can be refused. */
  query: [string, string][];
  body: string;
}

/** Checks an HTTP API request's signature; returns the failure, or null when it is valid. */
export function verifyRequest(req: SignedRequest, key: string, secret: string, nowMs: number): RequestAuthFailure | null {
  const params = new Map<string, string>();
  for (const [k, v] of req.query) {
    const lower = k.toLowerCase();
    if (params.has(lower)) return 'duplicate_param';
    params.set(lower, v);
  }
  const signature = params.get('auth_signature');
  const timestamp = params.get('auth_timestamp');
  if (!signature || !timestamp || !params.get('auth_key') || !params.get('auth_version')) return 'missing_params';
  if (params.get('auth_key') !== key) return 'wrong_key';
  if (params.get('auth_version') !== '1.0') return 'bad_version';
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(nowMs / 1000 - ts) > AUTH_TIMESTAMP_WINDOW_S) return 'expired_timestamp';
  if (req.body.length > 0) {
    const md5 = createHash('md5').update(req.body, 'utf8').digest('hex');
    if (params.get('body_md5') !== md5) return 'body_md5_mismatch';
  }
  params.delete('auth_signature');
  const sorted = [...params.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const expected = hmacHex(secret, `${req.method.toUpperCase()}\n${req.path}\n${sorted}`);
  return sameHex(signature.toLowerCase(), expected) ? null : 'bad_signature';
}

/** Signs a request as the SDKs do: for tests and for our own tools. */
export function signRequest(method: string, path: string, params: Record<string, string>, key: string, secret: string, nowMs: number, body = ''): string {
  const all: Record<string, string> = { ...params, auth_key: key, auth_timestamp: String(Math.floor(nowMs / 1000)), auth_version: '1.0' };
  if (body) all.body_md5 = createHash('md5').update(body, 'utf8').digest('hex');
  const sorted = Object.keys(all)
    .sort()
    .map((k) => `${k}=${all[k]}`)
    .join('&');
  return `${sorted}&auth_signature=${hmacHex(secret, `${method.toUpperCase()}\n${path}\n${sorted}`)}`;
}

// Outgoing HTTP for deliveries: a hard deadline, a cap on what is read back, no redirects,
// and — for licensee-supplied URLs — no connection to a private or loopback address. The
// check runs in the socket's DNS lookup, so a name that re-resolves to 127.0.0.1 between our
// validation and the request (DNS rebinding) is still refused.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './private-address.js';

export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export type HttpFailure = 'timeout' | 'private_address' | 'connection' | 'bad_url';

export class HttpError extends Error {
  constructor(
    readonly failure: HttpFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  allowPrivate: boolean;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** At most 64 KB of the body, as text. */
  body: string;
}

/** The socket's DNS lookup for licensee URLs: any private answer fails the connection. */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(Object.assign(new Error('private address'), { code: 'EPRIVATEADDR' }), '', 0);
    }
    // net asks for every address when it races IPv4 against IPv6 (autoSelectFamily).
    if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** The URL if it may be requested at all: http(s), and no private address literal unless allowed. */
export function checkUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HttpError('bad_url', 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError('bad_url', 'only http and https URLs');
  if (url.username || url.password) throw new HttpError('bad_url', 'credentials in the URL');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isPrivateAddress(host)))) {
    throw new HttpError('private_address', 'private or loopback address');
  }
  return url;
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const url = checkUrl(req.url, req.allowPrivate);
  const client = url.protocol === 'https:' ? https : http;
  const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: req.method ?? 'POST',
      headers: { 'user-agent': 'Widgetry-Delivery/1', ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      lookup: req.allowPrivate ? undefined : guardedLookup,
      // A fresh connection per delivery: a pooled socket must not outlive the address check.
      agent: false,
    });
    const deadline = setTimeout(() => request.destroy(new HttpError('timeout', 'timed out')), req.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    request.on('error', (err) => {
      clearTimeout(deadline);
      if (err instanceof HttpError) return reject(err);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPRIVATEADDR') return reject(new HttpError('private_address', 'private or loopback address'));
      reject(new HttpError('connection', code ? `connection failed (${code})` : 'connection failed'));
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_RESPONSE_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8') });
      });
      res.on('error', () => {
        clearTimeout(deadline);
        reject(new HttpError('connection', 'response interrupted'));
      });
    });
    request.end(body);
  });
}

/** Parses a JSON response body, or undefined. */
export function jsonBody(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.body);
  } catch {
    return undefined;
  }
}

// "Asked from this machine, not through a proxy": for what only the operator at the console may
// read (the dev outbox's sign-in codes, unauthenticated metrics). A reverse proxy on the same host
// connects from 127.0.0.1 on every visitor's behalf, so the TCP peer alone would let the whole
// internet in: a request that carries any forwarding header, or any request at all while the
// server is told it sits behind a proxy (TRUST_PROXY), is not local.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via'];

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

export function directFromThisMachine(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) return false;
  if (FORWARDING_HEADERS.some((h) => c.req.header(h) !== undefined)) return false;
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    return true; // app.request() in tests: no socket, nobody remote
  }
  return address !== undefined && isLoopback(address);
}

// The dashboard's one API client: JSON in and out, the CSRF header on every mutation, errors
// thrown as ApiRequestError carrying the server's { error: { code, message, details } }.
import type { ApiError, ErrorCode } from '#contracts/core/errors.js';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError['error'],
  ) {
    super(body.message);
  }
  get code(): ErrorCode {
    return this.body.code;
  }
}

/** The session cookie is HttpOnly; its CSRF twin is readable on purpose (double submit). */
const csrfToken = () => document.cookie.match(/(?:^|; )wg_csrf=([^;]+)/)?.[1] ?? '';

type Query = Record<string, string | number | boolean | undefined | null>;

/** "?a=1&b=x" without the empty values, or "". */
export function qs(query: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

let onUnauthorized: () => void = () => {};
/** The app shell signs the person out (and shows the sign-in form) when a session dies. */
export const setUnauthorizedHandler = (fn: () => void) => {
  onUnauthorized = fn;
};

export async function api<T>(method: string, path: string, body?: unknown, init: { signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { 'x-csrf-token': csrfToken() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', signal: init.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, { code: 'internal', message: 'network' });
  }
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/auth/') && path !== '/me') onUnauthorized();
    throw new ApiRequestError(res.status, json?.error ?? { code: 'internal', message: res.statusText });
  }
  return json as T;
}

export const get = <T>(path: string, query?: Query, init?: { signal?: AbortSignal }) => api<T>('GET', path + qs(query), undefined, init);

// A small fetch wrapper for the dashboard API: JSON in and out, the CSRF header on mutations,
// errors thrown as ApiRequestError carrying the server's { error: { code, message } }.
import type { ApiError } from '../../server/src/contracts/errors.js';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError['error'],
  ) {
    super(body.message);
  }
}

const csrfToken = () => document.cookie.match(/(?:^|; )wg_csrf=([^;]+)/)?.[1] ?? '';

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'x-csrf-token': csrfToken() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new ApiRequestError(res.status, json?.error ?? { code: 'internal', message: res.statusText });
  return json as T;
}

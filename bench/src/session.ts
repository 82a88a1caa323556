// A dashboard session over HTTP (the sign-in code comes from the dev outbox), whose cookie and
// CSRF token stay usable against any server on the same database: sessions live in SQLite, so
// a session made on the development instance still works after the restart in production.
import { latestCode } from '../../tests/e2e/support/api-session.js';

export interface BenchSession {
  email: string;
  accountId: string;
  request<T = any>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function signIn(base: string, email: string): Promise<BenchSession> {
  const json = { 'content-type': 'application/json' };
  const asked = await fetch(`${base}/api/auth/code`, { method: 'POST', headers: json, body: JSON.stringify({ email, consent: true }) });
  if (asked.status !== 200) throw new Error(`sign-in code for ${email}: ${asked.status} ${await asked.text()}`);
  const verified = await fetch(`${base}/api/auth/verify`, { method: 'POST', headers: json, body: JSON.stringify({ email, code: await latestCode(base, email) }) });
  if (verified.status !== 200) throw new Error(`verify ${email}: ${verified.status} ${await verified.text()}`);
  const { accountId, csrfToken } = (await verified.json()) as { accountId: string; csrfToken: string };
  const cookie = verified.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    email,
    accountId,
    async request(b, method, path, body) {
      const res = await fetch(`${b}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : json) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/** Like request(), but throws unless the status is the expected one. */
export async function must<T = any>(session: BenchSession, base: string, method: string, path: string, body: unknown, status: number): Promise<T> {
  const res = await session.request<T>(base, method, path, body);
  if (res.status !== status) throw new Error(`${method} ${path} as ${session.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

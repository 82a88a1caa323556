// A dashboard session over HTTP (the sign-in code comes from the dev outbox), whose cookie and
// CSRF token stay usable against any server on the same database: sessions live in SQLite, so
// a session made on the development instance still works after the restart in production.
import { signInOverHttp, type HttpSession } from '../../tests/e2e/support/api-session.js';

export interface BenchSession {
  email: string;
  accountId: string;
  request<T = any>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function signIn(base: string, email: string): Promise<BenchSession> {
  return asBenchSession(email, await signInOverHttp(email, base));
}

/** A session signed in over HTTP, with JSON bodies read for the caller. */
export function asBenchSession(email: string, session: HttpSession): BenchSession {
  return {
    email,
    accountId: session.accountId,
    async request(b, method, path, body) {
      const res = await session.send(`${b}${path}`, method, body);
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

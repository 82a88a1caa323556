// Signs in over HTTP the way the dashboard does (code from the dev outbox) and makes
// authenticated requests with the session cookie and CSRF header.
import { authedInit, signedInFrom } from '../../../server/src/testing/signed-in.js';

export interface ApiSession {
  accountId: string;
  request<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** The sign-in letter's subject, in either language (server/src/platform/accounts/routes.ts). */
const SIGN_IN_SUBJECT = /: (код для входа|sign-in code)$/;

export async function latestCode(platformUrl: string, email: string): Promise<string> {
  const { mails } = (await (await fetch(`${platformUrl}/dev/outbox.json`)).json()) as { mails: { to: string; subject: string; text: string }[] };
  // The newest sign-in letter, not the newest letter: a lead's notice to the same address may
  // be sent after the code (the delivery worker runs on its own), and it holds no code.
  const code = mails.find((m) => m.to === email && SIGN_IN_SUBJECT.test(m.subject))?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code in the outbox for ${email}`);
  return code;
}

/** How a request reaches a server: plain fetch, or (the cluster test) from a chosen local address. */
export type Fetcher = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

export interface HttpSession {
  accountId: string;
  cookie: string;
  /** A request with the session's cookie and CSRF header (and a JSON body when given). */
  send(url: string, method: string, body?: unknown): Promise<Response>;
}

/**
 * Signs in as the dashboard does: a code asked for at `ask` (whose dev outbox then holds it),
 * verified at `verify` (another node of the same database, if you like).
 */
export async function signInOverHttp(email: string, ask: string, options: { verify?: string; fetcher?: Fetcher } = {}): Promise<HttpSession> {
  const { verify = ask, fetcher = (url, init) => fetch(url, init) } = options;
  const json = { 'content-type': 'application/json' };
  const asked = await fetcher(`${ask}/api/auth/code`, { method: 'POST', headers: json, body: JSON.stringify({ email, consent: true }) });
  if (asked.status !== 200) throw new Error(`sign-in code for ${email}: ${asked.status} ${await asked.text()}`);
  const verified = await fetcher(`${verify}/api/auth/verify`, { method: 'POST', headers: json, body: JSON.stringify({ email, code: await latestCode(ask, email) }) });
  if (verified.status !== 200) throw new Error(`verify ${email}: ${verified.status} ${await verified.text()}`);
  const signed = await signedInFrom(verified);
  return { accountId: signed.accountId, cookie: signed.cookie, send: (url, method, body) => fetcher(url, authedInit(signed, method, body)) };
}

export async function apiSignIn(platformUrl: string, email: string): Promise<ApiSession> {
  const session = await signInOverHttp(email, platformUrl);
  return {
    accountId: session.accountId,
    async request(method, path, body) {
      const res = await session.send(`${platformUrl}${path}`, method, body);
      return { status: res.status, body: res.status === 204 ? (undefined as any) : await res.json() };
    },
  };
}

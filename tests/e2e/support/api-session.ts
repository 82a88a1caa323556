// Signs in over HTTP the way the dashboard does (code from the dev outbox) and makes
// authenticated requests with the session cookie and CSRF header.
export interface ApiSession {
  accountId: string;
  request<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function latestCode(platformUrl: string, email: string): Promise<string> {
  const { mails } = (await (await fetch(`${platformUrl}/dev/outbox.json`)).json()) as { mails: { to: string; text: string }[] };
  const code = mails.find((m) => m.to === email)?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code in the outbox for ${email}`);
  return code;
}

export async function apiSignIn(platformUrl: string, email: string): Promise<ApiSession> {
  const json = { 'content-type': 'application/json' };
  const asked = await fetch(`${platformUrl}/api/auth/code`, { method: 'POST', headers: json, body: JSON.stringify({ email, consent: true }) });
  if (asked.status !== 200) throw new Error(`code: ${asked.status} ${await asked.text()}`);
  const verified = await fetch(`${platformUrl}/api/auth/verify`, { method: 'POST', headers: json, body: JSON.stringify({ email, code: await latestCode(platformUrl, email) }) });
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${await verified.text()}`);
  const { accountId, csrfToken } = (await verified.json()) as { accountId: string; csrfToken: string };
  const cookie = verified.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    accountId,
    async request(method, path, body) {
      const res = await fetch(`${platformUrl}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : json) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: res.status === 204 ? (undefined as any) : await res.json() };
    },
  };
}

// What a successful POST /api/auth/verify gives a client, and the requests it then makes: the
// session cookie and the CSRF header, as the dashboard sends them. Shared by the in-process
// harness, the e2e API sessions and the cluster tests, which differ only in how they reach a server.

export interface SignedIn {
  accountId: string;
  csrf: string;
  /** The Set-Cookie values as one Cookie header. */
  cookie: string;
}

export async function signedInFrom(verified: Response): Promise<SignedIn> {
  const { accountId, csrfToken } = (await verified.json()) as { accountId: string; csrfToken: string };
  const cookie = verified.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { accountId, csrf: csrfToken, cookie };
}

/** A request of the signed-in client: its cookie and CSRF header, and a JSON body when there is one (a string goes as it is). */
export function authedInit(s: SignedIn, method: string, body?: unknown, headers: Record<string, string> = {}) {
  return {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  };
}

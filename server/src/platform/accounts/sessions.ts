// Cookie sessions: the browser holds a random token, the database only its hash. The CSRF
// token is derived from the session token, so it needs no storage and dies with the session.
import { and, eq, gt, isNotNull, lte } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/store.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { DAY } from '../lib/clock.js';
import { hmacSha256, randomToken, safeEqual, sha256 } from '../lib/crypto.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { roleMayChange, type TeamRole } from '#contracts/core/team.js';

const SESSION_COOKIE = 'wg_session';
const CSRF_COOKIE = 'wg_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL_MS = 30 * DAY;

const csrfTokenFor = (sessionToken: string) => hmacSha256('widgetry-csrf', sessionToken);

export async function createSession(db: Db, accountId: string, now: number): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken();
  const expiresAt = now + SESSION_TTL_MS;
  await db.insert(db.tables.sessions).values({ id: newId('ses'), tokenHash: sha256(token), accountId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** Expired sessions open nothing (requireSession checks expiry); their rows are only clutter. */
export async function purgeExpiredSessions(db: Db, now: number): Promise<number> {
  const { sessions } = db.tables;
  return (await db.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ id: sessions.id })).length;
}

export function setSessionCookies(c: Context, deps: AppDeps, token: string, expiresAt: number): string {
  const secure = deps.env.PUBLIC_URL.startsWith('https://');
  // Max-Age, a duration, rather than Expires, an instant: the session's end is on the injected
  // clock, the browser's on its own (and Hono checks Expires against the real Date.now()).
  const maxAge = Math.max(0, Math.floor((expiresAt - deps.clock.now()) / 1000));
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge });
  const csrf = csrfTokenFor(token);
  // Readable by the dashboard's script, which echoes it in the X-CSRF-Token header.
  setCookie(c, CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'Lax', secure, path: '/', maxAge });
  return csrf;
}

export function clearSessionCookies(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  deleteCookie(c, CSRF_COOKIE, { path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie; mutations must also carry the session's CSRF token. A person
 * working in a team's account (sessions.team_account_id) gets that account, with the role of
 * their membership, checked on every request: a removed member is back in their own account at
 * once. The role decides every changing request here, for every route (contracts/core/team.ts).
 */
export function requireSession(deps: AppDeps): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) throw new AppError(401, 'unauthorized', 'Войдите в аккаунт');
    const { accounts, sessions, teamMembers } = deps.store.tables;
    const [row] = await deps.store.db
      .select({ sessionId: sessions.id, teamAccountId: sessions.teamAccountId, account: accounts })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, deps.clock.now())));
    if (!row) throw new AppError(401, 'unauthorized', 'Сессия истекла, войдите снова');
    const csrf = csrfTokenFor(token);
    if (!SAFE_METHODS.has(c.req.method) && !safeEqual(c.req.header(CSRF_HEADER) ?? '', csrf)) {
      throw new AppError(403, 'csrf_failed', 'Missing or wrong X-CSRF-Token header');
    }
    let account = row.account;
    let role: TeamRole = 'owner';
    if (row.teamAccountId) {
      const [team] = await deps.store.db
        .select({ account: accounts, role: teamMembers.role })
        .from(teamMembers)
        .innerJoin(accounts, eq(accounts.id, teamMembers.accountId))
        .where(and(eq(teamMembers.accountId, row.teamAccountId), eq(teamMembers.email, row.account.email), isNotNull(teamMembers.acceptedAt)));
      if (team) {
        account = team.account;
        role = team.role;
      }
    }
    if (!SAFE_METHODS.has(c.req.method) && !roleMayChange(role, c.req.path)) {
      throw new AppError(403, 'role_forbidden', `The ${role} role cannot change this`, { role });
    }
    c.set('account', account);
    c.set('person', { id: row.account.id, email: row.account.email, role: row.account.role, lang: row.account.lang });
    c.set('teamRole', role);
    c.set('sessionId', row.sessionId);
    c.set('csrfToken', csrf);
    await next();
  };
}

export function requireOperator(): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    // The person's own role: a member of an operator's account is not an operator.
    if (c.get('person').role !== 'operator') throw new AppError(403, 'forbidden', 'Operator only');
    await next();
  };
}

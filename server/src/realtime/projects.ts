// Realtime projects: credentials (app id, key, sealed secret), lookups, and whether a project
// may be used right now.
import { randomBytes, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accounts, realtimeAccountStates, realtimeProjects } from '../db/schema/index.js';
import type { Env } from '../env.js';
import { integrationsKey } from '../integrations/key.js';
import { seal, unseal } from '../integrations/sealed.js';
import { randomId } from '../lib/ids.js';
import { projectAccess, type ProjectAccess } from '../tariffs/realtime-policy.js';

export type ProjectRow = typeof realtimeProjects.$inferSelect;

export const newProjectId = () => `rtp_${randomId()}`;

/** Pusher's shapes: a numeric app id, a 20-hex-digit key; the secret is 128 random bits. */
export function newCredentials() {
  return { appId: String(randomInt(100_000_000, 1_000_000_000)), key: randomBytes(10).toString('hex'), secret: randomBytes(16).toString('hex') };
}

/** The secret sealed for this row (AES-256-GCM with the integrations key; the row id as associated data). */
export function sealSecret(env: Env, projectId: string, secret: string): { secretSealed: string; secretHint: string } {
  return { secretSealed: seal(integrationsKey(env), projectId, secret), secretHint: secret.slice(-4) };
}

export const projectSecret = (env: Env, p: Pick<ProjectRow, 'id' | 'secretSealed'>): string => unseal<string>(integrationsKey(env), p.id, p.secretSealed);

export const projectByKey = (db: Db, key: string) => db.select().from(realtimeProjects).where(eq(realtimeProjects.key, key)).get();
export const projectByAppId = (db: Db, appId: string) => db.select().from(realtimeProjects).where(eq(realtimeProjects.appId, appId)).get();
export const projectById = (db: Db, id: string) => db.select().from(realtimeProjects).where(eq(realtimeProjects.id, id)).get();

/** Blocked by the operator (the whole account) or by the inactivity rule (its realtime service). */
export function accountRealtimeBlocked(db: Db, accountId: string): boolean {
  const row = db
    .select({ accountBlocked: accounts.blockedAt, realtimeBlocked: realtimeAccountStates.blockedAt })
    .from(accounts)
    .leftJoin(realtimeAccountStates, eq(realtimeAccountStates.accountId, accounts.id))
    .where(eq(accounts.id, accountId))
    .get();
  return !row || row.accountBlocked !== null || (row.realtimeBlocked ?? null) !== null;
}

export const accessOf = (db: Db, p: ProjectRow, now: number): ProjectAccess => projectAccess(p, now, accountRealtimeBlocked(db, p.accountId));

export const ACCESS_MESSAGES: Record<Exclude<ProjectAccess, 'active'>, string> = {
  pending_payment: 'The project is not activated yet: pay for its tariff in the dashboard',
  expired: 'The paid period of the project has ended: renew it in the dashboard',
  blocked: 'The project is blocked: see the dashboard for the reason',
};

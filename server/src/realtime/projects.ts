// Realtime projects: credentials (app id, key, sealed secret), lookups, and whether a project
// may be used right now.
import { randomBytes, randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { realtimeProjects } from '../platform/db/schema/index.js';
import type { Db } from '../platform/db/store.js';
import type { Sealer } from '../platform/lib/sealing.js';
import { randomId } from '../platform/lib/ids.js';
import { projectAccess, type ProjectAccess } from '../platform/tariffs/realtime-policy.js';
import type { ProjectLookupBy, ProjectReader, StoredProject } from './project-cache.js';

export type ProjectRow = typeof realtimeProjects.$inferSelect;

export const newProjectId = () => `rtp_${randomId()}`;

/** Pusher's shapes: a numeric app id, a 20-hex-digit key; the secret is 128 random bits. */
export function newCredentials() {
  return { appId: String(randomInt(100_000_000, 1_000_000_000)), key: randomBytes(10).toString('hex'), secret: randomBytes(16).toString('hex') };
}

/** The secret sealed for this row (AES-256-GCM with the app's sealing key; the row id as associated data). */
export function sealSecret(sealer: Sealer, projectId: string, secret: string): { secretSealed: string; secretHint: string } {
  return { secretSealed: sealer.seal(projectId, secret), secretHint: secret.slice(-4) };
}

export type ProjectSecrets = (p: Pick<ProjectRow, 'id' | 'secretSealed'>) => string;

/**
 * The project's secret, unsealed once per sealed value: every publish and private subscription
 * needs it, and AES-GCM plus its setup cost more than the rest of the signature check. Keyed by
 * row id and sealed blob (a fresh IV per seal), so a rotated secret is a new entry at once.
 * One cache per app (realtime/service.ts).
 */
export function createProjectSecrets(sealer: Sealer): ProjectSecrets {
  const cache = new Map<string, string>();
  return (p) => {
    const key = `${p.id}|${p.secretSealed}`;
    let secret = cache.get(key);
    if (secret === undefined) {
      secret = sealer.unseal<string>(p.id, p.secretSealed);
      // Bounded: one entry per live project; a rotation leaves the old one behind until this.
      if (cache.size >= 10_000) cache.clear();
      cache.set(key, secret);
    }
    return secret;
  };
}

export async function projectById(db: Db, id: string): Promise<ProjectRow | undefined> {
  const { realtimeProjects } = db.tables;
  const [row] = await db.select().from(realtimeProjects).where(eq(realtimeProjects.id, id));
  return row;
}

/** Blocked by the operator (the whole account) or by the inactivity rule (its realtime service). */
async function accountRealtimeBlocked(db: Db, accountId: string): Promise<boolean> {
  const { accounts, realtimeAccountStates } = db.tables;
  const [row] = await db
    .select({ accountBlocked: accounts.blockedAt, realtimeBlocked: realtimeAccountStates.blockedAt })
    .from(accounts)
    .leftJoin(realtimeAccountStates, eq(realtimeAccountStates.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  return !row || row.accountBlocked !== null || (row.realtimeBlocked ?? null) !== null;
}

export interface ProjectWithAccess {
  project: ProjectRow;
  access: ProjectAccess;
}

export type ProjectLookup = (by: ProjectLookupBy, value: string, now: number) => Promise<ProjectWithAccess | undefined>;
/** The same answer when it is at hand (the node's cache holds the row); undefined when it needs the database. */
export type ProjectLookupNow = (by: ProjectLookupBy, value: string, now: number) => ProjectWithAccess | undefined;

/**
 * The project and whether it may be used at `now`: the Pusher API runs this on every publish, the
 * socket on every connect, private subscription and client event. The row comes from `read`
 * (in the app, the node's cache of it: project-cache.ts); the verdict is made at each call, so a
 * period that ended acts at once.
 */
export function projectLookup(read: ProjectReader): ProjectLookup {
  return async (by, value, now) => withAccess(await read(by, value), now);
}

export function projectLookupNow(peek: (by: ProjectLookupBy, value: string) => StoredProject | undefined): ProjectLookupNow {
  return (by, value, now) => withAccess(peek(by, value), now);
}

function withAccess(stored: StoredProject | undefined, now: number): ProjectWithAccess | undefined {
  return stored && { project: stored.project, access: projectAccess(stored.project, now, stored.accountBlocked) };
}

/** The project and its account's blocks, in one statement prepared once per app. */
export function prepareProjectReader(db: Db): ProjectReader {
  const lookups = prepareLookups(db);
  return async (by, value) => {
    const [row] = await lookups[by].execute({ value });
    if (!row) return undefined;
    return { project: row.project, accountBlocked: row.accountId === null || row.accountBlocked !== null || row.realtimeBlocked !== null };
  };
}

function prepareLookups(db: Db) {
  const { accounts, realtimeAccountStates, realtimeProjects } = db.tables;
  const query = (column: typeof realtimeProjects.appId | typeof realtimeProjects.key | typeof realtimeProjects.id, name: string) =>
    db
      .select({ project: realtimeProjects, accountId: accounts.id, accountBlocked: accounts.blockedAt, realtimeBlocked: realtimeAccountStates.blockedAt })
      .from(realtimeProjects)
      .leftJoin(accounts, eq(accounts.id, realtimeProjects.accountId))
      .leftJoin(realtimeAccountStates, eq(realtimeAccountStates.accountId, realtimeProjects.accountId))
      .where(eq(column, sql.placeholder('value')))
      .prepare(name);
  return {
    appId: query(realtimeProjects.appId, 'realtime_project_by_app_id'),
    key: query(realtimeProjects.key, 'realtime_project_by_key'),
    id: query(realtimeProjects.id, 'realtime_project_by_id'),
  };
}

export const accessOf = async (db: Db, p: ProjectRow, now: number): Promise<ProjectAccess> => projectAccess(p, now, await accountRealtimeBlocked(db, p.accountId));

export const ACCESS_MESSAGES: Record<Exclude<ProjectAccess, 'active'>, string> = {
  pending_payment: 'The project is not activated yet: pay for its tariff in the dashboard',
  expired: 'The paid period of the project has ended: renew it in the dashboard',
  blocked: 'The project is blocked: see the dashboard for the reason',
};

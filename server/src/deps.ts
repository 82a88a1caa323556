// What createApp and the rest of the server receive: the outside world (AppInputs, which the
// entry point or a test builds) plus the per-app services built from it once (composeDeps in
// compose.ts). Nothing keeps per-app state in a module: it is all here.
import type { Store } from './platform/db/store.js';
import type { Env } from './env.js';
import type { Clock } from './platform/lib/clock.js';
import type { Logger } from './platform/lib/logger.js';
import type { DevOutbox, Mailer } from './platform/mail/mailer.js';
import type { MailOutbox } from './platform/mail/outbox.js';
import type { accounts } from './platform/db/schema/index.js';
import type { YooKassaClient } from './platform/billing/yookassa-client.js';
import type { Sealer } from './platform/lib/sealing.js';
import type { LivePublisher } from './platform/live/port.js';
import type { Invalidations } from './platform/lib/invalidations.js';
import type { TeamRole } from '#contracts/core/team.js';
import type { RateLimits } from './platform/lib/rate-limits.js';
import type { Realtime } from './realtime/service.js';
import type { Metrics } from './platform/observe/metrics.js';
import type { Readiness } from './platform/observe/readiness.js';

export interface AppInputs {
  /** The database, SQLite or PostgreSQL (platform/db/store.ts). */
  store: Store;
  env: Env;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  /** Present when mail goes to the dev outbox (no SMTP_URL). */
  devOutbox?: DevOutbox;
  /** The install snippet with {{PUBLIC_URL}} and {{SITE_KEY}} placeholders, from the built loader. */
  snippetTemplate: string;
  /** Absent when no YooKassa shop is configured: payments are then "manual" (operator marks paid). */
  yookassa?: YooKassaClient;
}

export interface AppDeps extends AppInputs {
  /**
   * Platform mail (notices, billing, reports) through the durable outbox over `mailer`. `mailer`
   * itself is for mail that must not be stored: sign-in codes, and lead e-mails, which the
   * delivery outbox already retries.
   */
  mail: MailOutbox;
  /** Seals secrets at rest with the app's key. */
  sealer: Sealer;
  /** The dashboard's and the chat's live channel. */
  live: LivePublisher;
  /** The realtime service of this app: hub, broker, prepared statements, unsealed secrets. */
  realtime: Realtime;
  /** Per-site and per-account invalidation of cached configs: writes call it after they commit. */
  /** Rate limits shared by every node (Redis), or this process's when there is one node. */
  rateLimits: RateLimits;
  /**
   * Closes what this node shares with the others (its Redis connections), handing its realtime
   * slots and presence members back at once. Call after the WebSocket server closed.
   */
  closeShared(): Promise<void>;
  invalidations: Invalidations;
  /** This app's Prometheus metrics (GET /metrics). */
  metrics: Metrics;
  /** What GET /readyz checks: the database, and each background loop once it runs. */
  readiness: Readiness;
}

export type Account = typeof accounts.$inferSelect;

/** Hono context variables set by the session middleware. */
export interface AuthedEnv {
  Variables: {
    /** The account worked in: the person's own, or the team's they switched to. */
    account: Account;
    /** Who is signed in (their own account's id and e-mail): the author of what they change. */
    person: { id: string; email: string; role: Account['role']; lang: Account['lang'] };
    teamRole: TeamRole;
    sessionId: string;
    csrfToken: string;
  };
}

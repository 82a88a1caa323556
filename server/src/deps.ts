// What createApp needs from the outside world; tests build their own.
import type { Store } from './platform/db/store.js';
import type { Env } from './env.js';
import type { Clock } from './platform/lib/clock.js';
import type { Logger } from './platform/lib/logger.js';
import type { DevOutbox, Mailer } from './platform/mail/mailer.js';
import type { accounts } from './platform/db/schema/index.js';
import type { YooKassaClient } from './platform/billing/yookassa-client.js';

export interface AppDeps {
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

export type Account = typeof accounts.$inferSelect;

/** Hono context variables set by the session middleware. */
export interface AuthedEnv {
  Variables: { account: Account; sessionId: string; csrfToken: string };
}

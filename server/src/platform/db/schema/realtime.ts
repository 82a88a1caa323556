import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { millis, int, counter, cascadeKey, cascadeRef, operatorBlock, owned, serialId, timestamps, createdAt } from './columns.js';
import { accounts } from './accounts.js';
import { payments } from './billing.js';

/**
 * A realtime project: a Pusher "app" (app id, key, secret). The secret is sealed with
 * AES-256-GCM (platform/lib/sealing.ts, the row id bound in) and shown to the licensee once.
 */
export const realtimeProjects = pgTable(
  'realtime_projects',
  {
    ...owned(),
    name: text('name').notNull(),
    /** Digits only: some Pusher server SDKs (Python) refuse any other app id. */
    appId: text('app_id').notNull(),
    /** The public key clients connect with (/app/{key}). */
    key: text('key').notNull(),
    secretSealed: text('secret_sealed').notNull(),
    /** Last four characters, so the licensee can tell which secret a server holds. */
    secretHint: text('secret_hint').notNull(),
    secretRotatedAt: millis('secret_rotated_at').notNull(),
    tariffId: text('tariff_id').notNull().default('rt_free'),
    /** The prepaid period (paid tariffs); null until the first payment. */
    periodStart: int('period_start'),
    periodEnd: int('period_end'),
    allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull(),
    clientEvents: boolean('client_events').notNull().default(false),
    ...operatorBlock(),
    /** Last accepted message or connection (day resolution): the inactivity rule of offer 000 §3.6.1. */
    lastActivityAt: millis('last_activity_at').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('realtime_projects_app_id_uq').on(t.appId), uniqueIndex('realtime_projects_key_uq').on(t.key), index('realtime_projects_account_idx').on(t.accountId)],
);

/** Per project per UTC day: the message counter the daily limit guards, plus statistics. */
export const realtimeUsageDaily = pgTable(
  'realtime_usage_daily',
  {
    projectId: cascadeRef('project_id', () => realtimeProjects.id),
    /** YYYY-MM-DD, UTC. */
    day: text('day').notNull(),
    messages: counter('messages'),
    rejectedMessages: counter('rejected_messages'),
    connectionsOpened: counter('connections_opened'),
    rejectedConnections: counter('rejected_connections'),
    peakConnections: counter('peak_connections'),
    /** Highest usage notice sent that day (0, 80, 100), so each goes out once. */
    notifiedPercent: counter('notified_percent'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.day] })],
);

/**
 * The project and account a log row is about, as plain ids: no foreign keys, since 149-FZ
 * retention outlives the project and the account (offer §3.6.1, last sentence).
 */
function loggedProject() {
  return { projectId: text('project_id').notNull(), accountId: text('account_id').notNull() };
}

/**
 * One row per accepted message (offer 000 §3.5): the payload is destroyed after 6 months, the
 * rest (metadata) after 3 years. On PostgreSQL partitioned by half months of `at`
 * (migration 0008, platform/db/partitions.ts; its primary key there is (id, at)).
 */
export const realtimeMessageLogs = pgTable(
  'realtime_message_logs',
  {
    id: serialId(),
    ...loggedProject(),
    at: int('at').notNull(),
    source: text('source', { enum: ['api', 'client'] }).notNull(),
    event: text('event').notNull(),
    channels: jsonb('channels').$type<string[]>().notNull(),
    /** The sending connection (client events) or the one excluded (API socket_id). */
    socketId: text('socket_id'),
    ip: text('ip'),
    /** Subscribers on this node when the message was fanned out. */
    recipients: int('recipients').notNull(),
    payloadBytes: int('payload_bytes').notNull(),
    payload: text('payload'),
    payloadDestroyedAt: millis('payload_destroyed_at'),
  },
  (t) => [
    index('realtime_message_logs_at_idx').on(t.at),
    index('realtime_message_logs_project_idx').on(t.projectId, t.at),
    // The retention job looks only for payloads still held; destroyed ones must not be rescanned hourly.
    index('realtime_message_logs_payload_idx').on(t.at).where(sql`${t.payload} is not null`),
  ],
);

/** Connection metadata (IP, device, session times, socket id), kept 3 years after the session ends. */
export const realtimeConnectionLogs = pgTable(
  'realtime_connection_logs',
  {
    socketId: text('socket_id').primaryKey(),
    ...loggedProject(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    origin: text('origin'),
    connectedAt: millis('connected_at').notNull(),
    disconnectedAt: millis('disconnected_at'),
    closeCode: int('close_code'),
  },
  (t) => [index('realtime_connection_logs_project_idx').on(t.projectId, t.connectedAt), index('realtime_connection_logs_connected_idx').on(t.connectedAt)],
);

/** Every operator look at realtime logs (offer 000 §3.5.4): who, whose, what, why, when. */
export const realtimeLogAccessJournal = pgTable(
  'realtime_log_access_journal',
  {
    id: serialId(),
    operatorId: text('operator_id').notNull(),
    ...loggedProject(),
    what: text('what', { enum: ['messages', 'connections'] }).notNull(),
    reason: text('reason').notNull(),
    rows: int('rows').notNull(),
    at: int('at').notNull(),
  },
  (t) => [index('realtime_log_access_project_idx').on(t.projectId, t.at)],
);

/** The inactivity procedure of offer 000 §3.6.1 for an account that has realtime projects. */
export const realtimeAccountStates = pgTable('realtime_account_states', {
  accountId: cascadeKey('account_id', () => accounts.id),
  /** When the "12 months without activity" notice was mailed. */
  inactivityNoticeAt: millis('inactivity_notice_at'),
  /** Blocked 30 days after the notice; only the operator restores (a written request). */
  blockedAt: millis('blocked_at'),
  restoredAt: millis('restored_at'),
  updatedAt: millis('updated_at').notNull(),
});

/** "Increase limits" payments: which project moves to which tariff until which period end. */
export const realtimeLimitUpgrades = pgTable('realtime_limit_upgrades', {
  paymentId: cascadeKey('payment_id', () => payments.id),
  projectId: text('project_id').notNull(),
  fromTariffId: text('from_tariff_id').notNull(),
  toTariffId: text('to_tariff_id').notNull(),
  /** The period end the price was computed for. */
  periodEnd: int('period_end').notNull(),
  createdAt: createdAt(),
});

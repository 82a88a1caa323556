import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
import { payments } from './billing.js';

/**
 * A realtime project: a Pusher "app" (app id, key, secret). The secret is sealed with
 * AES-256-GCM (platform/lib/sealing.ts, the row id bound in) and shown to the licensee once.
 */
export const realtimeProjects = sqliteTable(
  'realtime_projects',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Digits only: some Pusher server SDKs (Python) refuse any other app id. */
    appId: text('app_id').notNull(),
    /** The public key clients connect with (/app/{key}). */
    key: text('key').notNull(),
    secretSealed: text('secret_sealed').notNull(),
    /** Last four characters, so the licensee can tell which secret a server holds. */
    secretHint: text('secret_hint').notNull(),
    secretRotatedAt: integer('secret_rotated_at').notNull(),
    tariffId: text('tariff_id').notNull().default('rt_free'),
    /** The prepaid period (paid tariffs); null until the first payment. */
    periodStart: integer('period_start'),
    periodEnd: integer('period_end'),
    allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
    clientEvents: integer('client_events', { mode: 'boolean' }).notNull().default(false),
    /** Operator's block, with the reason shown to the licensee. */
    blockedAt: integer('blocked_at'),
    blockReason: text('block_reason'),
    /** Last accepted message or connection (day resolution): the inactivity rule of offer 000 §3.6.1. */
    lastActivityAt: integer('last_activity_at').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('realtime_projects_app_id_uq').on(t.appId), uniqueIndex('realtime_projects_key_uq').on(t.key), index('realtime_projects_account_idx').on(t.accountId)],
);

/** Per project per UTC day: the message counter the daily limit guards, plus statistics. */
export const realtimeUsageDaily = sqliteTable(
  'realtime_usage_daily',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => realtimeProjects.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD, UTC. */
    day: text('day').notNull(),
    messages: integer('messages').notNull().default(0),
    rejectedMessages: integer('rejected_messages').notNull().default(0),
    connectionsOpened: integer('connections_opened').notNull().default(0),
    rejectedConnections: integer('rejected_connections').notNull().default(0),
    peakConnections: integer('peak_connections').notNull().default(0),
    /** Highest usage notice sent that day (0, 80, 100), so each goes out once. */
    notifiedPercent: integer('notified_percent').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.day] })],
);

/**
 * One row per accepted message (offer 000 §3.5): the payload is destroyed after 6 months, the
 * rest (metadata) after 3 years. No foreign keys: 149-FZ retention outlives the project and the
 * account (offer §3.6.1, last sentence).
 */
export const realtimeMessageLogs = sqliteTable(
  'realtime_message_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: text('project_id').notNull(),
    accountId: text('account_id').notNull(),
    at: integer('at').notNull(),
    source: text('source', { enum: ['api', 'client'] }).notNull(),
    event: text('event').notNull(),
    channels: text('channels', { mode: 'json' }).$type<string[]>().notNull(),
    /** The sending connection (client events) or the one excluded (API socket_id). */
    socketId: text('socket_id'),
    ip: text('ip'),
    /** Subscribers on this node when the message was fanned out. */
    recipients: integer('recipients').notNull(),
    payloadBytes: integer('payload_bytes').notNull(),
    payload: text('payload'),
    payloadDestroyedAt: integer('payload_destroyed_at'),
  },
  (t) => [
    index('realtime_message_logs_at_idx').on(t.at),
    index('realtime_message_logs_project_idx').on(t.projectId, t.at),
    // The retention job looks only for payloads still held; destroyed ones must not be rescanned hourly.
    index('realtime_message_logs_payload_idx').on(t.at).where(sql`${t.payload} is not null`),
  ],
);

/** Connection metadata (IP, device, session times, socket id), kept 3 years after the session ends. */
export const realtimeConnectionLogs = sqliteTable(
  'realtime_connection_logs',
  {
    socketId: text('socket_id').primaryKey(),
    projectId: text('project_id').notNull(),
    accountId: text('account_id').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    origin: text('origin'),
    connectedAt: integer('connected_at').notNull(),
    disconnectedAt: integer('disconnected_at'),
    closeCode: integer('close_code'),
  },
  (t) => [index('realtime_connection_logs_project_idx').on(t.projectId, t.connectedAt), index('realtime_connection_logs_connected_idx').on(t.connectedAt)],
);

/** Every operator look at realtime logs (offer 000 §3.5.4): who, whose, what, why, when. */
export const realtimeLogAccessJournal = sqliteTable(
  'realtime_log_access_journal',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    operatorId: text('operator_id').notNull(),
    projectId: text('project_id').notNull(),
    accountId: text('account_id').notNull(),
    what: text('what', { enum: ['messages', 'connections'] }).notNull(),
    reason: text('reason').notNull(),
    rows: integer('rows').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('realtime_log_access_project_idx').on(t.projectId, t.at)],
);

/** The inactivity procedure of offer 000 §3.6.1 for an account that has realtime projects. */
export const realtimeAccountStates = sqliteTable('realtime_account_states', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** When the "12 months without activity" notice was mailed. */
  inactivityNoticeAt: integer('inactivity_notice_at'),
  /** Blocked 30 days after the notice; only the operator restores (a written request). */
  blockedAt: integer('blocked_at'),
  restoredAt: integer('restored_at'),
  updatedAt: integer('updated_at').notNull(),
});

/** "Increase limits" payments: which project moves to which tariff until which period end. */
export const realtimeLimitUpgrades = sqliteTable('realtime_limit_upgrades', {
  paymentId: text('payment_id')
    .primaryKey()
    .references(() => payments.id, { onDelete: 'cascade' }),
  projectId: text('project_id').notNull(),
  fromTariffId: text('from_tariff_id').notNull(),
  toTariffId: text('to_tariff_id').notNull(),
  /** The period end the price was computed for. */
  periodEnd: integer('period_end').notNull(),
  createdAt: integer('created_at').notNull(),
});

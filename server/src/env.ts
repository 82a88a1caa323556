// The only reader of process.env: parsed once with zod, failing fast with a readable message.
import { z } from 'zod';
import { isValidInn } from '#contracts/schemas/requisites.js';

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'on', 'yes'].includes(v)));
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
/** A service's base URL, without trailing slashes, so that paths are appended as "/…". */
const baseUrl = (fallback: string) =>
  z
    .string()
    .url()
    .default(fallback)
    .transform((u) => u.replace(/\/+$/, ''));
/** A list in one variable: split on `separator`, each item trimmed, empty ones dropped. */
const list = (fallback: string, separator: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(separator)
        .map((item) => item.trim())
        .filter(Boolean),
    );

/**
 * The longest a backup may be kept. A lead destroyed at 365 days lives on in the backups taken
 * before that, until they are removed; 152-FZ art. 21 gives 30 days to destroy personal data
 * once its purpose is reached, so no copy may outlive the destruction by more than that.
 */
export const MAX_BACKUP_RETENTION_DAYS = 30;

function envSchema(production: boolean) {
  return z
    .object({
      NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
      HOST: z.string().default('0.0.0.0'),
      PORT: int(8787, 0).pipe(z.number().max(65535)),
      /** Where browsers reach this server; defaults to http://localhost:PORT. */
      PUBLIC_URL: z
        .string()
        .url()
        .optional()
        .transform((u) => u?.replace(/\/+$/, '')),
      DATABASE_PATH: z.string().min(1).default('./data/widgetry.db'),
      /** postgres://user:pass@host:port/db — set, the platform runs on PostgreSQL instead of the SQLite file. */
      DATABASE_URL: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
        .optional(),
      /** Connections each process opens to PostgreSQL. */
      DATABASE_POOL_SIZE: int(10, 1),
      /** Where `npm run backup` writes backups (they hold personal data: keep it private). */
      BACKUP_DIR: z.string().min(1).default('./data/backups'),
      /** Days a backup is kept before the backup job (and `npm run backup`) removes it. */
      BACKUP_RETENTION_DAYS: int(7, 1).pipe(
        z.number().max(MAX_BACKUP_RETENTION_DAYS, `at most ${MAX_BACKUP_RETENTION_DAYS}: a backup keeps leads past their destruction at 365 days for this long, and 152-FZ allows 30 days`),
      ),
      /**
       * redis://[:password@]host:port[/db] — set, several nodes share realtime fan-out, presence,
       * connection counts, rate limits and cache invalidation through it; unset, one node keeps them in memory.
       */
      REDIS_URL: z
        .string()
        .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
        .optional(),
      /** Prefix of every Redis key and pub/sub channel: deployments (or test runs) sharing one Redis stay apart. */
      REDIS_PREFIX: z.string().min(1).default('widgetry:'),
      /** A node silent this long (killed, cut off) is presumed dead: its realtime slots and presence members are freed. */
      REDIS_NODE_TTL_MS: int(10_000, 300),
      /** smtp(s)://user:pass@host:port — without it, mail goes to the dev outbox. */
      SMTP_URL: z.string().url().optional(),
      MAIL_FROM: z.string().default('Widgetry <no-reply@widgetry.local>'),
      BRAND_NAME: z.string().min(1).default('Widgetry'),
      /** Where the "made with" badge sends a visitor once /v1/sites/{siteKey}/badge has counted the visit; default: the public page. */
      BADGE_URL: z.string().url().optional(),
      /** Comma-separated e-mails that get the operator role at sign-in. */
      OPERATOR_EMAILS: list('', ',').transform((emails) => emails.map((e) => e.toLowerCase())),
      LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
      /** Bearer token for GET /metrics; without it the metrics answer only requests from this machine, not through a proxy. */
      METRICS_TOKEN: z.string().min(16, 'at least 16 characters (e.g. `openssl rand -hex 24`)').optional(),
      /**
       * The /dev/outbox page of mails not sent (no SMTP_URL). It shows every sign-in code, so it is
       * off unless switched on (`npm start` and `npm run dev` do, for a try on this machine) and
       * refused in production.
       */
      DEV_OUTBOX: flag(false),
      /** Apply the migrations at start; off in production, where `npm run migrate` is its own step before the nodes start. */
      MIGRATE_ON_START: flag(!production),
      /** Seconds a SIGTERM waits for requests, sockets and deliveries in flight before the process exits anyway. */
      SHUTDOWN_TIMEOUT: int(10, 1),
      /** Seed a demo account, site and widget at start. */
      DEMO_SEED: flag(!production),
      /** Ignore impressions from obvious bots (headless browsers, crawlers). */
      BOT_FILTER: flag(true),
      /** Read the client IP from X-Forwarded-For (only behind a proxy you control). */
      TRUST_PROXY: flag(false),
      /** npm run bench only: mounts GET/POST /__bench/bare, the baseline the embed routes are measured against. */
      BENCH_BASELINE_ROUTE: flag(false),
      /** npm run bench only: realtime logs are not written (the "log skipped" variant of part 6). Never in production. */
      BENCH_SKIP_MESSAGE_LOG: flag(false),
      /**
       * Realtime connection and message logs are written in batches this often (ms): a crash loses
       * at most this much of them (realtime/log-writer.ts). 0 writes each row at once (tests).
       */
      REALTIME_LOG_FLUSH_MS: int(200, 0),
      LEAD_MIN_FILL_MS: int(1500),
      LEAD_RATE_PER_IP_PER_MINUTE: int(10, 1),
      LEAD_RATE_PER_WIDGET_PER_MINUTE: int(60, 1),
      /** Event beacons per IP per minute: a page view sends one to three; an office behind one IP sends many. */
      EVENTS_RATE_PER_IP_PER_MINUTE: int(600, 1),
      LOGIN_CODES_PER_EMAIL_PER_HOUR: int(5, 1),
      /** Open realtime sockets from one address to one app (a project, or the platform's dashboards and chat), on all nodes together. */
      REALTIME_SOCKETS_PER_IP: int(20, 1),
      /** Realtime connection attempts from one address to one app per minute. */
      REALTIME_CONNECTS_PER_IP_PER_MINUTE: int(120, 1),
      LOGIN_CODES_PER_IP_PER_HOUR: int(30, 1),
      /** YooKassa shop; without both, payments are "manual" (the operator marks them paid). */
      YOOKASSA_SHOP_ID: z.string().min(1).optional(),
      YOOKASSA_SECRET_KEY: z.string().min(1).optional(),
      YOOKASSA_API_URL: baseUrl('https://api.yookassa.ru/v3'),
      /** Where YooKassa webhooks may come from (CIDR list); YooKassa's published ranges by default. */
      YOOKASSA_WEBHOOK_SOURCES: list('185.71.76.0/27,185.71.77.0/27,77.75.153.0/25,77.75.156.11/32,77.75.156.35/32,77.75.154.128/25,2a02:5180::/32', ','),
      /**
       * AES-256-GCM key sealing integration secrets and URLs at rest: 32 bytes, base64 or hex.
       * Required in production (checked at start, platform/lib/sealing-key.ts); development makes one.
       */
      INTEGRATIONS_KEY: z
        .string()
        .optional()
        .transform((raw, ctx) => {
          if (raw === undefined || raw === '') return undefined;
          const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
          if (key.length !== 32) {
            ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, base64 or hex (e.g. `openssl rand -base64 32`)' });
            return z.NEVER;
          }
          return key;
        }),
      /** The operator's Telegram bot (from @BotFather); without it Telegram cannot be connected. */
      TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
      TELEGRAM_API_BASE: baseUrl('https://api.telegram.org'),
      /** Let webhooks, amoCRM and Bitrix24 reach private and loopback addresses over plain http too (tests, closed networks). */
      WEBHOOKS_ALLOW_PRIVATE: flag(false),
      /** How long a worker's claim on an in-flight delivery lasts unrenewed: a crashed process's deliveries resume after it. */
      DELIVERY_LEASE_SECONDS: int(30, 2),
      /** The seller's requisites printed on invoices and acts (name, INN, KPP, OGRN, address, bank); "\n" separates lines. */
      SELLER_REQUISITES: list('Укажите реквизиты продавца в SELLER_REQUISITES', '\\n'),
      // The operator's bank details: what a licensee paying without YooKassa transfers to. Printed
      // on invoices and shown on the return page; without them, manual payments can only say to
      // ask the operator for details.
      SELLER_NAME: z.string().trim().min(2).optional(),
      SELLER_INN: z.string().trim().refine(isValidInn, 'a valid INN (10 or 12 digits)').optional(),
      SELLER_KPP: z
        .string()
        .trim()
        .regex(/^\d{4}[\dA-Z]{2}\d{3}$/, '9 characters')
        .optional(),
      SELLER_BANK: z.string().trim().min(2).optional(),
      SELLER_BIK: z
        .string()
        .trim()
        .regex(/^\d{9}$/, '9 digits')
        .optional(),
      /** Расчётный счёт. */
      SELLER_ACCOUNT: z
        .string()
        .trim()
        .regex(/^\d{20}$/, '20 digits')
        .optional(),
      /** Корреспондентский счёт of the bank. */
      SELLER_CORR_ACCOUNT: z
        .string()
        .trim()
        .regex(/^\d{20}$/, '20 digits')
        .optional(),
      ASSETS_DIR: z.string().default('./dist/public'),
      DASHBOARD_DIR: z.string().default('./dist/dashboard'),
    })
    .superRefine((env, ctx) => {
      // Half the bank details would print an invoice nobody can pay: all five, or none.
      const required = ['SELLER_NAME', 'SELLER_INN', 'SELLER_BANK', 'SELLER_BIK', 'SELLER_ACCOUNT'] as const;
      if (required.some((k) => env[k]) && !required.every((k) => env[k])) {
        for (const k of required.filter((k) => !env[k])) ctx.addIssue({ code: 'custom', path: [k], message: `required with the other bank details (${required.join(', ')})` });
      }
      if (production) for (const [path, message] of productionProblems(env)) ctx.addIssue({ code: 'custom', path: [path], message });
    })
    .transform((env) => ({ ...env, PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`, SELLER_BANK_DETAILS: bankDetailsOf(env) }));
}

/**
 * What production cannot run without: mail that leaves, a public https address (sessions,
 * snippets and mails carry it), the key sealing secrets at rest, someone to operate it; and no
 * page that shows sign-in codes. Each problem is named, so one start lists all of them.
 */
function productionProblems(env: { SMTP_URL?: string; PUBLIC_URL?: string; INTEGRATIONS_KEY?: Buffer; OPERATOR_EMAILS: string[]; DEV_OUTBOX: boolean }): [string, string][] {
  const problems: [string, string][] = [];
  if (!env.SMTP_URL) problems.push(['SMTP_URL', 'required in production: smtp(s)://user:pass@host:port (sign-in codes and leads go out by mail)']);
  if (!env.PUBLIC_URL) problems.push(['PUBLIC_URL', 'required in production: the https:// address people and pages reach this server at']);
  else if (!env.PUBLIC_URL.startsWith('https://')) problems.push(['PUBLIC_URL', 'must be an https:// address in production']);
  if (!env.INTEGRATIONS_KEY) problems.push(['INTEGRATIONS_KEY', 'required in production: 32 bytes, base64 or hex (`openssl rand -base64 32`), sealing secrets at rest']);
  if (env.OPERATOR_EMAILS.length === 0) problems.push(['OPERATOR_EMAILS', 'required in production: the e-mails of the operators (comma-separated)']);
  if (env.DEV_OUTBOX) problems.push(['DEV_OUTBOX', 'never on in production: the dev outbox shows every sign-in code']);
  return problems;
}

export type Env = z.infer<ReturnType<typeof envSchema>>;

/** Where a bank transfer goes; all or nothing (a transfer with half the details would bounce). */
export interface BankDetails {
  name: string;
  inn: string;
  kpp: string | null;
  bank: string;
  bik: string;
  account: string;
  corrAccount: string | null;
}

function bankDetailsOf(env: {
  SELLER_NAME?: string;
  SELLER_INN?: string;
  SELLER_KPP?: string;
  SELLER_BANK?: string;
  SELLER_BIK?: string;
  SELLER_ACCOUNT?: string;
  SELLER_CORR_ACCOUNT?: string;
}): BankDetails | null {
  const { SELLER_NAME: name, SELLER_INN: inn, SELLER_BANK: bank, SELLER_BIK: bik, SELLER_ACCOUNT: account } = env;
  if (!name || !inn || !bank || !bik || !account) return null;
  return { name, inn, kpp: env.SELLER_KPP ?? null, bank, bik, account, corrAccount: env.SELLER_CORR_ACCOUNT ?? null };
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema(source.NODE_ENV === 'production').safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

/** Env for tests and tools: defaults plus overrides, no process.env. */
export const testEnv = (overrides: Record<string, string> = {}): Env => loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_SEED: 'off', REALTIME_LOG_FLUSH_MS: '0', ...overrides });

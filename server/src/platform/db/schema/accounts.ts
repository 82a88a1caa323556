import { index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { millis, int, counter, accountRef, operatorBlock, createdAt } from './columns.js';
import { LANGS } from '#contracts/core/lang.js';
import type { TariffLimits } from '../../tariffs/catalogue.js';

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    /** Lower-cased: one account per e-mail, case-insensitive. */
    email: text('email').notNull(),
    role: text('role', { enum: ['licensee', 'operator'] })
      .notNull()
      .default('licensee'),
    tariffId: text('tariff_id').notNull().default('free'),
    /** Limits of the Individual tariff, set by the operator for this account only. */
    individualLimits: jsonb('individual_limits').$type<TariffLimits>(),
    /** Price of a 30-day period of this account's Individual tariff, set by the operator (kopecks). */
    individualPriceKopecks: int('individual_price_kopecks'),
    /** Impression periods are 30-day windows counted from here. */
    periodAnchorAt: millis('period_anchor_at').notNull(),
    consentAt: millis('consent_at').notNull(),
    consentVersion: text('consent_version').notNull(),
    createdAt: createdAt(),
    lastLoginAt: millis('last_login_at'),
    /**
     * The language the account's mails are written in: the dashboard's at sign-up and at each
     * sign-in, and whenever the person switches it there.
     */
    lang: text('lang', { enum: LANGS }).notNull().default('ru'),
    /** When the "your account will be deleted for inactivity" mail went out (offer 003 §7.4). */
    inactivityWarnedAt: millis('inactivity_warned_at'),
    /** Operator's block: nothing of the account is served. */
    ...operatorBlock(),
  },
  (t) => [uniqueIndex('accounts_email_uq').on(t.email)],
);

export const loginCodes = pgTable(
  'login_codes',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: counter('attempts'),
    expiresAt: millis('expires_at').notNull(),
    usedAt: millis('used_at'),
    createdAt: createdAt(),
    /** The documents version the person consented to when asking for the code. */
    consentVersion: text('consent_version').notNull(),
  },
  (t) => [index('login_codes_email_idx').on(t.email, t.createdAt)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    /** Only the SHA-256 of the cookie token is stored: a leaked table opens no sessions. */
    tokenHash: text('token_hash').notNull(),
    accountId: accountRef(),
    /**
     * The team account this person works in now (as a member); null: their own. No foreign key:
     * the membership is checked on every request, and a deleted team simply is not found (an
     * ALTER-added SQLite key could not say ON DELETE SET NULL, and would block the deletion).
     */
    teamAccountId: text('team_account_id'),
    createdAt: createdAt(),
    expiresAt: millis('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_account_idx').on(t.accountId)],
);

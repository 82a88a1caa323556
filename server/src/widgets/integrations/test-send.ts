// "Send a test lead": a made-up lead straight to the destination, outside the outbox, so the
// licensee sees at once whether the settings work.
import { eq } from 'drizzle-orm';
import type { Lang } from '#contracts/core/lang.js';
import type { AppDeps } from '../../deps.js';
import { randomId } from '../../platform/lib/ids.js';
import { testLeadDocument } from './lead-document.js';
import { sendTo } from './send.js';
import { destinationSettings, type IntegrationRow } from './store.js';

export interface TestResult {
  ok: boolean;
  outcome: 'delivered' | 'failed' | 'throttled' | 'partial' | 'broken';
  statusCode: number | null;
  error: string | null;
  /** When the destination asked us to wait (Telegram 429, Bitrix24 QUERY_LIMIT_EXCEEDED). */
  retryAt: number | null;
}

/** account: the sign-in address of the account the destination belongs to, and the language of its mails. */
export async function sendTestLead(deps: AppDeps, row: IntegrationRow, account: { email: string; lang: Lang }): Promise<TestResult> {
  const { env, clock, sealer } = deps;
  const { db } = deps.store;
  const { integrations, sites } = db.tables;
  const now = clock.now();
  if (row.pausedUntil > now) return { ok: false, outcome: 'throttled', statusCode: null, error: 'destination is pacing messages', retryAt: row.pausedUntil };
  const [site] = await db.select({ id: sites.id, name: sites.name, timezone: sites.timezone }).from(sites).where(eq(sites.id, row.siteId));
  const config = destinationSettings(sealer, row, account.email);
  if (!site || !config) return { ok: false, outcome: 'failed', statusCode: null, error: 'no settings', retryAt: null };
  const outcome = await sendTo(row.kind, {
    env,
    mailer: deps.mailer,
    clock,
    // Only the lead mail is written in the account's language so far: the other destinations' test lead stays Russian, not half translated.
    doc: testLeadDocument(site, now, row.kind === 'email' ? account.lang : 'ru'),
    lang: account.lang,
    config,
    messageId: `msg_test_${randomId(16)}`,
    progress: null,
    throttles: 0,
  });
  const later = clock.now();
  if (outcome.pauseUntil) await db.update(integrations).set({ pausedUntil: outcome.pauseUntil }).where(eq(integrations.id, row.id));
  if (outcome.kind === 'broken') {
    await db.update(integrations).set({ status: outcome.integrationStatus, statusReason: outcome.error, updatedAt: later }).where(eq(integrations.id, row.id));
  }
  return {
    ok: outcome.kind === 'delivered',
    outcome: outcome.kind,
    statusCode: outcome.statusCode ?? null,
    error: 'error' in outcome ? outcome.error : null,
    retryAt: outcome.kind === 'throttled' || outcome.kind === 'partial' ? outcome.until : null,
  };
}

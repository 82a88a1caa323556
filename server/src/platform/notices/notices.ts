// Operator announcements: planned maintenance is shown and mailed 24 h ahead; changes of the
// legal documents or tariffs 14 days ahead (offer terms). Each is mailed once.
import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import { localeOf, type Lang } from '#contracts/core/lang.js';
import type { notices } from '../db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import { DAY, HOUR } from '../lib/clock.js';

export const NOTICE_LEAD_MS: Record<(typeof notices.$inferSelect)['kind'], number> = {
  maintenance: 24 * HOUR,
  documents: 14 * DAY,
  tariffs: 14 * DAY,
};
/** How long after taking effect a notice stays visible. */
const VISIBLE_AFTER_MS = DAY;

export async function visibleNotices(deps: AppDeps) {
  const now = deps.clock.now();
  const { notices } = deps.store.tables;
  // In the order they were announced, on either engine (PostgreSQL has no insertion order to fall back on).
  return (
    await deps.store.db
      .select()
      .from(notices)
      .where(gte(notices.effectiveAt, now - VISIBLE_AFTER_MS))
      .orderBy(notices.createdAt, notices.id)
  )
    .filter((n) => n.effectiveAt - NOTICE_LEAD_MS[n.kind] <= now)
    .map(({ id, kind, title, body, titleEn, bodyEn, effectiveAt }) => ({ id, kind, title, body, titleEn, bodyEn, effectiveAt }));
}

export async function mailDueNotices(deps: AppDeps): Promise<void> {
  const { clock, env } = deps;
  const { db } = deps.store;
  const { accounts, notices } = db.tables;
  const now = clock.now();
  const due = (
    await db
      .select()
      .from(notices)
      .where(and(isNull(notices.mailedAt), lte(notices.effectiveAt, now + 14 * DAY)))
  ).filter((n) => n.effectiveAt - NOTICE_LEAD_MS[n.kind] <= now);
  for (const n of due) {
    // Claim first: another run (here or on another process) finds it taken and mails nothing.
    const [claimed] = await db
      .update(notices)
      .set({ mailedAt: now })
      .where(and(eq(notices.id, n.id), isNull(notices.mailedAt)))
      .returning();
    if (!claimed) continue;
    for (const a of await db.select({ email: accounts.email, lang: accounts.lang }).from(accounts).where(eq(accounts.role, 'licensee'))) {
      await deps.mail.send({ to: a.email, ...noticeMail(env.BRAND_NAME, n, a.lang) }).catch((err) => deps.logger.error('notice.mail_failed', { noticeId: n.id, error: String(err) }));
    }
  }
}

/**
 * In the account's language (its dashboard's at the last sign-in or switch). The operator writes
 * the text; one who wrote no English leaves an English account's letter carrying the text as
 * written — deliberately: the news (maintenance, new documents or tariffs) matters more than the
 * letter's language — under an English line saying when it takes effect.
 */
function noticeMail(brand: string, n: typeof notices.$inferSelect, lang: Lang): { subject: string; text: string } {
  const when = new Date(n.effectiveAt).toLocaleString(localeOf(lang), { timeZone: 'Europe/Moscow' });
  if (lang === 'ru') return { subject: `${brand}: ${n.title}`, text: `${n.body}\n\nВступает в силу: ${when} (МСК).` };
  const [title, body] = n.titleEn !== null && n.bodyEn !== null ? [n.titleEn, n.bodyEn] : [n.title, n.body];
  return { subject: `${brand}: ${title}`, text: `${body}\n\nTakes effect: ${when} (Moscow time).` };
}

// Operator announcements: planned maintenance is shown and mailed 24 h ahead; changes of the
// legal documents or tariffs 14 days ahead (offer terms). Each is mailed once.
import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import { accounts, notices } from '../db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import { DAY, HOUR } from '../lib/clock.js';

export const NOTICE_LEAD_MS: Record<(typeof notices.$inferSelect)['kind'], number> = {
  maintenance: 24 * HOUR,
  documents: 14 * DAY,
  tariffs: 14 * DAY,
};
/** How long after taking effect a notice stays visible. */
const VISIBLE_AFTER_MS = DAY;

export function visibleNotices(deps: AppDeps) {
  const now = deps.clock.now();
  return deps.db
    .select()
    .from(notices)
    .where(gte(notices.effectiveAt, now - VISIBLE_AFTER_MS))
    .all()
    .filter((n) => n.effectiveAt - NOTICE_LEAD_MS[n.kind] <= now)
    .map(({ id, kind, title, body, effectiveAt }) => ({ id, kind, title, body, effectiveAt }));
}

export async function mailDueNotices(deps: AppDeps): Promise<void> {
  const { db, clock, env } = deps;
  const now = clock.now();
  const due = db
    .select()
    .from(notices)
    .where(and(isNull(notices.mailedAt), lte(notices.effectiveAt, now + 14 * DAY)))
    .all()
    .filter((n) => n.effectiveAt - NOTICE_LEAD_MS[n.kind] <= now);
  for (const n of due) {
    const claimed = db.update(notices).set({ mailedAt: now }).where(and(eq(notices.id, n.id), isNull(notices.mailedAt))).returning().get();
    if (!claimed) continue;
    const when = new Date(n.effectiveAt).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' });
    for (const a of db.select({ email: accounts.email }).from(accounts).where(eq(accounts.role, 'licensee')).all()) {
      await deps.mailer
        .send({ to: a.email, subject: `${env.BRAND_NAME}: ${n.title}`, text: `${n.body}\n\nВступает в силу: ${when} (МСК).` })
        .catch((err) => deps.logger.error('notice.mail_failed', { noticeId: n.id, error: String(err) }));
    }
  }
}

// The public abuse form (offer 003 §12.6): anyone may report a widget; the operator answers
// within 30 days.
import { Hono } from 'hono';
import { abuseComplaintSchema } from '#contracts/schemas/operator.js';
import type { AppDeps } from '../../deps.js';
import { clientIp } from '../lib/client-ip.js';
import { DAY, HOUR } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { readJson } from '../lib/json-body.js';
import { mailOperators } from '../mail/operators.js';
import { dashboardUrl } from '../mail/dashboard-url.js';

const ABUSE_ANSWER_DAYS = 30;

export function createAbuseRoutes(deps: AppDeps) {
  const perIp = deps.rateLimits.limiter({ name: 'abuse-reports-per-ip', limit: 10, windowMs: HOUR });
  return new Hono().post('/', async (c) => {
    const body = await readJson(c, abuseComplaintSchema);
    await perIp.enforce(clientIp(c, deps.env.TRUST_PROXY), 'Слишком много обращений. Попробуйте позже.');
    const now = deps.clock.now();
    const { abuseComplaints } = deps.store.tables;
    const row = (
      await deps.store.db
        .insert(abuseComplaints)
        .values({ id: newId('abuse'), ...body, createdAt: now, dueAt: now + ABUSE_ANSWER_DAYS * DAY, updatedAt: now })
        .returning({ id: abuseComplaints.id, dueAt: abuseComplaints.dueAt })
    )[0]!;
    const { BRAND_NAME } = deps.env;
    await mailOperators(
      deps,
      (lang, locale) => {
        const due = new Date(row.dueAt).toLocaleDateString(locale, { timeZone: 'Europe/Moscow' });
        const url = dashboardUrl(deps.env, 'admin/abuse', lang);
        return lang === 'en'
          ? { subject: `${BRAND_NAME}: new complaint ${row.id}`, text: `Complaint ${row.id} received. Answer by ${due}. ${url}` }
          : { subject: `${BRAND_NAME}: новая жалоба ${row.id}`, text: `Поступила жалоба ${row.id}. Срок ответа: ${due}. ${url}` };
      },
      (err) => deps.logger.error('abuse.mail_failed', { complaintId: row.id, error: String(err) }),
    );
    return c.json(row, 201);
  });
}

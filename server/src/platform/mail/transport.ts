// Where mail really goes, for the dashboard to say so: without SMTP_URL nothing leaves this
// server — mail is kept in memory for the dev outbox page (when DEV_OUTBOX is on), or nowhere
// readable at all.
import type { AppDeps } from '../../deps.js';

export type MailTransport = 'smtp' | 'dev_outbox' | 'not_sent';

export function mailTransport(deps: Pick<AppDeps, 'env'>): MailTransport {
  if (deps.env.SMTP_URL) return 'smtp';
  return deps.env.DEV_OUTBOX && deps.env.NODE_ENV !== 'production' ? 'dev_outbox' : 'not_sent';
}

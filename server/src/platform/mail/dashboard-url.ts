// Links from mails into the dashboard. An English account's link asks for English (?lang=en): a
// device that never chose a language would otherwise open the Russian sign-in form first. Russian
// is the dashboard's default, so a Russian link says nothing.
import type { Lang } from '#contracts/core/lang.js';

/**
 * `path` is the dashboard's own, after /app/: '' for its home, 'leads', 'team/invitations/mem_1';
 * a query of its own is kept ('confirm-email?token=…' gets '&lang=en').
 */
export function dashboardUrl(env: { PUBLIC_URL: string }, path: string, lang: Lang): string {
  const url = `${env.PUBLIC_URL}/app/${path.replace(/^\/+/, '')}`;
  if (lang !== 'en') return url;
  return `${url}${url.includes('?') ? '&' : '?'}lang=en`;
}

// E-mail: one message to the licensee's addresses, HTML and text. The subject names the site,
// never the visitor: subjects show up in notifications, previews and mail logs.
import type { Lang } from '#contracts/core/lang.js';
import { formatPhone } from '#contracts/core/phone-format.js';
import type { Mail } from '../../../platform/mail/mailer.js';
import type { EmailConfig } from '../destination-config.js';
import { leadHeading, leadLines, leadReceivedAt, type LeadDocument } from '../lead-document.js';
import type { Destination } from './outcome.js';
import { dashboardUrl } from '../../../platform/mail/dashboard-url.js';

/** Only an E.164 value becomes a tel: link (as in the dashboard): anything else would be dialled as typed. */
const E164 = /^\+\d{8,15}$/;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** In the account's language (its dashboard's at the last sign-in or switch); the owner's field labels as written. */
function leadMail(doc: LeadDocument, brand: string, allLeadsUrl: string, lang: Lang): Omit<Mail, 'to'> {
  const en = lang === 'en';
  const heading = leadHeading(doc, lang);
  // Phones grouped as the dashboard shows them (+7 916 555-12-34), in both languages.
  const lines = leadLines(doc, { lang }).map((l) => (l.phone ? { ...l, value: formatPhone(l.value), tel: E164.test(l.value) ? l.value : null } : { ...l, tel: null }));
  const when = leadReceivedAt(doc);
  const [received, all] = en ? ['Received', 'All leads'] : ['Получена', 'Все заявки'];
  const text = [heading, '', ...lines.map((l) => `${l.label}: ${l.value}`), '', `${received}: ${when}`, `${all}: ${allLeadsUrl}`].join('\n');
  const rows = lines
    .map(
      (l) =>
        `<tr><th align="left" style="padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(l.label)}</th><td style="padding:4px 0;white-space:pre-wrap">${l.tel ? `<a href="tel:${l.tel}">${escapeHtml(l.value)}</a>` : escapeHtml(l.value)}</td></tr>`,
    )
    .join('');
  const html =
    `<!doctype html><html lang="${lang}"><body style="font-family:Arial,sans-serif;font-size:14px;color:#1f2937">` +
    `<h2 style="font-size:18px">${escapeHtml(heading)}</h2><table cellspacing="0" cellpadding="0">${rows}</table>` +
    `<p style="color:#6b7280">${received}: ${escapeHtml(when)} · <a href="${escapeHtml(allLeadsUrl)}">${all.toLowerCase()}</a></p></body></html>`;
  const site = doc.site.name ? (en ? ` from the site “${doc.site.name}”` : ` с сайта «${doc.site.name}»`) : '';
  const subject = `${brand}: ${en ? (doc.test ? 'test lead' : 'new lead') : doc.test ? 'тестовая заявка' : 'новая заявка'}${site}`;
  return { subject, text, html };
}

export const sendEmail: Destination<EmailConfig> = async ({ env, mailer, doc, config, lang }) => {
  try {
    // "All leads" opens the leads list, not the overview.
    const allLeads = dashboardUrl(env, 'leads', lang);
    await mailer.send({ to: config.emails.join(', '), ...leadMail(doc, env.BRAND_NAME, allLeads, lang) });
    return { kind: 'delivered' };
  } catch (err) {
    // nodemailer's message may quote addresses; its codes do not.
    const e = err as { responseCode?: number; code?: string };
    return { kind: 'failed', statusCode: e.responseCode, error: `SMTP ${e.responseCode ?? e.code ?? 'error'}` };
  }
};

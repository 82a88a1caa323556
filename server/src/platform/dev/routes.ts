// Development helpers: the outbox of mails not sent (no SMTP_URL). Off unless DEV_OUTBOX, never in production.
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppDeps } from '../../deps.js';
import type { Context } from 'hono';
import { directFromThisMachine } from '../lib/direct-local.js';
import { notFound } from '../lib/errors.js';

/** The page's own words; the mails are shown as sent, in their own languages. */
const WORDS = {
  ru: {
    lang: 'ru',
    title: 'Исходящие письма',
    heading: 'Исходящие письма (режим разработки)',
    lead: 'SMTP_URL не задан, поэтому письма не отправляются, а показываются здесь. Сначала новые.',
    empty: 'Писем пока нет.',
    to: 'Кому:',
    subject: 'Тема:',
    time: 'Время:',
  },
  en: {
    lang: 'en',
    title: 'Outgoing mail',
    heading: 'Outgoing mail (development mode)',
    lead: 'SMTP_URL is not set, so letters are not sent but shown here. Newest first.',
    empty: 'No letters yet.',
    to: 'To:',
    subject: 'Subject:',
    time: 'Time:',
  },
};

export function createDevRoutes(deps: AppDeps) {
  const enabled = (c: Context) => {
    // It holds every sign-in code, the operator's included: switched on, never in production, and
    // only for this machine asking directly — not through a proxy, which connects from 127.0.0.1
    // on every visitor's behalf.
    if (!deps.env.DEV_OUTBOX || !deps.devOutbox || deps.env.NODE_ENV === 'production' || !directFromThisMachine(c, deps.env.TRUST_PROXY)) throw notFound('Page');
    return deps.devOutbox;
  };
  return new Hono()
    .get('/outbox.json', (c) => c.json({ mails: enabled(c).list() }))
    .get('/outbox', (c) => {
      const mails = enabled(c).list();
      // In one language: Russian, or English for ?lang=en (the English dashboard's links say so).
      const w = c.req.query('lang') === 'en' ? WORDS.en : WORDS.ru;
      return c.html(html`<!doctype html>
        <html lang="${w.lang}">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${w.title} — ${deps.env.BRAND_NAME}</title>
          </head>
          <body style="font-family: system-ui, sans-serif; max-width: 760px; margin: 2rem auto; padding: 0 1rem">
            <h1>${w.heading}</h1>
            <p>${w.lead}</p>
            ${mails.length === 0 ? html`<p>${w.empty}</p>` : ''}
            ${mails.map(
              (m) => html`<article style="border: 1px solid #ddd; border-radius: 8px; padding: 1rem; margin: 1rem 0">
                <div><b>${w.to}</b> ${m.to}</div>
                <div><b>${w.subject}</b> ${m.subject}</div>
                <div><b>${w.time}</b> ${new Date(m.sentAt).toISOString()}</div>
                <pre style="white-space: pre-wrap; overflow-wrap: anywhere">${m.text}</pre>
              </article>`,
            )}
          </body>
        </html>`);
    });
}

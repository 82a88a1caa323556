// What a visitor's browser sends the embed API, as every part of the bench sends it: one lead
// body, impression batches, and the headers of a desktop browser on the host site.
import { LOAD_ORIGIN } from './seed.js';

/** A desktop browser: the server's bot filter (on, as in production) must count these impressions and leads. */
export const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';

/** GET headers of a page on `origin`. */
export function browserHeaders(origin = LOAD_ORIGIN): Record<string, string> {
  return { 'user-agent': BROWSER_UA, origin };
}

/** POST headers as the embed sends them: text/plain keeps the request simple (no CORS preflight). */
export function textPlainHeaders(origin = LOAD_ORIGIN): Record<string, string> {
  return { ...browserHeaders(origin), 'content-type': 'text/plain;charset=UTF-8' };
}

/** One form's lead, sent from `page`. */
export function leadBody(siteKey: string, widgetId: string, page = `${LOAD_ORIGIN}/tea/oolong?utm_source=bench&utm_medium=cpc`): string {
  return JSON.stringify({
    site: siteKey,
    widget: widgetId,
    fields: { name: 'Мария Иванова', phone: '+7 916 555-12-34', email: 'maria@example.ru' },
    consent: true,
    elapsedMs: 5000,
    page,
    referrer: 'https://ya.ru/',
  });
}

/** `n` impressions of one widget in one batch. */
export function impressionsBody(siteKey: string, widgetId: string, n: number): string {
  return JSON.stringify({ site: siteKey, events: Array.from({ length: n }, () => ({ widget: widgetId, type: 'impression' })) });
}

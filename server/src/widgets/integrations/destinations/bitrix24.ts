// Bitrix24 through the portal's inbound webhook: crm.lead.add with title, name, phone, e-mail,
// comments and UTM fields. 503 QUERY_LIMIT_EXCEEDED (2 requests a second per portal) backs
// off 2 s, 4 s, 8 s ... up to a minute, without using up the retry schedule.
import type { Bitrix24Config } from '../destination-config.js';
import { HttpError, httpRequest, jsonBody } from '../http-client.js';
import { leadHeading, leadLines, type LeadDocument } from '../lead-document.js';
import { httpFailure, type Destination } from './outcome.js';

const BACKOFF_BASE_MS = 2000;
const BACKOFF_MAX_MS = 60_000;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

function bitrixLeadFields(doc: LeadDocument): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    TITLE: leadHeading(doc),
    NAME: doc.name ?? '',
    SOURCE_ID: 'WEB',
    SOURCE_DESCRIPTION: doc.pageUrl ?? '',
    // COMMENTS is rendered as HTML in the lead card.
    COMMENTS: leadLines(doc, { skip: ['name', 'phone', 'email'] })
      .map((l) => `${escapeHtml(l.label)}: ${escapeHtml(l.value)}`)
      .join('<br>'),
  };
  if (doc.phone) fields.PHONE = [{ VALUE: doc.phone, VALUE_TYPE: 'WORK' }];
  if (doc.email) fields.EMAIL = [{ VALUE: doc.email, VALUE_TYPE: 'WORK' }];
  for (const [key, value] of Object.entries(doc.utm)) fields[key.toUpperCase()] = value;
  return fields;
}

export const sendBitrix24: Destination<Bitrix24Config> = async ({ env, clock, doc, config, throttles }) => {
  try {
    const res = await httpRequest({
      url: `${config.webhookUrl}crm.lead.add.json`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: bitrixLeadFields(doc), params: { REGISTER_SONET_EVENT: 'Y' } }),
      allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
    });
    const reply = jsonBody(res) as { result?: unknown; error?: string } | undefined;
    if (res.status >= 200 && res.status < 300 && reply?.result) return { kind: 'delivered', statusCode: res.status };
    if (reply?.error === 'QUERY_LIMIT_EXCEEDED') {
      const until = clock.now() + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** throttles);
      return { kind: 'throttled', statusCode: res.status, error: 'Bitrix24: QUERY_LIMIT_EXCEEDED', until, pauseUntil: until };
    }
    // Bitrix24 error codes (INVALID_CREDENTIALS, NO_AUTH_FOUND ...) are fixed words, safe to keep.
    const code = reply?.error && /^[A-Z_]{3,60}$/.test(reply.error) ? reply.error : httpFailure(res.status);
    return { kind: 'failed', statusCode: res.status, error: `Bitrix24: ${code}` };
  } catch (err) {
    return { kind: 'failed', error: `Bitrix24: ${err instanceof HttpError ? err.message : 'request failed'}` };
  }
};

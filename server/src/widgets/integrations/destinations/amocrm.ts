// amoCRM: POST /api/v4/leads/complex creates the deal with a contact carrying the PHONE and
// EMAIL fields; the other fields follow as a common note. The created deal's id is kept as
// progress, so a retry after a failed note adds the note instead of a second deal.
import type { AmoCrmConfig } from '../destination-config.js';
import { HttpError, httpRequest, jsonBody } from '../http-client.js';
import { leadHeading, leadLines } from '../lead-document.js';
import { httpFailure, type Destination, type Outcome } from './outcome.js';

/** amoCRM allows 7 requests a second per account; 429 means wait a moment. */
const AMO_THROTTLE_MS = 2000;

function amoComplexLead(doc: Parameters<typeof leadHeading>[0], pipelineId?: number) {
  const fields = [
    ...(doc.phone ? [{ field_code: 'PHONE', values: [{ value: doc.phone, enum_code: 'WORK' }] }] : []),
    ...(doc.email ? [{ field_code: 'EMAIL', values: [{ value: doc.email, enum_code: 'WORK' }] }] : []),
  ];
  return [
    {
      name: leadHeading(doc),
      ...(pipelineId ? { pipeline_id: pipelineId } : {}),
      _embedded: {
        contacts: [{ name: doc.name ?? doc.phone ?? doc.email ?? 'Посетитель сайта', ...(fields.length ? { custom_fields_values: fields } : {}) }],
        tags: [{ name: 'Widgetry' }],
      },
    },
  ];
}

export const sendAmoCrm: Destination<AmoCrmConfig> = async ({ env, clock, doc, config, progress }) => {
  const call = (path: string, payload: unknown) =>
    httpRequest({
      url: `${config.baseUrl}${path}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
      body: JSON.stringify(payload),
      allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
    });
  const refused = (status: number, step: string, dealId?: string): Outcome =>
    status === 429
      ? { kind: 'throttled', statusCode: status, error: `amoCRM ${step}: 429`, until: clock.now() + AMO_THROTTLE_MS, pauseUntil: clock.now() + AMO_THROTTLE_MS, progress: dealId }
      : { kind: 'failed', statusCode: status, error: `amoCRM ${step}: ${status === 401 ? 'token rejected (401)' : httpFailure(status)}`, progress: dealId };

  try {
    let dealId = progress ?? undefined;
    let status = 200;
    if (!dealId) {
      const res = await call('/api/v4/leads/complex', amoComplexLead(doc, config.pipelineId));
      if (res.status < 200 || res.status >= 300) return refused(res.status, 'leads/complex');
      const created = jsonBody(res) as { id?: number }[] | undefined;
      const id = Array.isArray(created) ? created[0]?.id : undefined;
      if (!id) return { kind: 'failed', statusCode: res.status, error: 'amoCRM leads/complex: no deal id in the answer' };
      dealId = String(id);
      status = res.status;
    }
    const rest = leadLines(doc, { skip: ['name', 'phone', 'email'] });
    if (rest.length === 0) return { kind: 'delivered', statusCode: status, progress: dealId };
    const text = rest.map((l) => `${l.label}: ${l.value}`).join('\n');
    const note = await call('/api/v4/leads/notes', [{ entity_id: Number(dealId), note_type: 'common', params: { text } }]);
    if (note.status < 200 || note.status >= 300) return refused(note.status, 'leads/notes', dealId);
    return { kind: 'delivered', statusCode: note.status, progress: dealId };
  } catch (err) {
    return { kind: 'failed', error: `amoCRM: ${err instanceof HttpError ? err.message : 'request failed'}`, progress: progress ?? undefined };
  }
};

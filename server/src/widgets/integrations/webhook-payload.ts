// The JSON body of lead webhooks (generic, Calltouch, Roistat and 1C presets), in the Standard
// Webhooks envelope { type, timestamp, data }. Rendered from the lead on every try, so a retry
// carries the same body.
import type { LeadDocument } from './lead-document.js';

export function webhookPayload(doc: LeadDocument) {
  return {
    type: doc.test ? 'lead.test' : 'lead.created',
    timestamp: new Date(doc.createdAt).toISOString(),
    data: {
      id: doc.id,
      test: doc.test,
      createdAt: new Date(doc.createdAt).toISOString(),
      site: doc.site,
      widget: doc.widget,
      contact: { name: doc.name, phone: doc.phone, email: doc.email },
      fields: doc.fields,
      pageUrl: doc.pageUrl,
      referrer: doc.referrer,
      utm: doc.utm,
      consent: { at: new Date(doc.consentAt).toISOString(), marketing: doc.marketingConsent },
    },
  };
}
